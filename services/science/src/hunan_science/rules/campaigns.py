"""Emergency science popularisation 应急科普 (W1; R22–R24): which content themes a hazard calls for, the work
streams every emergency campaign runs, the accessible formats it must carry, and its life cycle."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from hunan_science.rules.basis import DISABILITY_PLAN, ScienceRuleError, decide, design, plan
from hunan_shared.legal import Decision, IllegalTransition, cite


class Topic(StrEnum):
    """Emergency content themes named in 三(四)1."""

    INFECTIOUS_DISEASE = "INFECTIOUS_DISEASE"  # 传染病防治
    DISASTER_PREVENTION = "DISASTER_PREVENTION"  # 防灾减灾
    SAFETY_PRODUCTION = "SAFETY_PRODUCTION"  # 安全生产
    EMERGENCY_AVOIDANCE = "EMERGENCY_AVOIDANCE"  # 应急避险


class WorkStream(StrEnum):
    POLICY_INTERPRETATION = "POLICY_INTERPRETATION"  # 政策解读
    KNOWLEDGE = "KNOWLEDGE"  # 知识普及
    OPINION_GUIDANCE = "OPINION_GUIDANCE"  # 舆情引导


class Format(StrEnum):
    """Accessible variants 无障碍格式 (R24, basis in the disability plan)."""

    CAPTIONS = "captions"  # 字幕
    SIGN_LANGUAGE = "sign_language"  # 国家通用手语
    AUDIO = "audio"  # 有声
    SCREEN_READER_TEXT = "screen_reader_text"
    BRAILLE = "braille"  # 国家通用盲文
    LARGE_PRINT = "large_print"  # 大字
    EASY_READ = "easy_read"  # 易读


# 五大灾害 of the emergency plan plus epidemics; production-safety sectors (any other hazard code that the
# emergency service declares as an accident) map to work safety.
_NATURAL_TOPICS: Mapping[str, tuple[Topic, ...]] = {
    "FLOOD_DROUGHT": (
        Topic.DISASTER_PREVENTION,
        Topic.EMERGENCY_AVOIDANCE,
        Topic.INFECTIOUS_DISEASE,
    ),  # post-flood hygiene
    "GEOLOGICAL": (Topic.EMERGENCY_AVOIDANCE, Topic.DISASTER_PREVENTION),
    "EARTHQUAKE": (Topic.EMERGENCY_AVOIDANCE, Topic.DISASTER_PREVENTION),
    "METEOROLOGICAL": (Topic.DISASTER_PREVENTION, Topic.EMERGENCY_AVOIDANCE),
    "FOREST_FIRE": (Topic.DISASTER_PREVENTION, Topic.EMERGENCY_AVOIDANCE),
    "EPIDEMIC": (Topic.INFECTIOUS_DISEASE,),
}
_ALIASES: Mapping[str, str] = {
    "FLOOD": "FLOOD_DROUGHT",
    "DROUGHT": "FLOOD_DROUGHT",
    "FLASH_FLOOD": "FLOOD_DROUGHT",
    "RAINSTORM": "METEOROLOGICAL",
    "TYPHOON": "METEOROLOGICAL",
    "LOW_TEMPERATURE_RAIN_SNOW_FREEZING": "METEOROLOGICAL",
    "LANDSLIDE": "GEOLOGICAL",
    "PUBLIC_HEALTH": "EPIDEMIC",
    "INFECTIOUS_DISEASE": "EPIDEMIC",
}
PRODUCTION_SAFETY_SECTORS = frozenset(
    {
        "COAL_MINE",
        "NON_COAL_MINE",
        "TAILINGS_POND",
        "HAZCHEM",
        "FIREWORKS",
        "METALLURGY_INDUSTRY_TRADE",
        "ROAD_TRANSPORT",
        "TRANSPORT_FISHERY_VESSELS",
        "URBAN_RAIL",
        "FIRE",
        "CIVIL_EXPLOSIVES",
        "SPECIAL_EQUIPMENT",
        "URBAN_CONSTRUCTION",
        "INDUSTRIAL_PARK",
        "HAZARDOUS_WASTE",
        "CONSTRUCTION",
        "METAL_SMELTING",
        "FISHERY",
    }
)


def normalise_hazard(hazard: str) -> str:
    code = hazard.strip().upper().replace("-", "_").replace(" ", "_")
    return _ALIASES.get(code, code)


def topics_for_hazard(hazard: str) -> Decision[list[Topic]]:
    """R23 / 三(四)1 (W1 step 3): the content themes an emergency campaign runs for a hazard. Unknown hazards
    still get 应急避险 so a campaign never launches empty; the reason says the hazard was not mapped."""
    code = normalise_hazard(hazard)
    basis = [
        plan("三(四)1", "R23", "传染病防治、防灾减灾、安全生产、应急避险"),
        design("W1", "hazard → topic table in RULES.md"),
    ]
    if code in _NATURAL_TOPICS:
        topics, reason = _NATURAL_TOPICS[code], f"{code}: mapped"
    elif code in PRODUCTION_SAFETY_SECTORS:
        topics, reason = (Topic.SAFETY_PRODUCTION, Topic.EMERGENCY_AVOIDANCE), f"{code}: production-safety accident"
    else:
        topics, reason = (Topic.EMERGENCY_AVOIDANCE,), f"{code}: hazard not mapped, avoidance content only"
    return decide(list(topics), reason, *basis)


def work_streams() -> Decision[list[WorkStream]]:
    """R23 / 三(四)1: under an emergency, 政策解读、知识普及和舆情引导 — all three, delivered 直达基层."""
    return decide(
        list(WorkStream),
        "policy interpretation, knowledge, opinion guidance",
        plan("三(四)1", "R23", "及时做好政策解读、知识普及和舆情引导等工作"),
    )


# The floor every emergency campaign carries whatever the counts say (catalogue S-T15): captions and sign
# language for video, audio for those who cannot read the screen.
BASELINE_FORMATS = (Format.CAPTIONS, Format.SIGN_LANGUAGE, Format.AUDIO)

# Disability's liaison channels (AccessibilityNeedsSummarized.channel_counts) → formats they call for.
# voice_call is the visual-impairment channel (also used for physical disability: braille for them is
# over-provision, harmless); text_message serves hearing and speech; via_guardian serves intellectual
# and mental disability.
NEED_FORMATS: Mapping[str, tuple[Format, ...]] = {
    "sign_language_video": (Format.SIGN_LANGUAGE, Format.CAPTIONS),
    "text_message": (Format.CAPTIONS, Format.SCREEN_READER_TEXT),
    "voice_call": (Format.AUDIO, Format.BRAILLE, Format.LARGE_PRINT),
    "via_guardian": (Format.EASY_READ,),
}

R24_BASIS = cite(DISABILITY_PLAN, "三(四)3, 专栏9·二·3 (R24)", "开展残疾人应急科普宣传；字幕、手语、盲文")


def required_formats(channel_counts: Mapping[str, int] | None = None) -> Decision[list[Format]]:
    """R24 (disability plan 三(四)3, 专栏9·二·3): captions + sign language (hearing) and audio are always required;
    the accessibility needs summarised by disability add braille/large print (visual), screen-reader text
    and easy-read where persons needing them live in the campaign's divisions. Zero counts add nothing."""
    formats = list(BASELINE_FORMATS)
    unknown = []
    for channel, count in sorted((channel_counts or {}).items()):
        if count < 0:
            raise ScienceRuleError(f"negative count for {channel}")
        if count == 0:
            continue
        mapped = NEED_FORMATS.get(channel)
        if mapped is None:
            if channel in Format._value2member_map_:  # a format named directly
                mapped = (Format(channel),)
            else:
                unknown.append(channel)
                continue
        formats += [f for f in mapped if f not in formats]
    reason = (
        "formats: "
        + ", ".join(f.value for f in formats)
        + (f"; channels without a format: {', '.join(unknown)}" if unknown else "")
    )
    return decide(formats, reason, R24_BASIS, design("R24", "captions, sign language and audio are the floor"))


