"""The armoedeval detector finds a planted cliff and nothing on a smooth curve."""

import numpy as np

from meedoen.analysis.poverty_trap import find_poverty_traps

GROSS = np.arange(0, 300_001, 1_000)  # € 0 .. € 3.000 per month in € 10 steps, in cents


def test_planted_cliff_is_found_with_its_cause():
    net = GROSS * 7 // 10
    scheme = np.where(GROSS <= 150_000, 20_000, 0)  # a € 200 scheme stops above € 1.500 gross
    disposable = net + scheme
    traps = find_poverty_traps(GROSS, disposable, {"net": net, "stadspas": scheme})
    assert len(traps) == 1
    trap = traps[0]
    # between € 1.500 and € 1.510 gross: net +€ 7, scheme -€ 200 -> € 193 less
    assert (trap.gross_from, trap.gross_to, trap.loss) == (150_000, 151_000, 19_300)
    assert trap.causes == (("stadspas", 20_000),)


def test_gradual_loss_over_several_steps_is_one_trap():
    net = GROSS // 2
    taper = np.clip(30_000 - (GROSS - 100_000), 0, 30_000)  # falls € 1 per € 1 gross from € 1.000
    traps = find_poverty_traps(GROSS, net + taper, {"net": net, "toeslag": taper})
    assert len(traps) == 1
    # falls from € 1.000 to € 1.300 gross: -€ 300 scheme, +€ 150 net
    assert (traps[0].gross_from, traps[0].gross_to, traps[0].loss) == (100_000, 130_000, 15_000)


def test_smooth_rising_curve_has_no_trap():
    net = GROSS * 6 // 10 + 50_000
    assert find_poverty_traps(GROSS, net, {"net": net}) == []


def test_flat_curve_is_no_trap():
    flat = np.full_like(GROSS, 140_150)
    assert find_poverty_traps(GROSS, flat, {"bijstand": flat}) == []


def test_rounding_dips_below_a_euro_are_not_reported():
    disposable = GROSS // 2 - np.where(GROSS % 20_000 == 10_000, 60, 0) + np.where(GROSS % 20_000 == 0, 0, 60)
    assert find_poverty_traps(GROSS, disposable, {"x": disposable}) == []
