"""Content library rules (W3), the per-item accessibility gate (R24) and the response-level channel ladder (W1)."""

from __future__ import annotations

import pytest

from hunan_science.rules import campaigns as c
from hunan_science.rules import content as k
from hunan_science.rules.basis import ScienceRuleError

FLOOR = ["captions", "sign_language", "audio"]


@pytest.mark.parametrize(
    "medium, variants, formats, missing",
    [
        (k.Medium.VIDEO, ["captions", "sign_language", "audio"], FLOOR, []),
        (k.Medium.VIDEO, ["captions", "audio"], FLOOR, ["sign_language"]),
        (k.Medium.VIDEO, [], FLOOR, ["captions", "sign_language", "audio"]),
        (k.Medium.VIDEO, FLOOR, [*FLOOR, "braille"], []),
        (k.Medium.TEXT, [], FLOOR, ["audio"]),
        (k.Medium.TEXT, ["audio"], [*FLOOR, "braille", "large_print"], ["braille", "large_print"]),
        (k.Medium.AUDIO, [], FLOOR, ["captions"]),
        (k.Medium.AUDIO, ["captions"], [*FLOOR, "easy_read"], ["easy_read"]),
        (k.Medium.IMAGE, ["audio"], FLOOR, []),
    ],
    ids=[
        "R24-S-T14-video-complete",
        "R24-S-T14-video-without-sign-language",
        "R24-video-bare",
        "R24-braille-not-asked-of-video",
        "R24-text-needs-audio",
        "R24-print-needs-braille-when-required",
        "R24-audio-needs-transcript",
        "R24-easy-read-when-required",
        "R24-poster-with-audio",
    ],
)
def test_R24_accessibility_gate(medium, variants, formats, missing):
    assert k.accessibility_gate(medium, variants, formats).value == missing


@pytest.mark.parametrize(
    "hazards, topics, hazard, campaign_topics, selected",
    [
        (["FLOOD_DROUGHT"], ["DISASTER_PREVENTION"], "FLOOD", ["DISASTER_PREVENTION"], True),
        (["EARTHQUAKE"], ["EMERGENCY_AVOIDANCE"], "FLOOD_DROUGHT", ["EMERGENCY_AVOIDANCE"], False),
        ([], ["EMERGENCY_AVOIDANCE"], "UNKNOWN_HAZARD", ["EMERGENCY_AVOIDANCE"], True),
        ([], ["SAFETY_PRODUCTION"], "FLOOD_DROUGHT", ["DISASTER_PREVENTION"], False),
    ],
    ids=["三(四)1-hazard-alias", "三(四)1-other-hazard", "三(四)1-untagged-by-topic", "三(四)1-no-topic"],
)
def test_W1_content_selection(hazards, topics, hazard, campaign_topics, selected):
    assert k.selects(hazards, topics, hazard, campaign_topics).value is selected


def test_W3_review_once():
    assert k.review(k.ContentState.DRAFT, k.ReviewAction.APPROVE).value is k.ContentState.APPROVED
    assert k.review(k.ContentState.DRAFT, k.ReviewAction.REJECT).value is k.ContentState.REJECTED
    with pytest.raises(k.IllegalReview):
        k.review(k.ContentState.APPROVED, k.ReviewAction.REJECT)


@pytest.mark.parametrize(
    "level, count, has, lacks",
    [
        ("IV", 3, c.Channel.COUNTY_MEDIA_CENTRE, c.Channel.VILLAGE_BROADCAST),
        ("III", 5, c.Channel.VILLAGE_BROADCAST, c.Channel.EMERGENCY_BROADCAST),
        ("II", 7, c.Channel.EMERGENCY_BROADCAST, c.Channel.PROVINCIAL_TV),
        ("I", 9, c.Channel.PROVINCIAL_TV, None),
        (None, 3, c.Channel.KEPU_HUNAN, c.Channel.INFO_OFFICERS),
    ],
    ids=["三(四)1-IV", "三(四)1-III", "三(四)1-II", "三(四)1-I", "三(四)1-manual"],
)
def test_W1_channels_scale_with_level(level, count, has, lacks):
    channels = c.channels_for_level(level).value
    assert len(channels) == count and has in channels and (lacks is None or lacks not in channels)


def test_warning_colours_and_unknown_level():
    assert [c.level_of_warning(x) for x in ("red", "orange", "yellow", "blue")] == ["I", "II", "III", "IV"]
    with pytest.raises(ScienceRuleError):
        c.level_of_warning("green")
    with pytest.raises(ScienceRuleError):
        c.channels_for_level("V")
    assert c.next_campaign_state(c.CampaignState.LAUNCHED, c.CampaignAction.SCALE).value is c.CampaignState.LAUNCHED


@pytest.mark.parametrize(
    "day, topics, chosen",
    [
        (c.AwarenessDay.DISASTER_PREVENTION_DAY, [], [c.Topic.DISASTER_PREVENTION, c.Topic.EMERGENCY_AVOIDANCE]),
        (c.AwarenessDay.OCCUPATIONAL_DISEASE_WEEK, [], [c.Topic.SAFETY_PRODUCTION]),
        (c.AwarenessDay.SCIENCE_DAY, [c.Topic.INFECTIOUS_DISEASE], [c.Topic.INFECTIOUS_DISEASE]),
        (None, [c.Topic.SAFETY_PRODUCTION, c.Topic.SAFETY_PRODUCTION], [c.Topic.SAFETY_PRODUCTION]),
        (c.AwarenessDay.SCIENCE_DAY, [], None),
    ],
    ids=["三(四)3-W2-disaster-day", "三(四)3-W2-occupational-week", "三(四)3-W2-given", "W2-dedup", "W2-none"],
)
def test_W2_peacetime_topics(day, topics, chosen):
    if chosen is None:
        with pytest.raises(ScienceRuleError):
            c.peacetime_topics(day, topics)
    else:
        assert c.peacetime_topics(day, topics).value == chosen