class CampaignState(StrEnum):
    LAUNCHED = "LAUNCHED"
    CLOSED = "CLOSED"


class CampaignAction(StrEnum):
    EXTEND = "extend"
    ADD_FORMATS = "add_formats"
    SCALE = "scale"
    CLOSE = "close"


class IllegalCampaignTransition(IllegalTransition, ScienceRuleError):
    """A campaign step W1 does not allow from the current state (HTTP 409)."""


_W1 = plan("三(四)1", "W1", "应急科普：日常宣教与应急宣传相统一")
_CAMPAIGN: dict[tuple[CampaignState, CampaignAction], CampaignState] = {
    (CampaignState.LAUNCHED, CampaignAction.EXTEND): CampaignState.LAUNCHED,
    (CampaignState.LAUNCHED, CampaignAction.ADD_FORMATS): CampaignState.LAUNCHED,
    (CampaignState.LAUNCHED, CampaignAction.SCALE): CampaignState.LAUNCHED,
    (CampaignState.LAUNCHED, CampaignAction.CLOSE): CampaignState.CLOSED,
}


def next_campaign_state(state: CampaignState, action: CampaignAction) -> Decision[CampaignState]:
    """W1 [D]: a launched campaign is extended and given formats while it runs; a closed one takes no change.
    (Content selection, expert review and the accessibility gate per item are not modelled yet; see RULES.md.)"""
    try:
        new = _CAMPAIGN[(CampaignState(state), CampaignAction(action))]
    except KeyError:
        raise IllegalCampaignTransition(f"campaign (W1): cannot {action} when {state}") from None
    return decide(new, f"{state} --{action}--> {new}", _W1)


