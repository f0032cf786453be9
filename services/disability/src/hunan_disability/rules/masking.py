"""What a reader without `disability:pii` sees of a person (pure; ADR 0013).

The resident identity number is birthplace code + birth date + order code + check character (GB 11643-1999
§6). Its masked form keeps the first six and the last four characters, so the date of birth is the only
part a reader must not be able to rebuild: without the scope a reader sees an *age band* instead of the
date, and an age band is wide enough that more than a hundred checksum-valid numbers fit every masked
form (`id_candidates` counts them; the tests hold every band to that floor). Third parties (the emergency
contact) keep only the first character of their name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .identity import age_on, id_check_character

# Age bands cut where the rules themselves cut, so no verdict shown to a reader narrows a band further:
# 0–6 (children's screening and rehabilitation, 专栏1 #7), 7–15, 16–59 (working age, 托养 R25), 60–79 and
# 80+ (elderly, R-E1 (i)). A rule with a new age threshold must cut a band here too (test_masking checks).
AGE_BANDS: tuple[tuple[int, int | None], ...] = ((0, 6), (7, 15), (16, 59), (60, 79), (80, None))

# No visible combination may narrow a masked identity number to fewer candidates than this.
MIN_CANDIDATES = 100


@dataclass(frozen=True)
class AgeBand:
    low: int
    high: int | None  # None: open-ended

    @property
    def label(self) -> str:
        return f"{self.low}+" if self.high is None else f"{self.low}-{self.high}"


def age_band(birth_date: dt.date, on: dt.date) -> AgeBand:
    """The band of the person's completed age on `on`."""
    age = age_on(birth_date, on)
    for low, high in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return AgeBand(low, high)
    raise ValueError(f"negative age {age}")  # a birth date after `on`: the register refuses those


def band_birth_dates(band: AgeBand, on: dt.date, earliest: dt.date = dt.date(1900, 1, 1)) -> tuple[dt.date, dt.date]:
    """The first and last birth dates whose age on `on` falls in the band."""
    last = _years_before(on, band.low)
    first = earliest if band.high is None else _years_before(on, band.high + 1) + dt.timedelta(days=1)
    return max(first, earliest), last


def id_candidates(masked: str, band: AgeBand, on: dt.date) -> int:
    """How many checksum-valid identity numbers match a masked number (6 + 8 stars + 4) and an age band:
    what a reader without the pii scope would have to try. Pure arithmetic, used to hold the masking to
    MIN_CANDIDATES."""
    prefix, suffix = masked[:6], masked[-4:]
    first, last = band_birth_dates(band, on)
    count, day = 0, first
    while day <= last:
        first_17 = f"{prefix}{day:%Y%m%d}{suffix[:3]}"
        if id_check_character(first_17) == suffix[3]:
            count += 1
        day += dt.timedelta(days=1)
    return count


def mask_name(name: str | None) -> str | None:
    """A third party's name: its first character, the rest starred (家属 → 家*)."""
    if not name:
        return name
    return name[0] + "*" * max(len(name) - 1, 1)


def _years_before(on: dt.date, years: int) -> dt.date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February in a common year
        return on.replace(year=on.year - years, day=28)
