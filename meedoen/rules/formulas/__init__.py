"""The formulas, one module per legal concept. Importing this package registers them all."""

from meedoen.rules.formulas import (  # noqa: F401
    benefit_unit,
    bijstand,
    bijstandsnorm,
    income_tax,
    indicators,
    kostendelersnorm,
    persons,
    toeslagen,
)
