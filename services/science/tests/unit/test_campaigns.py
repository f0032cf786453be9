"""Emergency science popularisation rules (三(四)1 R22–R23, R24 from the disability plan, W1 life cycle)."""

from __future__ import annotations

import pytest

from hunan_science.rules import campaigns as c
from hunan_science.rules.basis import ScienceRuleError

T, Fm = c.Topic, c.Format


@pytest.mark.parametrize(
    "hazard, topics",
    [
        ("FLOOD_DROUGHT", [T.DISASTER_PREVENTION, T.EMERGENCY_AVOIDANCE, T.INFECTIOUS_DISEASE]),
        ("flood", [T.DISASTER_PREVENTION, T.EMERGENCY_AVOIDANCE, T.INFECTIOUS_DISEASE]),
        ("GEOLOGICAL", [T.EMERGENCY_AVOIDANCE, T.DISASTER_PREVENTION]),
        ("forest_fire", [T.DISASTER_PREVENTION, T.EMERGENCY_AVOIDANCE]),
        ("EPIDEMIC", [T.INFECTIOUS_DISEASE]),
        ("HAZCHEM", [T.SAFETY_PRODUCTION, T.EMERGENCY_AVOIDANCE]),
        ("METEOR_STRIKE", [T.EMERGENCY_AVOIDANCE]),
    ],
    ids=[
        "三(四)1-S-T11-flood",
        "三(四)1-flood-alias",
        "三(四)1-geological",
        "三(四)1-forest-fire",
        "三(四)1-S-T17-epidemic",
        "三(四)1-accident",
        "三(四)1-unmapped",
    ],
)
def test_R23_topics_for_hazard(hazard, topics):
    assert c.topics_for_hazard(hazard).value == topics


def test_R23_work_streams_S_T17():
    assert c.work_streams().value == [
        c.WorkStream.POLICY_INTERPRETATION,
        c.WorkStream.KNOWLEDGE,
        c.WorkStream.OPINION_GUIDANCE,
    ]


BASE = [Fm.CAPTIONS, Fm.SIGN_LANGUAGE, Fm.AUDIO]


@pytest.mark.parametrize(
    "counts, formats",
    [
        (None, BASE),
        ({"sign_language_video": 0}, BASE),
        ({"sign_language_video": 5}, BASE),
        ({"voice_call": 1}, [*BASE, Fm.BRAILLE, Fm.LARGE_PRINT]),
        ({"voice_call": 0}, BASE),
        ({"text_message": 2, "via_guardian": 1}, [*BASE, Fm.SCREEN_READER_TEXT, Fm.EASY_READ]),
        ({"braille": 1, "in_person_visit": 9}, [*BASE, Fm.BRAILLE]),
    ],
    ids=[
        "R24-floor",
        "R24-S-T15-zero-deaf",
        "R24-deaf",
        "R24-visual",
        "R24-visual-zero",
        "R24-text-and-guardian",
        "R24-format-named-and-unknown-channel",
    ],
)
def test_R24_required_formats(counts, formats):
    assert c.required_formats(counts).value == formats


def test_R24_rejects_negative_counts():
    with pytest.raises(ScienceRuleError):
        c.required_formats({"voice_call": -1})


@pytest.mark.parametrize(
    "state, action, new",
    [
        (c.CampaignState.LAUNCHED, c.CampaignAction.EXTEND, c.CampaignState.LAUNCHED),
        (c.CampaignState.LAUNCHED, c.CampaignAction.CLOSE, c.CampaignState.CLOSED),
    ],
    ids=["三(四)1-W1-extend", "三(四)1-W1-close"],
)
def test_W1_transitions(state, action, new):
    assert c.next_campaign_state(state, action).value is new


@pytest.mark.parametrize("action", list(c.CampaignAction), ids=lambda a: f"三(四)1-W1-closed-{a.value}")
def test_W1_closed_campaign_takes_no_change(action):
    with pytest.raises(c.IllegalCampaignTransition):
        c.next_campaign_state(c.CampaignState.CLOSED, action)
