"""The formulas, one module per legal concept, at the path of their parameters.

``nl/<law>/<name>.py`` computes what ``meedoen/parameters/nl/<law>/<name>.yaml`` holds the figures of;
``gemeenten/<name>.py`` is the formula that every municipality's ``gemeenten/<m>/<name>.yaml`` feeds;
``household/`` holds the household structure and the sums that no one regulation owns.
Importing this package registers them all.
"""

from meedoen.rules.formulas.gemeenten import (  # noqa: F401
    bijzondere_bijstand,
    bijzondere_bijstand_producten,
    collectieve_zorgverzekering,
    energiearmoede,
    individuele_inkomenstoeslag,
    kindregeling,
    kwijtschelding,
    lokale_regelingen,
    meedoenregeling,
    stadspas,
)
from meedoen.rules.formulas.household import benefit_unit, disposable_income, indicators, persons  # noqa: F401
from meedoen.rules.formulas.nl.inkomstenbelasting import box1, heffingskortingen  # noqa: F401
from meedoen.rules.formulas.nl.participatiewet import (  # noqa: F401
    bijstand,
    kostendelersnorm,
    normen,
    studietoeslag,
    vrijlating,
)
from meedoen.rules.formulas.nl.toeslagen import (  # noqa: F401
    awir,
    huurtoeslag,
    kinderbijslag,
    kindgebonden_budget,
    zorgtoeslag,
)