class Channel(StrEnum):
    """Publication channels named by the plan, from local to province-wide."""

    KEPU_HUNAN = "kepu_hunan"  # “科普中国”“科普湖南” platforms (三(二)4)
    COUNTY_MEDIA_CENTRE = "county_media_centre"  # 县级融媒体中心 (三(二)3–4)
    CIVILIZATION_PRACTICE = "civilization_practice"  # 新时代文明实践中心（所、站） (三(四)2)
    INFO_OFFICERS = "info_officers"  # 科普信息员 (三(四)2)
    VILLAGE_BROADCAST = "village_broadcast"  # 广播村村通 (三(二)3)
    VOLUNTEERS = "volunteers"  # 科技志愿服务队 (三(四)2)
    EMERGENCY_BROADCAST = "emergency_broadcast"  # 应急广播 (三(四)1)
    PROVINCIAL_TV = "provincial_tv"  # 湖南广播电视台 (三(二)3)
    PUBLIC_SCREENS = "public_screens"  # 公共交通、户外电子屏、楼宇电视 (三(二)3)


LEVELS = ("IV", "III", "II", "I")  # lowest to highest response level
_LEVEL_ADDS: Mapping[str, tuple[Channel, ...]] = {
    "IV": (Channel.KEPU_HUNAN, Channel.COUNTY_MEDIA_CENTRE, Channel.CIVILIZATION_PRACTICE),
    "III": (Channel.INFO_OFFICERS, Channel.VILLAGE_BROADCAST),
    "II": (Channel.VOLUNTEERS, Channel.EMERGENCY_BROADCAST),
    "I": (Channel.PROVINCIAL_TV, Channel.PUBLIC_SCREENS),
}
WARNING_COLOUR_LEVEL: Mapping[str, str] = {"red": "I", "orange": "II", "yellow": "III", "blue": "IV"}


