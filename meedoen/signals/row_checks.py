"""The checks of contract rule 1 on every row, as Polars expressions over the raw text columns:
each check names the field and says what is wrong, so a rejected row lists all its problems at once.
The valid rows come out typed (dates, cents, booleans, a normalised postcode)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from meedoen.bsn import BSN_WEIGHTS
from meedoen.signals.rows import (
    BOOLEANS,
    COLUMNS,
    DEFAULT_MAX_TEXT,
    FIELDS,
    MAX_TEXT,
    NUL,
    PARTNERS,
    REPLACEMENT,
    REQUIRED_COLUMNS,
    SHOWN,
)

_DATE_TEXT = r"^(\d{4}-\d{2}-\d{2}|\d{2}-\d{2}-\d{4})$"


def _date(column: str) -> pl.Expr:
    text = pl.col(column)
    well_formed = text.str.contains(_DATE_TEXT)
    parsed = pl.coalesce(
        text.str.to_date("%Y-%m-%d", strict=False), text.str.to_date("%d-%m-%Y", strict=False)
    )
    return pl.when(well_formed).then(parsed)


def _text_problem(column: str, required: bool) -> pl.Expr:
    """Missing (when required) or too long; ``None`` when neither."""
    limit = MAX_TEXT.get(column, DEFAULT_MAX_TEXT)
    text = pl.col(column)
    expr = pl.when(text.str.len_chars() > limit).then(pl.lit(f"longer than {limit} characters"))
    if required:
        expr = (
            pl.when(text == "")
            .then(pl.lit("missing: this field is required"))
            .when(text.str.len_chars() > limit)
            .then(pl.lit(f"longer than {limit} characters"))
        )
    return expr


def _shown(column: str) -> pl.Expr:
    """A value as quoted back to the sender: at most :data:`SHOWN` characters (control characters
    are replaced in the messages of the rejected rows only, see :func:`_validate`)."""
    return pl.col(column).str.slice(0, SHOWN)


def _quoted(column: str) -> pl.Expr:
    return pl.format("'{}'", _shown(column))


def _typed(today: dt.date) -> list[pl.Expr]:
    """The typed values of a row (null where malformed), named like :class:`SignalRow`'s fields."""
    amount = pl.col("bedrag")
    whole = amount.str.extract(r"^-?(\d{1,9})(?:\.\d{1,2})?$", 1).cast(pl.Int64)
    fraction = amount.str.extract(r"^-?\d{1,9}\.(\d{1,2})$", 1).str.pad_end(2, "0").cast(pl.Int64)
    bsn = pl.col("bsn")
    digits = [bsn.str.slice(i, 1).cast(pl.Int64, strict=False) * w for i, w in enumerate(BSN_WEIGHTS)]
    total = pl.sum_horizontal(digits)
    postcode = pl.col("postcode").str.replace_all(r"\s", "").str.to_uppercase()
    return [
        pl.col("line"),
        pl.col("signaal_id").alias("signal_id"),
        pl.col("signaalpartner_type")
        .str.to_lowercase()
        .replace_strict(PARTNERS, default=None)
        .alias("partner_type"),
        pl.col("signaalpartner_naam").alias("partner_name"),
        _date("signaaldatum").alias("signal_date"),
        _date("ontstaansdatum").alias("arisen_date"),
        (whole * 100 + fraction.fill_null(0)).alias("amount_cents"),
        pl.col("crisissignaal").str.to_lowercase().replace_strict(BOOLEANS, default=None).alias("crisis"),
        pl.col("warme_overdracht")
        .str.to_lowercase()
        .replace_strict(BOOLEANS, default=None)
        .alias("warm_handover"),
        bsn,
        pl.col("voorletters").alias("initials"),
        pl.col("voorvoegsel").alias("prefix"),
        pl.col("achternaam").alias("surname"),
        _date("geboortedatum").alias("birth_date"),
        pl.col("straatnaam").alias("street"),
        postcode.alias("postcode"),
        pl.col("huisnummer").str.extract(r"^(\d{1,5})$", 1).cast(pl.Int64).alias("house_number"),
        pl.col("huisnummertoevoeging").str.to_uppercase().alias("addition"),
        pl.col("plaatsnaam").alias("city"),
        (bsn.str.contains(r"^\d{9}$") & (total % 11 == 0) & (total != 0)).alias("_bsn_ok"),
        (amount.str.starts_with("-")).alias("_negative"),
        pl.lit(today).alias("_today"),
    ]


