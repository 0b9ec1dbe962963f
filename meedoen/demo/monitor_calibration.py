"""The demo city's calibration: the figures (CBS, the seeds) and the assumptions it is drawn from,
each with where it comes from."""

from __future__ import annotations

from datetime import date

SEED = 2019


EXPORT = date(2024, 12, 31)


EPOCH = date(1970, 1, 1).toordinal()


DAYS_PER_YEAR = 365.2425


AOW_AGE = 67


# Gender as registered (the optional persons column): assumption, roughly equal shares with a few
# unknown; drawn with its own random stream so the other demo figures do not change.
GENDERS = {"v": 0.52, "m": 0.47, None: 0.01}


# Persons on benefit on the first day of the month; linear between the points.
STOCK = {
    date(2014, 1, 1): 8200,  # assumption: the 2015 level less the national growth of 2014
    date(2015, 1, 1): 8450,  # assumption: halfway to CBS 2015
    date(2016, 1, 1): 8770,  # CBS 84066NED, Arnhem GM0202, 15+, 2015
    date(2017, 1, 1): 9330,  # CBS, 2016
    date(2018, 1, 1): 9320,  # CBS, 2017
    date(2019, 1, 1): 8956,  # seed 003: "In januari 2019 ... 8.956 mensen met een uitkering"
    date(2019, 7, 1): 8880,  # assumption: a slow first half of 2019
    date(2020, 3, 1): 8544,  # seed 002: -3.8 % from July 2019 (7,794 -> 7,499)
    date(2020, 6, 1): 8763,  # seed 002: +2.6 % in the corona months (7,499 -> 7,691 in June 2020)
    date(2021, 1, 1): 8700,  # assumption: the corona peak fades
    date(2022, 1, 1): 8250,  # assumption: tight labour market
    date(2023, 1, 1): 7850,  # assumption
    date(2023, 4, 1): 7756,  # seed 003: "in april 2023 waren dit er 7.756"
    date(2025, 1, 1): 7550,  # assumption: the decline slows
}


INFLOW = {  # spells starting per year; CBS 84066NED for 2015-2017, the rest assumptions
    2014: 2200,
    2015: 2290,
    2016: 2410,
    2017: 1990,
    2018: 1900,
    2019: 1800,
    2020: 2150,
    2021: 1650,
    2022: 1600,
    2023: 1700,
    2024: 1750,
}


WORK_SHARE = {  # share of outflow that is to work; CBS 2015-2017 (800/1,990, 880/1,870, 880/1,960)
    2014: 0.40,
    2015: 0.40,
    2016: 0.47,
    2017: 0.45,
    2018: 0.45,
    2019: 0.46,
    2020: 0.38,
    2021: 0.47,
    2022: 0.50,
    2023: 0.48,
    2024: 0.46,
}


OTHER_REASONS = {"study": 0.05, "moved": 0.12, "partner_income": 0.11, "other": 0.25}


RETURN_WITHIN_YEAR = {"work": 0.08, "study": 0.10, "moved": 0.03, "partner_income": 0.08, "other": 0.06}


RETURN_LATER = {"work": 0.12, "study": 0.20, "moved": 0.03, "partner_income": 0.15, "other": 0.08}


LKS_RETURN_WITHIN_YEAR = 0.05


LKS_ACTIVE_DEC = {  # persons with loonkostensubsidie on 31 December; seed 003 for 2021 and 2022
    2014: 0,
    2015: 60,
    2016: 120,
    2017: 180,
    2018: 230,
    2019: 270,
    2020: 300,
    2021: 337,  # 390 / 1.157: "15,7% meer dan het jaar ervoor"
    2022: 390,  # "In december 2022 waren er 390 mensen met loonkostensubsidie aan het werk"
    2023: 420,
    2024: 445,
}


DEBT_HELP_STARTS = {  # trajectories started per half year; seed 002 for 2019 and the first half of 2020
    2014: (150, 150),
    2015: (155, 155),
    2016: (160, 160),
    2017: (170, 170),
    2018: (175, 175),
    2019: (191, 191),  # "In heel 2019 hielp de gemeente via Plangroep 382 mensen"
    2020: (562, 480),  # "In de eerste helft van 2020 ... 562, waarvan 110 jongeren tot 27 jaar"
    2021: (500, 500),
    2022: (520, 530),
    2023: (550, 550),
    2024: (550, 550),
}


DEBT_HELP_YOUNG = {(2020, 0): 110}  # exact counts under 27; elsewhere a share


ROUTE_SHARES = {  # vroegsignalering, self_referral, referral, other: early detection grows from 2020
    2019: [0.05, 0.55, 0.35, 0.05],
    2020: [0.30, 0.40, 0.25, 0.05],
    2021: [0.45, 0.30, 0.20, 0.05],  # a legal task of municipalities from 2021 (Wgs)
}


AREAS = {"Zuid": 0.30, "Oost": 0.25, "Noord": 0.17, "West": 0.15, "Centrum": 0.13}


INFLOW_AGES = ((18, 27, 0.28), (27, 45, 0.45), (45, 66, 0.27))


STOCK_AGES = ((18, 27, 0.09), (27, 45, 0.37), (45, 66, 0.54))


STOCK_YEARS_ON_BENEFIT = ((0, 1, 0.30), (1, 3, 0.25), (3, 7, 0.25), (7, 14, 0.20))  # on 1 January 2014


SK_FALSE, SK_TRUE, SK_UNKNOWN = 0, 1, 2
