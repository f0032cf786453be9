"""The content library (三(二)1, 三(四)1; W3) and the per-item accessibility gate of emergency campaigns (R24):
which reserve items a campaign selects, the variants each must carry before it is published, expert review."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum

from hunan_science.rules.basis import ScienceRuleError, decide, design, plan
from hunan_science.rules.campaigns import R24_BASIS, Format, Topic, normalise_hazard
from hunan_shared.legal import Decision, IllegalTransition


class Medium(StrEnum):
    TEXT = "TEXT"  # 读物、资料
    VIDEO = "VIDEO"  # 短视频、动漫、专题节目
    AUDIO = "AUDIO"  # 音频作品、广播
    IMAGE = "IMAGE"  # 挂图、宣传栏海报


class ReadingLevel(StrEnum):
    EASY = "EASY"  # 易读: plain words, short sentences
    GENERAL = "GENERAL"
    ADVANCED = "ADVANCED"


class ContentState(StrEnum):
    DRAFT = "DRAFT"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


class ReviewAction(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"


class IllegalReview(IllegalTransition, ScienceRuleError):
    """Only a draft is reviewed (HTTP 409)."""


def review(state: ContentState, action: ReviewAction) -> Decision[ContentState]:
    """W3 / 三(四)1: content is reviewed by the emergency science expert team 应急科普专家队伍 before it may be
    published or held in the reserve; a reviewed item is not reviewed again (a new version is a new item)."""
    if ContentState(state) is not ContentState.DRAFT:
        raise IllegalReview(f"content review (W3): cannot {action} when {state}")
    new = ContentState.APPROVED if ReviewAction(action) is ReviewAction.APPROVE else ContentState.REJECTED
    return decide(new, f"{state} --{action}--> {new}", plan("三(四)1", "W3", "组建应急科普专家队伍"))


# Which accessible variants make sense for a medium; a campaign format outside this set is not asked of the
# item (a braille edition of a video is a separate text item). A medium's own form is never asked of it.
APPLICABLE: Mapping[Medium, frozenset[Format]] = {
    Medium.VIDEO: frozenset(
        {Format.CAPTIONS, Format.SIGN_LANGUAGE, Format.AUDIO, Format.SCREEN_READER_TEXT, Format.EASY_READ}
    ),
    Medium.AUDIO: frozenset({Format.CAPTIONS, Format.SCREEN_READER_TEXT, Format.EASY_READ}),
    Medium.TEXT: frozenset(
        {Format.AUDIO, Format.SCREEN_READER_TEXT, Format.BRAILLE, Format.LARGE_PRINT, Format.EASY_READ}
    ),
    Medium.IMAGE: frozenset(
        {Format.AUDIO, Format.SCREEN_READER_TEXT, Format.BRAILLE, Format.LARGE_PRINT, Format.EASY_READ}
    ),
}
NATIVE: Mapping[Medium, Format | None] = {
    Medium.VIDEO: None,
    Medium.AUDIO: Format.AUDIO,
    Medium.TEXT: Format.SCREEN_READER_TEXT,  # digital text is what a screen reader reads
    Medium.IMAGE: None,
}


def accessibility_gate(medium: Medium, variants: Iterable[str], campaign_formats: Iterable[str]) -> Decision[list[str]]:
    """R24 (disability plan 三(四)3, 专栏9·二·3): no item is published without its accessible formats — every
    format the campaign requires that applies to the item's medium must exist as a variant of the item. A video
    needs captions, sign language and audio description at least (the campaign floor); a text needs an audio
    version; braille and large print are asked of print media only when the campaign requires them. Returns the
    missing variants: empty means the item passes."""
    medium = Medium(medium)
    have = {Format(v) for v in variants} | ({NATIVE[medium]} if NATIVE[medium] else set())
    wanted = [Format(f) for f in campaign_formats if Format(f) in APPLICABLE[medium]]
    missing = [f.value for f in wanted if f not in have]
    return decide(
        missing,
        f"{medium.value}: " + (f"missing {', '.join(missing)}" if missing else "all required variants present"),
        R24_BASIS,
        design("R24", "per-medium applicability table in RULES.md"),
    )


def selects(
    item_hazards: Iterable[str], item_topics: Iterable[str], hazard: str, topics: Iterable[str]
) -> Decision[bool]:
    """W1 step 4 / 三(四)1: 「储备一批应急科普优质资源」 — a campaign draws approved reserve items made for its
    hazard, or, failing a hazard tag, items on one of its topics (so an unmapped hazard still gets avoidance
    content). Callers pass only approved reserve items."""
    code = normalise_hazard(hazard)
    by_hazard = code in {normalise_hazard(h) for h in item_hazards}
    by_topic = not list(item_hazards) and bool(set(item_topics) & {Topic(t).value for t in topics})
    return decide(
        by_hazard or by_topic,
        "hazard match" if by_hazard else ("topic match" if by_topic else "no match"),
        plan("三(四)1", "R22", "储备一批应急科普优质资源"),
        design("W1", "hazard-tagged items match their hazard; untagged items match by topic"),
    )
