"""A toy service used to test the platform pieces (factory, HTTP, outbox, inbox) in isolation."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from fastapi import APIRouter, Depends, Security
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Column
from sqlmodel import Field as SQLField
from sqlmodel import Session, SQLModel

from hunan_shared import clock, migrations
from hunan_shared.api import Writer, db_session, reader, writer
from hunan_shared.bus import HandlerContext
from hunan_shared.db import AwareDateTime, PlatformTables, make_engine, new_registry
from hunan_shared.errors import NotFound
from hunan_shared.events.catalogue import DisasterDeclared
from hunan_shared.service import ServiceSpec, create_service_app
from hunan_shared.settings import ServiceSettings
from hunan_shared.uow import UnitOfWork, new_id


@pytest.fixture(autouse=True)
def toy_plays_emergency(monkeypatch):
    """The toy service publishes an emergency event from its own source (`/hunan/toy`): its consumer trusts
    that source for emergency's types too, besides the catalogue producer's."""
    from hunan_shared.bus import consumer

    real = consumer.trusted_sources
    monkeypatch.setattr(consumer, "trusted_sources", lambda cls: real(cls) | {"/hunan/toy"})


registry = new_registry()
metadata = registry.metadata
tables = PlatformTables.attach(metadata)


class ToyTable(SQLModel, registry=registry):
    pass


class Note(ToyTable, table=True):
    id: str = SQLField(primary_key=True)
    text: str
    disaster_id: str | None = None
    created_at: dt.datetime = SQLField(sa_column=Column(AwareDateTime(), nullable=False))


class NoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=50)


router = APIRouter(prefix="/v1/notes", tags=["notes"])


def create_note(uow: UnitOfWork, body: NoteIn) -> dict:
    note = Note(id=new_id(), text=body.text, created_at=clock.now())
    uow.session.add(note)
    uow.emit(
        DisasterDeclared(
            disaster_id=note.id,
            hazard="FLOOD_DROUGHT",
            response_level="IV",
            division_codes=["430102"],
            title=body.text,
            occurred_at=note.created_at,
            declared_at=note.created_at,
        )
    )
    uow.audit("note.create", "note", note.id, after=body)
    return {"id": note.id, "text": note.text}


@router.post("", status_code=201)
def post_note(body: NoteIn, write: Writer = Security(writer, scopes=["toy:write"])):
    return write.run(lambda uow: create_note(uow, body), status_code=201, body=body)


@router.get("/{note_id}", dependencies=[reader("toy:read")])
def get_note(note_id: str, session: Session = Depends(db_session)):
    note = session.get(Note, note_id)
    if note is None:
        raise NotFound(f"no note {note_id}")
    return {"id": note.id, "text": note.text}


def note_on_disaster(ctx: HandlerContext, event: DisasterDeclared) -> None:
    if event.title == "poison":
        raise ValueError("this handler cannot digest poison")
    ctx.uow.session.add(
        Note(id=new_id(), text=f"seen {event.disaster_id}", disaster_id=event.disaster_id, created_at=clock.now())
    )


SPEC = ServiceSpec(
    name="toy",
    title="Toy",
    description="test service",
    metadata=metadata,
    tables=tables,
    migrations="unused",
    routers=[router],
    handlers={DisasterDeclared: note_on_disaster},
    produces=(DisasterDeclared,),
)


@pytest.fixture
def toy_engine(database_url):
    engine = make_engine(database_url)
    metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def toy_app(database_url, toy_engine, platform_settings, memory_bus, monkeypatch):
    monkeypatch.setattr(migrations, "upgrade", lambda engine, location: None)
    monkeypatch.setattr(migrations, "is_at_head", lambda engine, location: True)
    return create_service_app(
        SPEC, settings=platform_settings, service_settings=ServiceSettings(database_url=database_url), bus=memory_bus
    )


@pytest.fixture
def toy_client(toy_app):
    with TestClient(toy_app) as client:
        yield client


@pytest.fixture
def toy():
    """The toy service's tables, for assertions."""
    return SimpleNamespace(Note=Note, note_table=metadata.tables["note"], tables=tables, spec=SPEC)
