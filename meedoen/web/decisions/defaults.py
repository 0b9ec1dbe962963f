"""Who provides which scheme and how each is handled, as installed on a new deployment.

Functional administrators change these in the admin afterwards; whether a scheme is decided
automatically is the automation policy (``automatisering.yaml`` beside the parameters). Takes the
model classes as arguments so the data migration can pass its historical models.
"""

from __future__ import annotations

MUNICIPALITY = None  # a scheme without provider is granted by the municipality itself

PROVIDERS = {
    "Dienst Toeslagen": ("https://www.belastingdienst.nl/toeslagen", False),
    "Sociale Verzekeringsbank (SVB)": ("https://www.svb.nl/kinderbijslag", False),
}

# scheme id: (provider name or None, evidence kinds). Automation: automatisering.yaml, not here.
POLICIES = {
    "bijstand": (MUNICIPALITY, ["identity", "bank_statements"]),
    "individuele_inkomenstoeslag": (MUNICIPALITY, ["bank_statements"]),
    "meedoenregeling": (MUNICIPALITY, []),
    "meedoenpas": (MUNICIPALITY, []),
    "gelrepas": (MUNICIPALITY, []),
    "stadjerspas": (MUNICIPALITY, []),
    "collectieve_zorgverzekering": (MUNICIPALITY, []),
    "bijzondere_bijstand": (MUNICIPALITY, ["bank_statements"]),
    "studietoeslag": (MUNICIPALITY, ["income"]),
    "zorgtoeslag": ("Dienst Toeslagen", []),
    "huurtoeslag": ("Dienst Toeslagen", []),
    "kindgebonden_budget": ("Dienst Toeslagen", []),
    "kinderbijslag": ("Sociale Verzekeringsbank (SVB)", []),
}


def install_defaults(provider_model, policy_model) -> None:
    """Create what is missing; never overwrite what an administrator changed."""
    providers = {
        name: provider_model.objects.get_or_create(
            name=name, defaults={"website": site, "applications_here": here}
        )[0]
        for name, (site, here) in PROVIDERS.items()
    }
    for scheme_id, (provider, evidence) in POLICIES.items():
        policy_model.objects.get_or_create(
            scheme_id=scheme_id,
            defaults={"provider": providers.get(provider), "evidence": evidence},
        )
