"""Demo residents and what they answered in the Regelingencheck (made-up people, valid test BSNs)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoResident:
    username: str
    first_name: str
    last_name: str
    bsn: str
    postcode: str
    answers: dict[str, dict[str, str]]
    documents: list[str] = field(default_factory=list)
    submit: bool = True
    schemes: list[str] | None = None  # apply for these even where the check said no


def _answers(birth: str, income: str, *, partner: str = "nee", rent: str = "650", assets: str = "1200"):
    return {
        "over-u": {"birth_date": birth},
        "huishouden": {"partner": partner, "children": "0", "housemates": "0"},
        "inkomen": {"income": income},
        "wonen": {"kind": "rent", "rent": rent, "energy": "140"},
        "vermogen": {"assets": assets, "low_income_since": ""},
    }


RESIDENTS = [
    DemoResident(
        "fatima",
        "Fatima",
        "El Amrani",
        "999990019",
        "6521 AB",
        _answers("1984-05-12", "450"),
        documents=["identity", "bank_statements"],
    ),
    DemoResident(
        "jan",
        "Jan",
        "de Vries",
        "999990032",
        "6522 CD",
        _answers("1971-09-30", "2350"),
        schemes=["bijstand"],
    ),
    DemoResident(
        "sanne", "Sanne", "Jansen", "999990044", "6541 EF", _answers("1996-02-14", "800"), submit=False
    ),
]
