"""Synthetic, clearly fake data for demos, tests and benchmarks — never real people.

Identity numbers follow GB 11643 (ISO 7064 MOD 11-2 checksum) so they pass validation, but the sequence
codes are generated; names are prefixed with 【演示】 (demo).
"""

from __future__ import annotations

import random
from typing import Any

DEMO_PREFIX = "【演示】"
_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]
_CHECK = "10X98765432"


def resident_id(county: str, serial: int, birth_year: int | None = None) -> str:
    """A checksum-valid 18-digit identity number for county `county`; distinct serials give distinct numbers
    (up to 1000 per birth date; the birth date varies with the serial)."""
    year = birth_year or 1940 + serial % 60
    day_of_year = (serial // 1000) % 336
    month, day = 1 + day_of_year // 28, 1 + day_of_year % 28
    body = f"{county}{year:04d}{month:02d}{day:02d}{serial % 1000:03d}"
    return body + _CHECK[sum(int(d) * w for d, w in zip(body, _WEIGHTS, strict=True)) % 11]


def demo_person(county: str, serial: int, rng: random.Random) -> dict[str, Any]:
    """A demo register entry with a realistic mix: ~30 % severe, ~12 % living alone, ~5 % guardian unable."""
    category = rng.choices([1, 2, 3, 4, 5, 6, 7], weights=[12, 14, 2, 45, 8, 11, 8])[0]
    person = {
        "id_number": resident_id(county, serial),
        "name": f"{DEMO_PREFIX}居民{serial:05d}",
        "category": category,
        "grade": rng.choices([1, 2, 3, 4], weights=[12, 18, 30, 40])[0],
        "division_code": county,
        "household_status": rng.choices(
            ["none", "dibao", "dibao_marginal", "tekun", "low_income"], weights=[70, 15, 5, 3, 7]
        )[0],
        "lives_alone": rng.random() < 0.12,
        "guardian": rng.choices(["not_a_ward", "guardian_able", "guardian_unable"], weights=[80, 15, 5])[0],
        "is_demo": True,
    }
    if category == 7:
        person["component_categories"] = sorted(rng.sample([1, 2, 3, 4, 5, 6], 2))
    return person