def channels_for_level(level: str | None) -> Decision[list[Channel]]:
    """三(四)1 (R23, W1): 「统筹力量直达基层…完善应急广播体系」 — the campaign's reach follows the response level.
    Level IV (lowest) publishes on the science platforms, the county media centres and the civilisation-practice
    stations; III adds the information officers and village broadcasting; II the volunteer teams and emergency
    broadcasting; I (highest) provincial television and public screens [D: the plan names the channels, the
    ladder is this suite's]. Raising the level scales the campaign up, lowering it scales it down. No level
    (a manual campaign) is treated as IV."""
    code = level or "IV"
    if code not in LEVELS:
        raise ScienceRuleError(f"unknown response level {level!r}")
    channels = [c for lvl in LEVELS[: LEVELS.index(code) + 1] for c in _LEVEL_ADDS[lvl]]
    return decide(
        channels,
        f"level {code}: " + ", ".join(c.value for c in channels),
        plan("三(四)1", "R23", "统筹力量直达基层开展应急科普；完善应急广播体系"),
        design("W1", "response level → channel ladder in RULES.md"),
    )


def level_of_warning(colour: str) -> str:
    """A warning colour as a response level (red I, orange II, yellow III, blue IV) for the channel ladder."""
    try:
        return WARNING_COLOUR_LEVEL[colour.lower()]
    except KeyError:
        raise ScienceRuleError(f"unknown warning colour {colour!r}") from None


class Mode(StrEnum):
    EMERGENCY = "EMERGENCY"  # 应急宣传
    PEACETIME = "PEACETIME"  # 日常宣教


class AwarenessDay(StrEnum):
    """National days and weeks named in 三(四)3 (「利用…开展…」); dates are set nationally each year, except the
    ones fixed below."""

    DISASTER_PREVENTION_DAY = "DISASTER_PREVENTION_DAY"  # 防灾减灾日 (12 May)
    SCIENCE_DAY = "SCIENCE_DAY"  # 全国科普日 (September)
    SCIENCE_WEEK = "SCIENCE_WEEK"  # 科技活动周 (May)
    INNOVATION_WEEK = "INNOVATION_WEEK"  # 双创活动周
    OCCUPATIONAL_DISEASE_WEEK = "OCCUPATIONAL_DISEASE_WEEK"  # 《职业病防治法》宣传周 (25 April – 1 May)
    FOOD_SAFETY_WEEK = "FOOD_SAFETY_WEEK"  # 食品安全宣传周
    PATRIOTIC_HEALTH = "PATRIOTIC_HEALTH"  # 爱国卫生运动 (a campaign, not a date)


AWARENESS_TOPICS: Mapping[AwarenessDay, tuple[Topic, ...]] = {
    AwarenessDay.DISASTER_PREVENTION_DAY: (Topic.DISASTER_PREVENTION, Topic.EMERGENCY_AVOIDANCE),
    AwarenessDay.OCCUPATIONAL_DISEASE_WEEK: (Topic.SAFETY_PRODUCTION,),
    AwarenessDay.PATRIOTIC_HEALTH: (Topic.INFECTIOUS_DISEASE,),
    AwarenessDay.FOOD_SAFETY_WEEK: (Topic.INFECTIOUS_DISEASE,),
}


def peacetime_topics(day: AwarenessDay | None, topics: list[Topic]) -> Decision[list[Topic]]:
    """W2 / 三(四)1, 三(四)3: 「坚持日常宣教与应急宣传相统一」 — a peacetime campaign names its topics, or takes
    the emergency themes its awareness day concerns (防灾减灾日 → 防灾减灾、应急避险); one of the two is needed."""
    chosen = list(dict.fromkeys(topics)) or list(AWARENESS_TOPICS.get(AwarenessDay(day), ()) if day else ())
    if not chosen:
        raise ScienceRuleError("a peacetime campaign needs topics (this awareness day implies none)")
    return decide(
        chosen,
        "topics given" if topics else f"topics of {day}",
        plan("三(四)3", "W2", "利用全国科普日、科技活动周、防灾减灾日等开展科普"),
        plan("三(四)1", "R22", "日常宣教与应急宣传相统一"),
    )
