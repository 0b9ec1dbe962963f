"""Contract rule 1: rejected rows, each problem with its line, field and reason."""

from __future__ import annotations

import pytest

from meedoen.signals.parsing import (
    COLUMNS,
    REQUIRED_COLUMNS,
    FileProblem,
    bsn_is_valid,
    parse_amount,
    parse_bytes,
    parse_records,
    parse_text,
)
from meedoen.signals.parsing import COLUMNS as csv_header_columns
from tests.signals.helpers import BASE, TODAY, csv_text, parse


def csv_header():
    return csv_header_columns


def errors_of(**row: str) -> list[tuple[int, str]]:
    parsed = parse(row)
    assert parsed.rejected == (1 if parsed.errors else 0)
    return [(e.line, e.field) for e in parsed.errors]


def test_a_valid_row_is_normalised():
    [row] = parse({"postcode": " 6521 ab ", "bedrag": "120.5", "crisissignaal": "TRUE"}).rows
    assert (row.postcode, row.amount_cents, row.crisis, row.line) == ("6521AB", 12050, True, 2)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("signaal_id", ""),
        ("signaalpartner_type", "Telecom"),
        ("signaalpartner_naam", ""),
        ("signaaldatum", "2026-02-30"),
        ("ontstaansdatum", "gisteren"),
        ("bedrag", "0"),
        ("bedrag", "0.00"),
        ("bedrag", "-12.00"),
        ("bedrag", "12.345"),
        ("bedrag", "12,34"),
        ("bsn", "123456789"),
        ("postcode", "0123AB"),
        ("huisnummer", "12a"),
        ("huisnummer", ""),
        ("crisissignaal", "misschien"),
    ],
)
def test_a_malformed_field_rejects_the_row_naming_the_field(field, value):
    assert errors_of(**{field: value}) == [(2, field)]


def test_dates_after_today_or_arising_after_the_signal_are_rejected():
    assert errors_of(signaaldatum="2026-03-11") == [(2, "signaaldatum")]
    assert errors_of(signaaldatum=TODAY.isoformat()) == []
    assert errors_of(ontstaansdatum="2026-03-03") == [(2, "ontstaansdatum")]
    assert errors_of(ontstaansdatum="2026-03-02") == []


def test_a_person_is_identified_by_bsn_or_by_surname_and_birth_date():
    assert errors_of(bsn="", achternaam="Jansen", geboortedatum="1980-01-01") == []
    assert errors_of(bsn="", achternaam="Jansen", geboortedatum="") == [(2, "bsn")]
    assert errors_of(bsn="", achternaam="", geboortedatum="1980-01-01") == [(2, "bsn")]
    assert errors_of(bsn="999990019", achternaam="", geboortedatum="") == []


def test_every_problem_of_a_row_is_reported_and_lines_count_the_header():
    parsed = parse({}, {"bedrag": "-1", "postcode": "x"})
    assert parsed.rejected == 1 and len(parsed.rows) == 1
    assert [(e.line, e.field) for e in parsed.errors] == [(3, "bedrag"), (3, "postcode")]


def test_a_missing_required_column_stops_the_whole_file():
    with pytest.raises(FileProblem) as caught:
        parse_text("signaal_id,bedrag\n1,2\n", TODAY)
    assert {e.field for e in caught.value.errors} >= {"postcode", "huisnummer", "signaaldatum"}
    with pytest.raises(FileProblem):
        parse_text("", TODAY)


def test_a_row_with_the_wrong_number_of_fields_is_rejected():
    header = ",".join(REQUIRED_COLUMNS) + "\n"
    for parsed in (
        parse_text(header + "1,Huur,Talis\n\n", TODAY),
        parse_text(header + '"1",Huur,Talis\n\n', TODAY),
    ):
        assert parsed.total == 1 and parsed.rejected == 1 and parsed.errors[0].line == 2


def test_amounts_and_bsns():
    assert parse_amount("123.45") == 12345
    assert parse_amount("7") == 700
    assert parse_amount("1.5") == 150
    assert parse_amount("1.555") is None
    assert bsn_is_valid("999990019") and not bsn_is_valid("999990018") and not bsn_is_valid("000000000")


