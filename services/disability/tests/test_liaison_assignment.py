"""Set-based liaison assignment of the fan-out (专栏6·6, R56): same result as the case-by-case rule, and a
constant number of statements whatever the number of counties — on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlalchemy import event, func, insert, select, update
from sqlmodel import Session

from hunan_disability.models import AssistanceCase, Liaison, Person, platform_tables
from hunan_disability.rules.emergency_assistance import ResponseLevel, VulnerabilityPolicy, assign_liaisons
from hunan_disability.use_cases.assistance import assign_waiting_cases, open_cases, record_disaster
from hunan_shared import clock, divisions
from hunan_shared.uow import unit_of_work

NOW = clock.now()
CHANGSHA = divisions.expand_to_counties(["430100"])


def _persons(counties: list[str], per_county: dict[str, int], offset: int = 0) -> list[dict]:
    rows = []
    serial = offset
    for county in counties:
        for _ in range(per_county.get(county, 0)):
            serial += 1
            rows.append(
                {
                    "id": f"p{serial:05d}",
                    "id_number": f"{serial:018d}",
                    "name": "合成",
                    "sex": "male",
                    "birth_date": dt.date(1960, 1, 1),
                    "certificate_number": f"{serial:020d}",
                    "category": 4,
                    "grade": 1,
                    "division_code": county,
                    "created_at": NOW,
                }
            )
    return rows


def _liaisons(roster: dict[str, list[str]]) -> list[dict]:
    return [
        {"id": liaison_id, "name": "联络员", "division_code": county, "active": True, "created_at": NOW}
        for county, ids in roster.items()
        for liaison_id in ids
    ]


def _expected(session: Session, disaster_id: str, loads_before: dict[str, dict[str, int]]) -> dict[int, str | None]:
    """The former algorithm, county by county: quotas from the case-by-case rule, then each liaison (in id
    order) takes the next cases of the batch (a batch is ranked by person id)."""
    cases = session.execute(
        select(AssistanceCase.id, AssistanceCase.division_code)
        .where(AssistanceCase.disaster_id == disaster_id)
        .order_by(AssistanceCase.person_id)
    ).all()
    by_county: dict[str, list[int]] = {}
    for case_id, county in cases:
        by_county.setdefault(county, []).append(case_id)
    expected: dict[int, str | None] = {}
    for county, ids in by_county.items():
        loads = loads_before.get(county)
        if not loads:
            expected.update(dict.fromkeys(ids, None))
            continue
        quotas = Counter(assign_liaisons([str(i) for i in ids], loads).values())
        remaining = list(ids)
        for liaison_id in sorted(quotas):
            taken, remaining = remaining[: quotas[liaison_id]], remaining[quotas[liaison_id] :]
            expected.update(dict.fromkeys(taken, liaison_id))
    return expected


class _Statements:
    def __init__(self, engine):
        self.engine, self.seen = engine, []

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._record)

    def _record(self, conn, cursor, statement, parameters, context, executemany):
        self.seen.append(" ".join(statement.split()))

    def without_outbox(self) -> list[str]:
        """Statements other than the outbox's: the per-division summary events (one outbox row per event, by
        design) and the service's outbox relay, which runs on its own connection meanwhile. SQLite's
        `BEGIN IMMEDIATE` (a write unit of work takes the write lock first) is transaction control, not work."""
        return [s for s in self.seen if "outbox" not in s and "advisory" not in s and s != "BEGIN IMMEDIATE"]


def _fan_out(engine, disaster_id: str, counties: list[str]) -> tuple[dict, _Statements]:
    with (
        _Statements(engine) as statements,
        unit_of_work(engine, platform_tables, source="/hunan/disability", actor="test") as uow,
    ):
        result = open_cases(uow, disaster_id, ResponseLevel.II, counties, VulnerabilityPolicy())
    return result, statements


@pytest.mark.parametrize("n_counties", [2, 6], ids=["R56 two counties", "R56 six counties"])
def test_fan_out_assigns_like_the_rule_in_a_constant_number_of_statements(client, n_counties):
    engine = client.app.state.platform.engine
    counties = CHANGSHA[:n_counties]
    per_county = {c: 7 + 5 * i for i, c in enumerate(counties)}
    # Every county but the last has a roster of three.
    roster = {c: [f"l{i}a", f"l{i}b", f"l{i}c"] for i, c in enumerate(counties[:-1])}
    with Session(engine) as session:
        session.execute(insert(Person), _persons(counties, per_county))
        session.execute(insert(Liaison), _liaisons(roster))
        session.commit()
    # An earlier disaster in the first county, partly closed, leaves its liaisons with uneven open loads.
    _fan_out(engine, "D0", counties[:1])
    with Session(engine) as session:
        session.execute(
            update(AssistanceCase)
            .where(AssistanceCase.disaster_id == "D0", AssistanceCase.id % 3 == 0)
            .values(status="closed")
        )
        session.commit()
        loads = {
            c: {
                lid: session.scalar(
                    select(func.count())
                    .select_from(AssistanceCase)
                    .where(AssistanceCase.liaison_id == lid, AssistanceCase.status != "closed")
                )
                for lid in ids
            }
            for c, ids in roster.items()
        }
        assert len(set(loads[counties[0]].values())) > 1  # uneven loads going in
    result, statements = _fan_out(engine, "D1", counties)

    assert result.opened_by_division == {c: per_county[c] for c in counties}
    assert result.without_liaison_by_division == {counties[-1]: per_county[counties[-1]]}
    with Session(engine) as session:
        actual = dict(
            session.execute(
                select(AssistanceCase.id, AssistanceCase.liaison_id).where(AssistanceCase.disaster_id == "D1")
            ).all()
        )
        assert actual == _expected(session, "D1", loads)
        statuses = Counter(session.scalars(select(AssistanceCase.status).where(AssistanceCase.disaster_id == "D1")))
    assert statuses == {
        "liaison_assigned": sum(per_county[c] for c in counties[:-1]),
        "opened": per_county[counties[-1]],
    }
    writes = [
        s for s in statements.without_outbox() if "INSERT INTO assistancecase" in s or "UPDATE assistancecase" in s
    ]
    assert len(writes) == 1 and "INSERT INTO assistancecase" in writes[0]  # cases written once, with their liaison
    # Batch counts, earlier waiting cases, liaison loads, INSERT, supply request, audit: 6 whatever the number
    # of counties (plus one outbox row per summary event).
    assert len(statements.without_outbox()) == 6, "\n".join(s[:90] for s in statements.without_outbox())


def test_statement_count_does_not_grow_with_counties(client):
    engine = client.app.state.platform.engine
    with Session(engine) as session:
        session.execute(insert(Person), _persons(CHANGSHA, dict.fromkeys(CHANGSHA, 3)))
        session.execute(insert(Liaison), _liaisons({c: [f"l{c}"] for c in CHANGSHA}))
        session.commit()
    _, two = _fan_out(engine, "D1", CHANGSHA[:2])
    _, all_counties = _fan_out(engine, "D2", CHANGSHA)
    assert len(two.without_outbox()) == len(all_counties.without_outbox()) == 6


def test_joining_liaison_takes_waiting_cases_of_open_disasters_in_one_update(client):
    engine = client.app.state.platform.engine
    county = CHANGSHA[0]
    with Session(engine) as session:
        session.execute(insert(Person), _persons([county], {county: 4}))
        for disaster_id in ("D1", "D2", "D3"):
            record_disaster(session, disaster_id, "flood", "II", NOW).closed = disaster_id == "D3"
        session.commit()
    for disaster_id in ("D1", "D2", "D3"):
        _fan_out(engine, disaster_id, [county])
    with Session(engine) as session:
        session.execute(insert(Liaison), _liaisons({county: ["m1", "m2"]}))
        with _Statements(engine) as statements:
            assigned = assign_waiting_cases(session, county)
        session.commit()
        per_liaison = Counter(session.execute(select(AssistanceCase.disaster_id, AssistanceCase.liaison_id)).all())
    assert assigned == 8
    # Balanced across both open disasters (D1 first, each liaison two of it); the closed disaster's cases wait.
    assert per_liaison == {("D1", "m1"): 2, ("D1", "m2"): 2, ("D2", "m1"): 2, ("D2", "m2"): 2, ("D3", None): 4}
    assert sum(1 for s in statements.seen if s.startswith("WITH")) == 1


def test_cases_left_waiting_get_their_liaison_with_the_next_batch(client):
    """Cases opened while the county had no roster are handed out (UPDATE) before the new batch (INSERT)."""
    engine = client.app.state.platform.engine
    county = CHANGSHA[0]
    with Session(engine) as session:
        session.execute(insert(Person), _persons([county], {county: 5}))
        session.commit()
    first, _ = _fan_out(engine, "D1", [county])
    assert first.without_liaison_by_division == {county: 5}
    with Session(engine) as session:
        session.execute(insert(Liaison), _liaisons({county: ["k1", "k2", "k3"]}))
        session.execute(insert(Person), _persons([county], {county: 6}, offset=5))
        session.commit()
    second, statements = _fan_out(engine, "D1", [county])
    assert second.opened_by_division == {county: 6} and second.without_liaison_by_division == {}
    with Session(engine) as session:
        holders = Counter(session.scalars(select(AssistanceCase.liaison_id)))
    assert holders == {"k1": 4, "k2": 4, "k3": 3}  # eleven cases balanced, ties to the smaller id
    assert sum(1 for s in statements.without_outbox() if s.startswith("WITH ranked")) == 1
