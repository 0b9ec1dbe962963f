"""The formulas, one module per legal concept. Importing this package registers them all."""

from meedoen.rules.formulas import (  # noqa: F401
    benefit_unit,
    bijstand,
    bijstandsnorm,
    bijzondere_bijstand,
    collectieve_zorgverzekering,
    huurtoeslag,
    income_tax,
    indicators,
    individuele_inkomenstoeslag,
    kindregeling,
    kostendelersnorm,
    local_support,
    meedoenregeling,
    persons,
    stadspas,
    studietoeslag,
    toeslagen,
    vrijlating,
)
