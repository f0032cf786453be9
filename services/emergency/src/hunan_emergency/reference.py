"""Reference geography of the service: where the 14 prefecture seats and the aviation bases lie.

GB/T 2260 carries no coordinates; a supply destination without a depot of its own is placed at its
prefecture seat (人民政府驻地, rounded to 0.01°) — good enough for road-time estimates at province scale.
"""

from __future__ import annotations

from hunan_emergency.rules.time_targets import AviationBase

PREFECTURE_SEATS: dict[str, tuple[float, float]] = {
    "430100": (28.23, 112.94),  # 长沙
    "430200": (27.83, 113.13),  # 株洲
    "430300": (27.83, 112.94),  # 湘潭
    "430400": (26.89, 112.57),  # 衡阳
    "430500": (27.24, 111.47),  # 邵阳
    "430600": (29.36, 113.13),  # 岳阳
    "430700": (29.03, 111.70),  # 常德
    "430800": (29.12, 110.48),  # 张家界
    "430900": (28.55, 112.36),  # 益阳
    "431000": (25.77, 113.02),  # 郴州
    "431100": (26.42, 111.61),  # 永州
    "431200": (27.57, 110.00),  # 怀化
    "431300": (27.70, 111.99),  # 娄底
    "433100": (28.31, 109.74),  # 湘西
}
PROVINCE_SEAT = PREFECTURE_SEATS["430100"]


def seat_of(code: str) -> tuple[float, float]:
    """The prefecture seat covering a division code (the provincial capital for the province itself)."""
    return PREFECTURE_SEATS.get(code[:4] + "00", PROVINCE_SEAT)


# 专栏2: regional aviation bases 张家界, 岳阳, 郴州; forward bases 怀化, 邵阳, 长沙, 湘西, 永州, 衡阳, 娄底 —
# placed at their prefecture seats (R10).
AVIATION_BASES: tuple[AviationBase, ...] = tuple(
    AviationBase(f"{kind}-{code}", *PREFECTURE_SEATS[code])
    for kind, codes in (
        ("regional", ("430800", "430600", "431000")),
        ("forward", ("431200", "430500", "430100", "433100", "431100", "430400", "431300")),
    )
    for code in codes
)


def division_prefix(code: str) -> str:
    """Code prefix shared by a division and everything inside it (townships included): 43 / 4301 / 430102."""
    if code == "430000":
        return "43"
    return code[:4] if code.endswith("00") and len(code) == 6 else code
