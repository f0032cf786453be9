"""Fixtures for the disability rule tests: synthetic identity numbers built with the checksum under test."""

from __future__ import annotations

import datetime as dt

import pytest

from hunan_disability.rules.identity import id_check_character

TODAY = dt.date(2024, 6, 1)


def make_id_number(address_code: str = "430102", birth: str = "19900101", order: str = "123") -> str:
    """A synthetic 18-digit number (never a real person's): address + birth + order + computed check character."""
    first_17 = address_code + birth + order
    return first_17 + id_check_character(first_17)


@pytest.fixture
def today() -> dt.date:
    return TODAY
