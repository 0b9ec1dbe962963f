"""The parameters a result rests on, kept as bits by the engine, read back as the same paths."""

from __future__ import annotations

from functools import reduce
from operator import or_

import pytest

from meedoen.rules.coverage import parameter_bits
from meedoen.rules.parameters import default_parameters

PATHS = default_parameters().paths()


@pytest.mark.parametrize(
    "chosen",
    [
        [],
        PATHS[:1],
        PATHS[7:9],  # both sides of a byte boundary
        PATHS[::13],
        PATHS[-3:],  # the last, partly filled byte
        PATHS,
    ],
)
def test_the_bits_of_a_set_of_parameters_read_back_as_that_set(chosen):
    bits = parameter_bits(default_parameters())
    assert bits.paths(reduce(or_, (bits.bit[p] for p in chosen), 0)) == set(chosen)


def test_each_parameter_has_its_own_bit():
    bits = parameter_bits(default_parameters()).bit
    assert len(set(bits.values())) == len(PATHS)
    assert all(b & (b - 1) == 0 for b in bits.values())  # one bit each
