"""Request and response bodies of the tree archive (一树一档, Art. 14): history, signs and facilities (Art. 22),
attachments, bulk import and export."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from hunan_shared.legal import Basis
from hunan_trees.rules.archive import AttachmentKind, FacilityKind


class TreeVersionOut(BaseModel):
    version: int
    at: dt.datetime
    actor: str = Field(description="Authenticated subject who made the change")
    action: str
    reason: str
    basis: list[Basis]
    changes: dict[str, Any] = Field(
        description="`after` for the first version, else `before` and `after` of the fields"
    )


class TreeUpdate(BaseModel):
    """Change archive facts of a tree; every change states why and on what document (Art. 14)."""

    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=1000, description="Why the archive changes")
    document_ref: str | None = Field(None, max_length=200, description="Supporting document, e.g. survey report")
    tree_no: str | None = Field(None, min_length=1, max_length=40, pattern=r"^[0-9A-Za-z-]+$")
    species: str | None = Field(None, min_length=1, max_length=100)
    species_latin: str | None = Field(None, max_length=100)
    in_urban_planning_area: bool | None = Field(
        None, description="Inside an urban planning area (re-derives the protection level, Art. 10)"
    )


class SignIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sign_no: str = Field(min_length=1, max_length=40, pattern=r"^[0-9A-Za-z-]+$", description="统一编号 (Art. 22)")
    installed_on: dt.date
    installed_by: str = Field(min_length=2, max_length=200, description="County government installing it")
    content: str | None = Field(None, max_length=2000, description="Text on the sign (standardised content)")


class SignOut(BaseModel):
    id: str
    tree_id: str
    sign_no: str
    installed_on: dt.date
    installed_by: str
    content: str | None
    replaced_on: dt.date | None
    basis: list[Basis]


class FacilityIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: FacilityKind
    installed_on: dt.date
    installed_by: str = Field(min_length=2, max_length=200)
    description: str | None = Field(None, max_length=500)


class FacilityOut(BaseModel):
    id: str
    tree_id: str
    kind: FacilityKind
    installed_on: dt.date
    installed_by: str
    description: str | None
    removed_on: dt.date | None
    basis: list[Basis]


class AttachmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: AttachmentKind
    title: str = Field(min_length=1, max_length=200)
    media_type: str = Field(pattern=r"^[a-z]+/[0-9A-Za-z.+-]+$", max_length=100, examples=["image/jpeg"])
    size_bytes: int = Field(ge=1, le=10_000_000_000)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    uri: str = Field(min_length=1, max_length=500, description="Where the file is stored (object store URI)")
    taken_on: dt.date | None = None


class AttachmentOut(BaseModel):
    id: str
    tree_id: str
    kind: AttachmentKind
    title: str
    media_type: str
    size_bytes: int
    sha256: str
    uri: str
    taken_on: dt.date | None
    added_by: str
    added_at: dt.datetime


class ImportResult(BaseModel):
    imported: int
    tree_ids: list[str]
