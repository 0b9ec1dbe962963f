"""One path finds a rule: formula, parameters and cases sit at mirrored paths.

``meedoen/rules/formulas/nl/<law>/<name>.py`` computes what ``meedoen/parameters/nl/<law>/<name>.yaml``
holds; ``formulas/gemeenten/<name>.py`` is fed by ``parameters/gemeenten/<m>/<name>.yaml``; the rule
cases sit under ``tests/rules/cases/nl/<law>/`` and ``cases/gemeenten/``. A file without a counterpart
is listed below with the reason, so a new one has to choose its place.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORMULAS = ROOT / "meedoen" / "rules" / "formulas"
PARAMETERS = ROOT / "meedoen" / "parameters"
CASES = Path(__file__).parent / "cases"

# Formula modules whose figures live in other files of the same folder.
FORMULA_WITHOUT_OWN_PARAMETERS = {
    "nl/participatiewet/bijstand": "combines the norms, vrijlating and vermogensgrens of its folder",
    "gemeenten/lokale_regelingen": "the sum of the local schemes' money, no figures of its own",
}
# Parameter files that no single formula module owns, with who reads them.
PARAMETERS_WITHOUT_OWN_FORMULA = {
    "nl/aow/leeftijd": "household/persons.py (has_aow_age), read by every scheme",
    "nl/participatiewet/leeftijden": "ages read by several formulas of the Participatiewet",
    "nl/participatiewet/procedure": "terms of the bijstand procedure, read by the web app",
    "nl/participatiewet/vakantietoeslag": "normen.py and household/indicators.py",
    "nl/participatiewet/vermogensgrens": "nl/participatiewet/bijstand.py",
    "nl/participatiewet/bijzondere_bijstand": "rules/schemes/bijzondere_bijstand.py (drempel)",
    "nl/inkomstenbelasting/vakantiebijslag": "nl/inkomstenbelasting/box1.py (wage_year)",
    "nl/toeslagen/drempelinkomen": "zorgtoeslag.py and kindgebonden_budget.py",
    "nl/toeslagen/leeftijden": "ages read by every toeslag formula",
    "gemeenten/automatisering": "the automation policy of the web app's decisions",
    "gemeenten/vroegsignalering": "the signals package (meedoen/signals)",
}


def _stems(folder: Path, suffix: str) -> set[str]:
    return {
        p.relative_to(folder).with_suffix("").as_posix()
        for p in folder.rglob(f"*{suffix}")
        if p.name != "__init__.py"
    }


def _parameter_stems() -> set[str]:
    """Parameter files by mirrored path: ``gemeenten/<m>/x.yaml`` counts as ``gemeenten/x``."""
    out = set()
    for stem in _stems(PARAMETERS, ".yaml"):
        parts = stem.split("/")
        out.add(f"gemeenten/{parts[-1]}" if parts[0] == "gemeenten" else stem)
    return out


def test_every_formula_module_sits_at_its_parameters_path():
    parameters = _parameter_stems()
    formulas = {s for s in _stems(FORMULAS, ".py") if not s.startswith("household/")}
    misplaced = sorted(formulas - parameters - set(FORMULA_WITHOUT_OWN_PARAMETERS))
    assert not misplaced, f"formula modules without parameters at the same path: {misplaced}"
    for stem in formulas:
        assert (PARAMETERS / stem).parent.is_dir(), f"{stem}: no parameter folder {Path(stem).parent}"


def test_every_parameter_file_has_its_formula_at_the_same_path():
    formulas = _stems(FORMULAS, ".py")
    orphans = sorted(_parameter_stems() - formulas - set(PARAMETERS_WITHOUT_OWN_FORMULA))
    assert not orphans, f"parameter files without a formula module at the same path: {orphans}"


def test_the_exceptions_are_real_and_needed():
    formulas, parameters = _stems(FORMULAS, ".py"), _parameter_stems()
    assert set(FORMULA_WITHOUT_OWN_PARAMETERS) <= formulas - parameters
    assert set(PARAMETERS_WITHOUT_OWN_FORMULA) <= parameters - formulas


def test_rule_cases_sit_in_the_folders_of_their_rules():
    for case in _stems(CASES, ".yaml"):
        folder = Path(case).parent
        assert (FORMULAS / folder).is_dir(), f"cases/{case}.yaml: no formulas/{folder}"
