"""Small types shared by several resources of the business_env API."""

from __future__ import annotations

from hunan_shared import divisions


def known_division(code: str) -> str:
    if not divisions.is_valid(code):
        raise ValueError(f"{code} is not a Hunan GB/T 2260 division code")
    return code
