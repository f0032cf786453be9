"""Division filter for list endpoints: a code covers itself and every prefecture and county inside it."""

from __future__ import annotations

from hunan_shared import divisions


def covered_codes(code: str) -> list[str]:
    divisions.validate(code)
    inner = [d.code for d in (*divisions.prefectures(), *divisions.counties(code)) if divisions.contains(code, d.code)]
    return sorted({code, *inner})
