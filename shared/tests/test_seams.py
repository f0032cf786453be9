"""The platform seams the services build on: rule errors → HTTP, the division filter, the Bus protocol,
repositories and audited changes from the unit of work (on SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlmodel import Field as SQLField
from sqlmodel import SQLModel

from hunan_shared import clock
from hunan_shared.api import PageParams
from hunan_shared.bus import Bus, KafkaBus, MemoryBus
from hunan_shared.db import PlatformTables, in_division, make_engine, new_registry
from hunan_shared.errors import InvalidInput, InvalidTransition, NotFound, RuleViolation, rule_errors
from hunan_shared.legal import IllegalTransition, RuleRefusal, cite
from hunan_shared.repository import Repository
from hunan_shared.settings import PlatformSettings
from hunan_shared.uow import unit_of_work

registry = new_registry()
tables = PlatformTables.attach(registry.metadata)


class Base(SQLModel, registry=registry):
    pass


class RescueSite(Base, table=True):
    __tablename__ = "rescue_site"
    id: str = SQLField(primary_key=True)
    division_code: str
    state: str = "open"


class Pair(Base, table=True):
    a: str = SQLField(primary_key=True)
    b: str = SQLField(primary_key=True)


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    registry.metadata.create_all(engine)
    yield engine
    engine.dispose()


def seed(engine, *sites: tuple[str, str]) -> None:
    with unit_of_work(engine, tables, "/hunan/test") as uow:
        for site_id, code in sites:
            uow.repo(RescueSite).add(RescueSite(id=site_id, division_code=code))


def audit_rows(engine) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(tables.audit_log).order_by(tables.audit_log.c.id))]


# -- rule errors → problem+json -------------------------------------------------------------------------


class ToyRuleError(RuleRefusal):
    pass


class ToyIllegalStep(IllegalTransition, ToyRuleError):
    pass


def test_rule_errors_maps_illegal_transitions_to_409_and_other_refusals_to_422():
    basis = (cite("湖南省古树名木保护办法", "Art. 10 / 第十条"),)
    with pytest.raises(InvalidTransition) as conflict, rule_errors():
        raise ToyIllegalStep("closed cases cannot reopen", basis=basis)
    assert conflict.value.status == 409
    assert conflict.value.detail == "closed cases cannot reopen"
    assert conflict.value.basis == basis
    with pytest.raises(RuleViolation) as refused, rule_errors():
        raise ToyRuleError("no standard for that level")
    assert refused.value.status == 422
    assert refused.value.basis == ()


def test_rule_errors_leaves_other_exceptions_alone():
    with pytest.raises(KeyError), rule_errors():
        raise KeyError("not a rule refusal")
    with rule_errors():
        pass


def test_rule_refusals_stay_value_errors():
    # the services' rule errors were ValueErrors; rules that catch ValueError keep working
    assert issubclass(IllegalTransition, ValueError)


# -- division filter ------------------------------------------------------------------------------------

SITES = [("prov", "430000"), ("city", "430100"), ("furong", "430102"), ("tianxin", "430103"), ("zhuzhou", "430200")]


def test_in_division_covers_the_code_and_everything_inside(engine):
    seed(engine, *SITES)

    def ids(code, **kw):
        with unit_of_work(engine, tables, "/hunan/test") as uow:
            return sorted(s.id for s in uow.repo(RescueSite).list(in_division(RescueSite.division_code, code, **kw)))

    assert ids("430000") == ["city", "furong", "prov", "tianxin", "zhuzhou"]
    assert ids("430100") == ["city", "furong", "tianxin"]
    assert ids("430102") == ["furong"]
    assert ids("430102", with_ancestors=True) == ["city", "furong", "prov"]


def test_in_division_below_county_reaches_township_and_village_codes(engine):
    # Statistical codes: 9 digits (township/street), 12 digits (village/community), inside their county.
    below = [("street", "430102001"), ("village", "430102001002"), ("zhuzhou-village", "430202001001")]
    seed(engine, *SITES, *below)

    def ids(code, **kw):
        with unit_of_work(engine, tables, "/hunan/test") as uow:
            return sorted(s.id for s in uow.repo(RescueSite).list(in_division(RescueSite.division_code, code, **kw)))

    assert ids("430102") == ["furong"]  # unchanged without the option: other services see no difference
    assert ids("430102", below_county=True) == ["furong", "street", "village"]
    assert ids("430100", below_county=True) == ["city", "furong", "street", "tianxin", "village"]
    assert ids("430103", below_county=True) == ["tianxin"]
    assert ids("430102", below_county=True, with_ancestors=True) == ["city", "furong", "prov", "street", "village"]


def test_in_division_refuses_an_unknown_code_as_bad_input():
    with pytest.raises(InvalidInput, match="999999"):
        in_division(RescueSite.division_code, "999999")


# -- Bus protocol ---------------------------------------------------------------------------------------


def test_both_buses_implement_the_protocol_and_say_who_drives_consumers():
    kafka = KafkaBus(PlatformSettings(), client_id="t")
    memory = MemoryBus()
    assert isinstance(kafka, Bus) and isinstance(memory, Bus)
    assert kafka.consumes_from_broker is True
    assert memory.consumes_from_broker is False


# -- repositories ---------------------------------------------------------------------------------------


def test_repository_get_find_for_update_and_not_found(engine):
    seed(engine, ("a", "430102"))
    with unit_of_work(engine, tables, "/hunan/test") as uow:
        sites = uow.repo(RescueSite)
        assert sites.get("a").division_code == "430102"
        assert sites.find("missing") is None
        locked = sites.for_update("a")
        assert locked is sites.get("a")  # one identity per row in the session
        with pytest.raises(NotFound, match="no rescue site missing"):
            sites.get("missing")
        with pytest.raises(NotFound, match="no site-x missing"):
            uow.repo(RescueSite, noun="site-x").for_update("missing")


def test_for_update_rereads_a_row_the_session_already_holds(engine):
    if engine.dialect.name == "sqlite":
        pytest.skip(
            "on SQLite a unit of work holds the write lock from BEGIN IMMEDIATE: nobody commits meanwhile "
            "(test_sqlite_writers.py)"
        )
    seed(engine, ("a", "430102"))
    with unit_of_work(engine, tables, "/hunan/test") as uow:
        row = uow.repo(RescueSite).get("a")
        with engine.begin() as other:  # another transaction commits meanwhile
            other.execute(RescueSite.__table__.update().values(state="closed"))
        assert uow.repo(RescueSite).for_update("a").state == "closed"
        assert row.state == "closed"


def test_repository_add_list_and_page(engine):
    seed(engine, *SITES)
    with unit_of_work(engine, tables, "/hunan/test") as uow:
        sites = uow.repo(RescueSite)
        ordered = [s.id for s in sites.list(order_by=RescueSite.id)]
        assert ordered == sorted(ordered) and len(ordered) == 5
        first = sites.page(PageParams(limit=2, offset=0), order_by=RescueSite.id, convert=lambda s: s.id)
        assert first.items == ["city", "furong"] and first.next_offset == 2
        last = sites.page(PageParams(limit=2, offset=4), order_by=[RescueSite.division_code, RescueSite.id])
        assert [s.id for s in last.items] == ["zhuzhou"] and last.next_offset is None
        filtered = sites.page(
            PageParams(limit=10, offset=0), in_division(RescueSite.division_code, "430100"), order_by=RescueSite.id
        )
        assert [s.id for s in filtered.items] == ["city", "furong", "tianxin"]


def test_repository_needs_a_single_column_key():
    with pytest.raises(TypeError, match="single-column primary key"):
        Repository(None, Pair)  # type: ignore[arg-type]


# -- audited change -------------------------------------------------------------------------------------


def test_audited_change_records_before_and_after_in_one_entry(engine):
    seed(engine, ("a", "430102"))
    with unit_of_work(engine, tables, "/hunan/test", actor="alice") as uow:
        site = uow.repo(RescueSite).for_update("a")
        with uow.audited_change("site.close", site) as change:
            site.state = "closed"
            assert change.before["state"] == "open"  # a snapshot, not the live row
    [entry] = audit_rows(engine)
    assert (entry["actor"], entry["action"], entry["target_type"], entry["target_id"]) == (
        "alice",
        "site.close",
        "site",
        "a",
    )
    assert entry["changes"]["before"] == {"id": "a", "division_code": "430102", "state": "open"}
    assert entry["changes"]["after"] == {"id": "a", "division_code": "430102", "state": "closed"}
    with engine.connect() as conn:
        assert conn.scalar(select(RescueSite.state).where(RescueSite.id == "a")) == "closed"


def test_audited_change_with_render_explicit_after_and_target(engine):
    seed(engine, ("a", "430102"))
    with unit_of_work(engine, tables, "/hunan/test") as uow:
        site = uow.repo(RescueSite).for_update("a")
        with uow.audited_change(
            "needs.record", site, render=lambda s: {"state": s.state}, target_type="disaster", target_id="d-1"
        ) as change:
            site.state = "reviewed"
            change.after = {"state": site.state, "reason": "checked", "at": clock.now().date()}
    [entry] = audit_rows(engine)
    assert (entry["target_type"], entry["target_id"]) == ("disaster", "d-1")
    assert entry["changes"]["before"] == {"state": "open"}
    assert entry["changes"]["after"]["reason"] == "checked"
    assert entry["changes"]["after"]["at"] == clock.now().date().isoformat()


def test_audited_change_that_raises_records_nothing_and_changes_nothing(engine):
    seed(engine, ("a", "430102"))
    with pytest.raises(InvalidTransition), unit_of_work(engine, tables, "/hunan/test") as uow:
        site = uow.repo(RescueSite).for_update("a")
        with uow.audited_change("site.close", site), rule_errors():
            site.state = "closed"
            raise ToyIllegalStep("not from open")
    assert audit_rows(engine) == []
    with engine.connect() as conn:
        assert conn.scalar(select(RescueSite.state).where(RescueSite.id == "a")) == "open"


# -- EventDriver ----------------------------------------------------------------------------------------


def test_event_driver_feeds_deduplicates_and_observes(toy_client, memory_bus, token):
    from hunan_shared.events.catalogue import DisasterDeclared
    from hunan_shared.testing import EventDriver

    events = EventDriver(toy_client, memory_bus)
    now = clock.now()
    declared = DisasterDeclared(
        disaster_id="d-9",
        hazard="FLOOD_DROUGHT",
        response_level="IV",
        division_codes=["430102"],
        title="flood",
        occurred_at=now,
        declared_at=now,
    )
    assert events.deliver(declared) == 1
    assert events.count("note") == 1
    events.redeliver()
    assert events.count("note") == 1  # the inbox saw it already
    assert dict(memory_bus.messages[0].headers)["ce_source"] == b"/hunan/emergency"  # its producer's source

    response = toy_client.post("/v1/notes", json={"text": "hello"}, headers=token("toy:write"))
    assert response.status_code == 201, response.text
    [payload] = events.emitted("hunan.emergency.disaster.declared", n=2)[1:]
    assert payload["title"] == "hello"
    [_, envelope] = events.envelopes("emergency.disaster", n=2)
    assert envelope.source == "/hunan/toy" and envelope.data["title"] == "hello"
