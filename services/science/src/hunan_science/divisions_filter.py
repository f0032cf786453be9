"""Division filter for list endpoints: a code covers itself and every prefecture and county inside it."""

from __future__ import annotations

from hunan_shared import divisions


def covered_codes(code: str) -> list[str]:
    divisions.validate(code)
    inner = [d.code for d in (*divisions.prefectures(), *divisions.counties(code)) if divisions.contains(code, d.code)]
    return sorted({code, *inner})


def related_codes(code: str) -> list[str]:
    """covered_codes plus the divisions that contain the code: a campaign aimed at a city reaches its counties."""
    ancestors = []
    node = divisions.get(code)
    while node.parent:
        ancestors.append(node.parent)
        node = divisions.get(node.parent)
    return sorted({*covered_codes(code), *ancestors})