def _text_checks(nul: bool, bad_text: bool) -> list[tuple[str, pl.Expr]]:
    """Characters no field may hold: a NUL, and bytes that were not UTF-8 (only looked for when the
    file has them, so a clean million-row file pays nothing)."""
    c = pl.col
    checks = []
    for name in COLUMNS:
        problems = []
        if bad_text:
            problems.append(
                pl.when(c("_bad_text") & c(name).str.contains(REPLACEMENT, literal=True)).then(
                    pl.lit("not UTF-8 text: the value holds bytes that are not UTF-8")
                )
            )
        if nul:
            problems.append(
                pl.when(c(name).str.contains(NUL, literal=True)).then(
                    pl.lit("holds a NUL character (byte 0), which no field may contain")
                )
            )
        if problems:
            checks.append((name, pl.coalesce(problems)))
    if bad_text:  # bytes outside the contract's columns: still not a row to trust
        named = pl.any_horizontal(c(name).str.contains(REPLACEMENT, literal=True) for name in COLUMNS)
        checks.append(
            (
                "",
                pl.when(c("_bad_text") & ~named).then(
                    pl.lit("not UTF-8 text: the row holds bytes that are not UTF-8")
                ),
            )
        )
    return checks


def _checks() -> list[tuple[str, pl.Expr]]:
    """Per field, the first problem found (or null), in the order the errors are reported."""
    c = pl.col
    missing_or_long = {name: _text_problem(name, name in REQUIRED_COLUMNS) for name in COLUMNS}
    identified = (c("bsn") != "") | ((c("surname") != "") & c("birth_date").is_not_null())
    date_problem = {
        name: pl.coalesce(
            missing_or_long[name],
            pl.when((c(name) != "") & c(typed).is_null()).then(
                pl.format("not a date: {} (expected e.g. 2026-01-31)", _quoted(name))
            ),
        )
        for name, typed in (
            ("signaaldatum", "signal_date"),
            ("ontstaansdatum", "arisen_date"),
            ("geboortedatum", "birth_date"),
        )
    }
    return [
        ("signaal_id", missing_or_long["signaal_id"]),
        (
            "signaalpartner_type",
            pl.coalesce(
                missing_or_long["signaalpartner_type"],
                pl.when(c("partner_type").is_null()).then(
                    pl.format("unknown partner type {}", _quoted("signaalpartner_type"))
                ),
            ),
        ),
        ("signaalpartner_naam", missing_or_long["signaalpartner_naam"]),
        ("signaaldatum", date_problem["signaaldatum"]),
        ("ontstaansdatum", date_problem["ontstaansdatum"]),
        (
            "signaaldatum",
            pl.when(c("signal_date") > c("_today")).then(
                pl.format("{} is after today ({})", c("signal_date"), c("_today"))
            ),
        ),
        (
            "ontstaansdatum",
            pl.when(c("arisen_date") > c("signal_date")).then(
                pl.format("{} is after the signaaldatum {}", c("arisen_date"), c("signal_date"))
            ),
        ),
        (
            "bedrag",
            pl.coalesce(
                missing_or_long["bedrag"],
                pl.when(c("amount_cents").is_null()).then(
                    pl.format("not an amount in euro: {} (expected e.g. 123.45)", _quoted("bedrag"))
                ),
                pl.when(c("_negative") | (c("amount_cents") == 0)).then(
                    pl.format("must be more than 0, got {}", c("bedrag"))
                ),
            ),
        ),
        (
            "crisissignaal",
            pl.when(c("crisis").is_null()).then(
                pl.format("expected true or false, got {}", _quoted("crisissignaal"))
            ),
        ),
        (
            "warme_overdracht",
            pl.when(c("warm_handover").is_null()).then(
                pl.format("expected true or false, got {}", _quoted("warme_overdracht"))
            ),
        ),
        (
            "bsn",
            pl.coalesce(
                missing_or_long["bsn"],
                pl.when((c("bsn") != "") & ~c("_bsn_ok")).then(
                    pl.format("not a valid BSN (9 digits passing the 11-proef): {}", _quoted("bsn"))
                ),
            ),
        ),
        ("achternaam", missing_or_long["achternaam"]),
        ("geboortedatum", date_problem["geboortedatum"]),
        (
            "bsn",
            pl.when(~identified).then(
                pl.lit("no identification: give a valid bsn, or achternaam and geboortedatum")
            ),
        ),
        (
            "postcode",
            pl.coalesce(
                missing_or_long["postcode"],
                pl.when(
                    (c("postcode_text") != "") & ~c("postcode").str.contains(r"^[1-9]\d{3}[A-Z]{2}$")
                ).then(
                    pl.format("not a Dutch postcode: {} (expected e.g. 6521AB)", _quoted("postcode_text"))
                ),
            ),
        ),
        (
            "huisnummer",
            pl.coalesce(
                missing_or_long["huisnummer"],
                pl.when(
                    (c("huisnummer") != "") & (c("house_number").is_null() | (c("house_number") == 0))
                ).then(pl.format("not a house number: {}", _quoted("huisnummer"))),
            ),
        ),
        *[
            (name, missing_or_long[name])
            for name in ("voorletters", "voorvoegsel", "straatnaam", "huisnummertoevoeging", "plaatsnaam")
        ],
    ]


