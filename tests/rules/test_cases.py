"""The YAML rule cases (see ``case_runner``): every norm, every period, every boundary."""

import pytest

from tests.rules.case_runner import load_cases, run_case

CASES = load_cases()


@pytest.mark.parametrize(("case", "date", "expect"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_case(case, date, expect):
    assert run_case(case, date, expect) == []


def test_every_case_file_has_cases():
    assert len(CASES) > 100
