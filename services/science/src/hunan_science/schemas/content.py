"""Request and response bodies of the content library (三(二)1, 三(四)1; W3)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from hunan_science.rules.campaigns import Format, Topic
from hunan_science.rules.content import Medium, ReadingLevel, ReviewAction
from hunan_shared.legal import Basis


class ContentIn(BaseModel):
    """A science work for the library; `reserve` holds it for emergency campaigns (储备, 三(四)1)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "洪水来了怎么办",
                    "medium": "VIDEO",
                    "topics": ["DISASTER_PREVENTION", "EMERGENCY_AVOIDANCE"],
                    "hazards": ["FLOOD_DROUGHT"],
                    "audiences": ["PUBLIC", "ELDERLY"],
                    "variants": ["captions", "sign_language", "audio"],
                    "reading_level": "EASY",
                    "reserve": True,
                }
            ]
        },
    )

    title: str = Field(min_length=2, max_length=300)
    medium: Medium
    topics: list[Topic] = Field(min_length=1, max_length=4)
    hazards: list[str] = Field(default_factory=list, max_length=20, description="Hazard codes, e.g. FLOOD_DROUGHT")
    audiences: list[str] = Field(default_factory=list, max_length=10, description="e.g. PUBLIC, ELDERLY, FARMER")
    variants: list[Format] = Field(default_factory=list, max_length=7, description="Accessible variants it has")
    reading_level: ReadingLevel = ReadingLevel.GENERAL
    reserve: bool = False


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: ReviewAction
    reviewer: str = Field(min_length=2, max_length=200, description="The expert of the emergency science team")
    note: str | None = Field(None, max_length=1000)


class VariantsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    variants: list[Format] = Field(min_length=1, max_length=7, description="Variants produced since (added)")


class ContentOut(BaseModel):
    id: str
    title: str
    medium: str
    topics: list[str]
    hazards: list[str]
    audiences: list[str]
    variants: list[str]
    reading_level: str
    reserve: bool
    state: str
    reviewer: str | None
    review_note: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    basis: list[Basis] = Field(default_factory=list)