def _validate(
    raw: pl.DataFrame, today: dt.date, nul: bool | None = None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The valid rows as typed columns, and the long list of (line, check, field, message).

    Lazy, so Polars keeps no intermediate copy of a large file's columns.
    """
    bad_text = "_bad_text" in raw.columns and bool(raw["_bad_text"].any())
    if nul is None:  # not known from the text already
        nul = any(raw[c].str.contains(NUL, literal=True).any() for c in COLUMNS) if raw.height else False
    stripped = raw.lazy().with_columns(*(pl.col(c).fill_null("").str.strip_chars() for c in COLUMNS))
    typed = stripped.with_columns(pl.col("postcode").alias("postcode_text")).with_columns(_typed(today))
    checks = _text_checks(nul, bad_text) + _checks()
    flagged = typed.with_columns(*(expr.alias(f"_e{i}") for i, (_, expr) in enumerate(checks)))
    error_columns = [f"_e{i}" for i in range(len(checks))]
    bad = pl.any_horizontal(pl.col(error_columns).is_not_null())
    problems = (
        flagged.filter(bad)
        .select("line", *error_columns)
        .unpivot(index="line", variable_name="check", value_name="message")
        .drop_nulls("message")
        .with_columns(pl.col("check").str.slice(2).cast(pl.Int64))
        .sort("line", "check")
        .with_columns(
            pl.col("check")
            .replace_strict({i: f for i, (f, _) in enumerate(checks)}, return_dtype=pl.String)
            .alias("field"),
            # a NUL or another control character quoted back: PostgreSQL stores no NUL in the summary
            pl.col("message").str.replace_all(r"[\x00-\x1f\x7f]", "?"),
        )
    )
    valid = flagged.filter(~bad).select(FIELDS)
    valid_frame, problem_frame = pl.collect_all([valid, problems])  # one plan: the checks run once
    return valid_frame, problem_frame
