"""CAP 1.2 (OASIS Common Alerting Protocol) messages for warnings released through the "1+5" system.

Plan 7(二) / 第七章（二） asks for graded warnings (分级预警) released precisely to specific regions and
groups (特定区域、特定人群); CAP is the suite's [DESIGN] wire format for them. One pure builder produces
the JSON form (`cap_dict`) and the XML form (`cap_xml`) from the same ordered structure, so they never
disagree. Colour grade → severity/urgency/certainty and response level follow the explicit table in
`hunan_emergency.rules.warnings` (COLOUR_CAP_GRADE, COLOUR_RESPONSE_LEVEL).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from lxml import etree

from hunan_emergency.rules.areas import normalise_division
from hunan_emergency.rules.basis import EmergencyRuleError, require_aware
from hunan_emergency.rules.classification import NaturalHazardType, SafetySector
from hunan_emergency.rules.warnings import (
    WarningColour,
    cap_grade_for_colour,
    response_level_for_colour,
    warning_release_systems,
)
from hunan_shared import divisions

CAP_NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2"
GEOCODE_GBT2260 = "GB/T 2260"
GEOCODE_STATISTICAL = "统计用区划代码"  # townships/villages have no GB/T 2260 code
LANGUAGE = "zh-CN"

# CAP forbids spaces, commas and XML-reserved characters in identifiers and senders (CAP 1.2 §3.2.1).
_CAP_TOKEN = re.compile(r"^[^\s,<&]+$")


class InvalidCapMessage(EmergencyRuleError):
    """The warning cannot be expressed as a valid CAP 1.2 message."""


class CapStatus(StrEnum):
    ACTUAL = "Actual"
    EXERCISE = "Exercise"
    SYSTEM = "System"
    TEST = "Test"
    DRAFT = "Draft"


class CapMsgType(StrEnum):
    ALERT = "Alert"
    UPDATE = "Update"
    CANCEL = "Cancel"


@dataclass(frozen=True)
class CapReference:
    """An earlier message this one updates or cancels."""

    sender: str
    identifier: str
    sent: datetime


@dataclass(frozen=True)
class CapWarning:
    """The plain warning values a CAP message is built from (预警信息)."""

    identifier: str
    sender: str
    sent: datetime
    status: CapStatus
    msg_type: CapMsgType
    hazard: NaturalHazardType | SafetySector
    colour: WarningColour
    divisions: tuple[str, ...]
    expires: datetime
    headline: str
    description: str
    references: tuple[CapReference, ...] = ()
    instruction: str | None = None
    sender_name: str = "湖南省应急管理厅"
    audience: str | None = None  # 特定人群, e.g. "景区游客、学校师生"


HAZARD_EVENT_NAME: dict[NaturalHazardType, str] = {
    NaturalHazardType.FLOOD_DROUGHT: "水旱灾害",
    NaturalHazardType.GEOLOGICAL: "地质灾害",
    NaturalHazardType.METEOROLOGICAL: "气象灾害",
    NaturalHazardType.FOREST_FIRE: "森林火灾",
    NaturalHazardType.EARTHQUAKE: "地震",
}
HAZARD_CAP_CATEGORY: dict[NaturalHazardType, str] = {
    NaturalHazardType.FLOOD_DROUGHT: "Met",
    NaturalHazardType.GEOLOGICAL: "Geo",
    NaturalHazardType.METEOROLOGICAL: "Met",
    NaturalHazardType.FOREST_FIRE: "Fire",
    NaturalHazardType.EARTHQUAKE: "Geo",
}
SECTOR_CAP_CATEGORY: dict[SafetySector, str] = {
    SafetySector.FIRE: "Fire",
    SafetySector.ROAD_TRANSPORT: "Transport",
    SafetySector.TRANSPORT_FISHERY_VESSELS: "Transport",
    SafetySector.URBAN_RAIL: "Transport",
    SafetySector.HAZCHEM: "CBRNE",
    SafetySector.CIVIL_EXPLOSIVES: "CBRNE",
}


def _timestamp(moment: datetime) -> str:
    # CAP dateTime: no fractional seconds, explicit offset ("Z" is not allowed).
    return moment.replace(microsecond=0).isoformat()


# XML 1.0 `Char` (W3C XML 1.0 §2.2): tab, LF, CR and the planes minus surrogates and U+FFFE/U+FFFF. Anything
# else (BEL, ESC, other C0 controls, U+FFFE…) cannot be written into a CAP document at all.
_NOT_XML_CHAR = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text_problem(value: str) -> str | None:
    """Why `value` cannot be carried in an XML (CAP 1.2) text element, or None when it can."""
    found = _NOT_XML_CHAR.search(value)
    if found is None:
        return None
    return f"character U+{ord(found.group()):04X} at position {found.start()} is not allowed in XML text"


def _validate(warning: CapWarning) -> None:
    for label, text in (
        ("headline", warning.headline),
        ("description", warning.description),
        ("instruction", warning.instruction),
        ("audience", warning.audience),
        ("senderName", warning.sender_name),
    ):
        problem = xml_text_problem(text) if text else None
        if problem:
            raise InvalidCapMessage(f"CAP {label}: {problem}")
    require_aware(warning.sent, warning.expires, *(ref.sent for ref in warning.references))
    for label, token in (("identifier", warning.identifier), ("sender", warning.sender)):
        if not _CAP_TOKEN.match(token):
            raise InvalidCapMessage(f"CAP {label} {token!r} must not contain spaces, commas, '<' or '&'")
    if warning.msg_type is not CapMsgType.ALERT and not warning.references:
        raise InvalidCapMessage(f"a CAP {warning.msg_type.value} must reference the message(s) it replaces")
    if warning.expires <= warning.sent:
        raise InvalidCapMessage("expires must be after sent")
    if not warning.divisions:
        raise InvalidCapMessage("a warning targets at least one division")
    if not warning.headline.strip() or not warning.description.strip():
        raise InvalidCapMessage("headline and description are required")


def _area(codes: tuple[str, ...]) -> dict[str, Any]:
    normalised = [normalise_division(code) for code in codes]
    # A township has no name in the GB/T 2260 snapshot: show its county's name with the township code.
    names = [
        divisions.get(code).name if len(code) == 6 else f"{divisions.get(code[:6]).name}（{code}）"
        for code in normalised
    ]
    return {
        "areaDesc": "、".join(names),
        "geocode": [
            {"valueName": GEOCODE_GBT2260 if len(code) == 6 else GEOCODE_STATISTICAL, "value": code}
            for code in normalised
        ],
    }


def cap_dict(warning: CapWarning) -> dict[str, Any]:
    """The CAP 1.2 alert as an ordered dict (the JSON form); keys and order mirror the XML elements."""
    _validate(warning)
    grade = cap_grade_for_colour(warning.colour).value
    level = response_level_for_colour(warning.colour).value
    if isinstance(warning.hazard, NaturalHazardType):
        event = HAZARD_EVENT_NAME[warning.hazard]
        category = HAZARD_CAP_CATEGORY[warning.hazard]
        systems = warning_release_systems(warning.hazard).value
        release = [{"valueName": "RELEASE_SYSTEM", "value": "+".join(s.value for s in systems)}]
    else:
        event = f"生产安全事故 {warning.hazard.value}"
        category = SECTOR_CAP_CATEGORY.get(warning.hazard, "Safety")
        release = []
    info: dict[str, Any] = {
        "language": LANGUAGE,
        "category": [category],
        "event": event,
        "urgency": grade.urgency,
        "severity": grade.severity,
        "certainty": grade.certainty,
    }
    if warning.audience:
        info["audience"] = warning.audience
    info["eventCode"] = [{"valueName": "HUNAN_HAZARD", "value": warning.hazard.value}]
    info["expires"] = _timestamp(warning.expires)
    info["senderName"] = warning.sender_name
    info["headline"] = warning.headline
    info["description"] = warning.description
    if warning.instruction:
        info["instruction"] = warning.instruction
    info["parameter"] = [
        {"valueName": "WARNING_COLOUR", "value": f"{warning.colour.value}色"},
        {"valueName": "RESPONSE_LEVEL", "value": level.value},
        *release,
    ]
    info["area"] = [_area(warning.divisions)]
    alert: dict[str, Any] = {
        "identifier": warning.identifier,
        "sender": warning.sender,
        "sent": _timestamp(warning.sent),
        "status": warning.status.value,
        "msgType": warning.msg_type.value,
        "scope": "Public",
    }
    if warning.references:
        alert["references"] = " ".join(f"{r.sender},{r.identifier},{_timestamp(r.sent)}" for r in warning.references)
    alert["info"] = [info]
    return alert


def _append(parent: etree._Element, name: str, value: Any) -> None:
    if isinstance(value, list):
        for entry in value:
            _append(parent, name, entry)
    elif isinstance(value, dict):
        child = etree.SubElement(parent, f"{{{CAP_NAMESPACE}}}{name}")
        for key, inner in value.items():
            _append(child, key, inner)
    else:
        etree.SubElement(parent, f"{{{CAP_NAMESPACE}}}{name}").text = str(value)


def cap_element(warning: CapWarning) -> etree._Element:
    root = etree.Element(f"{{{CAP_NAMESPACE}}}alert", nsmap={None: CAP_NAMESPACE})
    for key, value in cap_dict(warning).items():
        _append(root, key, value)
    return root


def cap_xml(warning: CapWarning) -> bytes:
    """The CAP 1.2 alert as UTF-8 XML bytes with declaration."""
    return etree.tostring(cap_element(warning), xml_declaration=True, encoding="UTF-8", pretty_print=True)