def test_quoted_and_plain_files_give_the_same_outcome():
    """A file with quotes is read record by record, one without column-wise: same rows, same errors."""
    rows = ({}, {"bedrag": "-1", "postcode": "x"}, {"bsn": "", "achternaam": "de Vries"}, {"huisnummer": "0"})
    plain = parse(*rows)
    quoted = parse(*rows, {"signaalpartner_naam": "Talis, Nijmegen"})
    assert [vars(e) for e in plain.errors] == [vars(e) for e in quoted.errors]
    assert plain.rows == quoted.rows[:2] and quoted.rows[2].partner_name == "Talis, Nijmegen"
    assert parse_records([list(COLUMNS), []], TODAY).total == 0


def test_a_byte_order_mark_is_allowed_other_encodings_are_not():
    assert parse_bytes(("\ufeff" + csv_text({})).encode(), TODAY).total == 1
    with pytest.raises(FileProblem):
        parse_bytes(csv_text({}).encode("utf-16"), TODAY)


# A bad row never costs the delivery (issue 16): bytes and characters that are not text.


def test_a_nul_byte_rejects_its_row_only_in_plain_and_quoted_files():
    for extra in ({}, {"signaalpartner_naam": "Talis, Nijmegen"}):  # column-wise, record by record
        parsed = parse({}, {"achternaam": "O\x00Brien"}, {"signaaldatum": "2026-03-0\x002"}, extra)
        assert [r.signal_id for r in parsed.rows] == ["S1", "S4"] and parsed.rejected == 2
        assert [(e.line, e.field) for e in parsed.errors][:2] == [(3, "achternaam"), (4, "signaaldatum")]
        assert "NUL" in parsed.errors[0].message
        assert not any("\x00" in e.message for e in parsed.errors)  # PostgreSQL stores no NUL


def test_bytes_that_are_not_utf8_reject_their_row_only():
    text = csv_text({}, {"achternaam": "XXX"}, {"signaalpartner_naam": "Talis, Nijmegen"}, {})
    data = text.encode().replace(b"XXX", b"J\xe9ssen")  # latin-1 in one row
    parsed = parse_bytes(data, TODAY)
    assert [r.signal_id for r in parsed.rows] == ["S1", "S3", "S4"] and parsed.rejected == 1
    assert [(e.line, e.field) for e in parsed.errors] == [(3, "achternaam")]
    assert "not UTF-8" in parsed.errors[0].message
    plain = parse_bytes(csv_text({}, {"achternaam": "XXX"}).encode().replace(b"XXX", b"\xff\xfe"), TODAY)
    assert (plain.total, plain.rejected, plain.errors[0].line) == (2, 1, 3)


def test_bad_bytes_in_a_record_over_several_lines_reject_that_record():
    text = csv_text({}, {"straatnaam": "Hoofd\nXXX"}, {})
    parsed = parse_bytes(text.encode().replace(b"XXX", b"stra\xdft"), TODAY)
    assert [r.signal_id for r in parsed.rows] == ["S1", "S3"]
    assert [(e.line, e.field) for e in parsed.errors] == [(4, "straatnaam")]  # the record ends on line 4


def test_a_header_that_is_not_utf8_still_stops_the_file():
    with pytest.raises(FileProblem, match="header"):
        parse_bytes(b"signaal_\xe9d," + csv_text({}).encode().split(b",", 1)[1], TODAY)


def test_a_record_the_csv_reader_cannot_split_is_rejected_on_its_own():
    parsed = parse({}, {"straatnaam": "x" * 200_000, "signaalpartner_naam": "A, B"}, {})
    assert [r.signal_id for r in parsed.rows] == ["S1", "S3"] and parsed.rejected == 1
    assert parsed.errors[0].line == 3 and "not readable as CSV" in parsed.errors[0].message


def test_characters_that_are_not_text_from_a_json_body_reject_their_row():
    rows = [[{**BASE, "signaal_id": f"A{i}"}.get(c, "") for c in COLUMNS] for i in range(3)]
    rows[1][COLUMNS.index("achternaam")] = "J\ud800nsen"  # a lone surrogate: JSON allows it, UTF-8 not
    parsed = parse_records([list(COLUMNS), *rows], TODAY)
    assert [r.signal_id for r in parsed.rows] == ["A0", "A2"]
    assert [(e.line, e.field) for e in parsed.errors] == [(3, "achternaam")]


def test_a_rejected_value_is_quoted_back_short():
    [error] = parse({"bedrag": "9" * 5000}).errors
    assert error.field == "bedrag" and len(error.message) < 120
