"""Who provides which scheme and how each is handled, as installed on a new deployment.

Functional administrators change these in the admin afterwards. Takes the model classes as
arguments so the data migration can pass its historical models.
"""

from __future__ import annotations

MUNICIPALITY = None  # a scheme without provider is granted by the municipality itself

PROVIDERS = {
    "Dienst Toeslagen": ("https://www.belastingdienst.nl/toeslagen", False),
    "Sociale Verzekeringsbank (SVB)": ("https://www.svb.nl/kinderbijslag", False),
}

# scheme id: (provider name or None, automated grant, evidence kinds)
POLICIES = {
    "bijstand": (MUNICIPALITY, True, ["identity", "bank_statements"]),
    "individuele_inkomenstoeslag": (MUNICIPALITY, True, ["bank_statements"]),
    "meedoenregeling": (MUNICIPALITY, True, []),
    "meedoenpas": (MUNICIPALITY, True, []),
    "gelrepas": (MUNICIPALITY, True, []),
    "stadjerspas": (MUNICIPALITY, True, []),
    "collectieve_zorgverzekering": (MUNICIPALITY, True, []),
    "bijzondere_bijstand": (MUNICIPALITY, False, ["bank_statements"]),
    "studietoeslag": (MUNICIPALITY, False, ["income"]),
    "zorgtoeslag": ("Dienst Toeslagen", False, []),
    "huurtoeslag": ("Dienst Toeslagen", False, []),
    "kindgebonden_budget": ("Dienst Toeslagen", False, []),
    "kinderbijslag": ("Sociale Verzekeringsbank (SVB)", False, []),
}


def install_defaults(provider_model, policy_model) -> None:
    """Create what is missing; never overwrite what an administrator changed."""
    providers = {
        name: provider_model.objects.get_or_create(
            name=name, defaults={"website": site, "applications_here": here}
        )[0]
        for name, (site, here) in PROVIDERS.items()
    }
    for scheme_id, (provider, automated, evidence) in POLICIES.items():
        policy_model.objects.get_or_create(
            scheme_id=scheme_id,
            defaults={"provider": providers.get(provider), "automated": automated, "evidence": evidence},
        )
