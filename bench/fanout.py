"""Assistance fan-out: disability's set-based open_cases vs a row-by-row ORM loop and a fair raw INSERT … SELECT.

Size "full": registers of 100 000, 1 000 000 and 4 080 000 persons (growth curve); "quick": 20 000;
custom: `--size fanout=100000,1000000`. Each register is COPY-loaded into its own PostgreSQL database
(hunan_bench_fanout_*), with 20 liaisons per county of the stricken city; the disaster strikes 430100
(Changsha, 9 counties). Times are medians of repeated runs on the same register (cases truncated between);
the sides alternate within each repeat, so a change in the machine's load touches all of them.

Sides (issue #19 item 4):
* `open_cases` — the service (counts for the events, liaison quotas, one INSERT … SELECT with the liaisons,
  outbox events, audit), in its unit of work;
* the fair raw statement — hand-written SQL on the same pooled connection doing the same assignment: one
  count per county, one read of the rosters' loads, the pure rule `liaison_quotas` (the service's rule),
  one INSERT … SELECT ranking each county's cases by person id and joining the ranks to the quota ranges;
  no events, audit or ORM. Its rows must equal open_cases' rows (every column but the id and the
  timestamps; the first-contact delay compared instead), else the goals are INVALID;
* the raw statement without liaisons (the previous baseline; a floor for context, no goal);
* row-by-row: the ORM loop a naive implementation would write (the pure vulnerability rule per person, each
  case given to the least-loaded liaison of its county, add + flush per case), on at most 5 000 persons,
  extrapolated.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import defaultdict

import psycopg
from sqlalchemy import create_engine, event, func, select, text
from sqlmodel import Session

from bench import register
from bench.common import Result, dsn, sqlalchemy_url, temporary_database
from hunan_disability.models import AssistanceCase, Liaison, Person, metadata, platform_tables
from hunan_disability.rules.emergency_assistance import (
    COGNITIVE_CATEGORIES,
    CaseStatus,
    ResponseLevel,
    liaison_quotas,
    visit_schedule,
    vulnerability_reasons,
)
from hunan_disability.rules.enums import HARDSHIP_STATUSES, GuardianStatus, TekunSupportMode
from hunan_disability.settings import DisabilitySettings
from hunan_disability.use_cases.assistance import OPEN_STATUSES, open_cases, policy_from
from hunan_disability.use_cases.persons import facts
from hunan_shared import clock, divisions
from hunan_shared.uow import unit_of_work

SIZES = {"quick": [20_000], "full": [100_000, 1_000_000, 4_080_000]}
CITY = "430100"
LEVEL = ResponseLevel.II
LIAISONS_PER_COUNTY = 20
ROW_BY_ROW_MAX_PERSONS = 5_000  # the ORM loop runs on at most this many persons, then is extrapolated


def progress(message: str) -> None:
    """One line on stderr (the full size takes minutes; the table goes to stdout)."""
    print(f"    fanout: {message}", file=sys.stderr, flush=True)


def parse_size(size: str) -> list[int]:
    return SIZES[size] if size in SIZES else [int(n) for n in size.split(",")]


class StatementTimer:
    """Sums database time per SQL statement shape (first words), to say what limits open_cases."""

    def __init__(self, engine):
        self.totals: dict[str, float] = defaultdict(float)
        self.counts: dict[str, int] = defaultdict(int)
        self.active = False
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, conn, cursor, statement, parameters, context, executemany):
        conn.info["bench_started"] = time.perf_counter()

    def _after(self, conn, cursor, statement, parameters, context, executemany):
        if self.active:
            key = " ".join(statement.split())[:70]
            self.totals[key] += time.perf_counter() - conn.info.pop("bench_started", time.perf_counter())
            self.counts[key] += 1

    def top(self, n: int = 4) -> list[tuple[str, float, int]]:
        return sorted(((k, v, self.counts[k]) for k, v in self.totals.items()), key=lambda t: -t[1])[:n]


def _truncate_cases(engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("TRUNCATE assistancecase, outbox, audit_log RESTART IDENTITY CASCADE"))


def set_based(engine, policy, disaster_id: str) -> int:
    with unit_of_work(engine, platform_tables, source="/hunan/disability", actor="bench") as uow:
        return open_cases(uow, disaster_id, LEVEL, [CITY], policy).total


# The assessment predicate of R-E1 (a)–(g) with the default policy, and the "not yet opened" guard, as the
# hand-written statements use them.
RAW_BATCH = """
    FROM person p
    WHERE p.division_code = ANY(%(counties)s)
      AND (p.household_status = ANY(%(hardship)s) OR p.anti_relapse_monitored OR p.grade = ANY(%(severe)s)
           OR p.guardian = %(unable)s OR p.orphan_or_unsupported_child OR p.category = ANY(%(cognitive)s)
           OR p.lives_alone OR p.home_isolated OR p.tekun_support = %(dispersed)s)
      AND NOT EXISTS (SELECT 1 FROM assistancecase a WHERE a.disaster_id = %(disaster)s::varchar AND a.person_id = p.id)
"""
RAW_CARE = "p.guardian = %(unable)s AND NOT p.other_carer_present"


def _raw_params(policy, disaster_id: str, counties: list[str]) -> dict:
    now = clock.now()
    return {
        "disaster": disaster_id,
        "unable": GuardianStatus.GUARDIAN_UNABLE.value,
        "level": LEVEL.value,
        "now": now,
        "due": visit_schedule(now, LEVEL)[0],
        "counties": counties,
        "hardship": [s.value for s in HARDSHIP_STATUSES],
        "severe": [int(g) for g in policy.severe_grades],
        "cognitive": [int(c) for c in COGNITIVE_CATEGORIES],
        "dispersed": TekunSupportMode.DISPERSED.value,
        "opened": CaseStatus.OPENED.value,
        "assigned": CaseStatus.LIAISON_ASSIGNED.value,
        "open_statuses": [s.value for s in OPEN_STATUSES],
    }


def raw_without_liaisons(engine, policy, disaster_id: str, counties: list[str]) -> int:
    """The floor (the previous baseline): one hand-written INSERT … SELECT with the same predicate that
    assigns no liaison and writes no events or audit. Not the same rows as open_cases: context only."""
    connection = engine.raw_connection()
    try:
        with connection.cursor() as cur:
            cur.execute(
                "INSERT INTO assistancecase (disaster_id, person_id, division_code, status, needs_temporary_care,"
                " response_level, visits, opened_at, first_contact_due)"
                f" SELECT %(disaster)s::varchar, p.id, p.division_code, %(opened)s, {RAW_CARE}, %(level)s, 0,"
                " %(now)s, %(due)s" + RAW_BATCH,
                _raw_params(policy, disaster_id, counties),
            )
            count = cur.rowcount
        connection.commit()
        return count
    finally:
        connection.close()


def raw_with_liaisons(engine, policy, disaster_id: str, counties: list[str], phases: dict | None = None) -> int:
    """The fair raw statement: the same cases and the same liaisons as open_cases, by hand-written SQL on a
    pooled connection in one transaction — a count per county, the rosters' loads (open cases per active
    liaison), the service's pure rule `liaison_quotas` for each county's ranges (liaisons in id order), and
    one INSERT … SELECT joining each county's ranked cases (by person id) to the ranges. No events, audit,
    ORM or per-group statistics. `phases` (optional) collects seconds per step."""
    params = _raw_params(policy, disaster_id, counties)
    connection = engine.raw_connection()
    clock_started = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock_started
        if phases is not None:
            now = time.perf_counter()
            phases[name] = phases.get(name, 0.0) + now - clock_started
            clock_started = now

    try:
        with connection.cursor() as cur:
            cur.execute("SELECT p.division_code, count(*)" + RAW_BATCH + " GROUP BY p.division_code", params)
            waiting = dict(cur.fetchall())
            lap("count per county")
            cur.execute(
                "SELECT l.division_code, l.id, count(a.id) FROM liaison l"
                " LEFT JOIN assistancecase a ON a.liaison_id = l.id AND a.status = ANY(%(open_statuses)s)"
                " WHERE l.division_code = ANY(%(counties)s) AND l.active GROUP BY l.division_code, l.id",
                params,
            )
            rosters: dict[str, dict[str, int]] = defaultdict(dict)
            for county, liaison, load in cur.fetchall():
                rosters[county][liaison] = load
            ranges = []
            for county, n in sorted(waiting.items()):
                first = 1
                for liaison, quota in liaison_quotas(n, rosters[county]).items() if rosters.get(county) else ():
                    ranges.append((county, liaison, first, first + quota - 1))
                    first += quota
            lap("roster loads + liaison_quotas")
            for k, (county, liaison, lo, hi) in enumerate(ranges):
                params |= {f"q{k}c": county, f"q{k}l": liaison, f"q{k}lo": lo, f"q{k}hi": hi}
            quota = (
                "VALUES "
                + ", ".join(f"(%(q{k}c)s, %(q{k}l)s, %(q{k}lo)s::int, %(q{k}hi)s::int)" for k in range(len(ranges)))
                if ranges
                else "SELECT NULL::varchar, NULL::varchar, 0, -1 WHERE false"
            )
            cur.execute(
                "INSERT INTO assistancecase (disaster_id, person_id, division_code, status, needs_temporary_care,"
                " response_level, visits, opened_at, first_contact_due, liaison_id)"
                f" WITH quota (division_code, liaison_id, lo, hi) AS ({quota}),"
                f" batch AS (SELECT p.id, p.division_code, {RAW_CARE} AS care,"
                " row_number() OVER (PARTITION BY p.division_code ORDER BY p.id) AS rank"
                + RAW_BATCH
                + ") SELECT %(disaster)s::varchar, b.id, b.division_code,"
                " CASE WHEN q.liaison_id IS NULL THEN %(opened)s ELSE %(assigned)s END,"
                " b.care, %(level)s, 0, %(now)s, %(due)s, q.liaison_id"
                " FROM batch b LEFT JOIN quota q ON q.division_code = b.division_code AND b.rank BETWEEN q.lo AND q.hi",
                params,
            )
            count = cur.rowcount
            lap("INSERT … SELECT with liaisons")
        connection.commit()
        lap("commit")
        return count
    finally:
        connection.close()


def row_by_row(engine, policy, disaster_id: str, counties: list[str], limit: int) -> tuple[int, int]:
    """The naive baseline: load persons with the ORM, check each with the pure rule, give each case to the
    least-loaded active liaison of its county (ties to the smaller id; loads read once), add + flush each case.
    Runs on the first `limit` persons of the city; returns (persons examined, cases opened)."""
    now = clock.now()
    due = visit_schedule(now, LEVEL)[0]
    opened = 0
    with Session(engine) as session, session.begin():
        loads: dict[str, dict[str, int]] = defaultdict(dict)
        for liaison_id, county, load in session.execute(
            select(Liaison.id, Liaison.division_code, func.count(AssistanceCase.id))
            .join(
                AssistanceCase,
                (AssistanceCase.liaison_id == Liaison.id) & AssistanceCase.status.in_([s.value for s in OPEN_STATUSES]),
                isouter=True,
            )
            .where(Liaison.division_code.in_(counties), Liaison.active)
            .group_by(Liaison.id, Liaison.division_code)
        ).all():
            loads[county][liaison_id] = load
        persons = (
            session.exec(select(Person).where(Person.division_code.in_(counties)).order_by(Person.id).limit(limit))
            .scalars()
            .all()
        )
        for person in persons:
            if not vulnerability_reasons(facts(person), policy):
                continue
            roster = loads.get(person.division_code)
            liaison_id = min(roster, key=lambda i: (roster[i], i)) if roster else None
            if liaison_id:
                roster[liaison_id] += 1
            session.add(
                AssistanceCase(
                    disaster_id=disaster_id,
                    person_id=person.id,
                    division_code=person.division_code,
                    status=CaseStatus.LIAISON_ASSIGNED.value if liaison_id else CaseStatus.OPENED.value,
                    liaison_id=liaison_id,
                    needs_temporary_care=person.guardian == GuardianStatus.GUARDIAN_UNABLE.value
                    and not person.other_carer_present,
                    response_level=LEVEL.value,
                    opened_at=now,
                    first_contact_due=due,
                )
            )
            session.flush()
            opened += 1
    return len(persons), opened


CASE_COLUMNS = (
    "disaster_id, person_id, division_code, status, liaison_id, needs_temporary_care, response_level, visits,"
    " first_contact_due - opened_at, first_contact_overdue_at, last_visit_at, supplied_at, closed_at"
)


def case_rows(engine) -> list[tuple]:
    """The cases written (every column but the id and the timestamps of the moment; the delay to the first
    contact instead), ordered, to compare two sides' results."""
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(f"SELECT {CASE_COLUMNS} FROM assistancecase ORDER BY 1, 2"))]


def measure(persons: int, repeats: int, result: Result) -> None:
    tag = f"{persons // 1000}k" if persons < 1_000_000 else f"{persons / 1e6:g}M"
    with temporary_database("fanout") as name:
        engine = create_engine(sqlalchemy_url(name), hide_parameters=True)
        try:
            metadata.create_all(engine)
            progress(f"{tag}: loading the register …")
            load_seconds = register.load_persons(dsn(name), persons)
            counties = divisions.expand_to_counties([CITY])
            register.add_liaisons(dsn(name), counties, LIAISONS_PER_COUNTY)
            with psycopg.connect(dsn(name), autocommit=True) as conn:
                in_city = conn.execute(
                    "SELECT count(*) FROM person WHERE division_code = ANY(%s)", (counties,)
                ).fetchone()[0]
                conn.execute("VACUUM ANALYZE")
            policy = policy_from(DisabilitySettings())
            timer = StatementTimer(engine)
            raw_phases: dict[str, float] = {}
            sides = {
                "open_cases": lambda d: set_based(engine, policy, d),
                "raw_fair": lambda d: raw_with_liaisons(engine, policy, d, counties, raw_phases),
                "raw_floor": lambda d: raw_without_liaisons(engine, policy, d, counties),
            }
            times: dict[str, list[float]] = {k: [] for k in sides}
            counts: dict[str, int] = {}
            rows: dict[str, list[tuple]] = {}
            for i in range(repeats):
                progress(f"{tag}: repeat {i + 1}/{repeats} (open_cases, fair raw, raw floor) …")
                for side, fn in sides.items():
                    _truncate_cases(engine)
                    timer.active = side == "open_cases"
                    started = time.perf_counter()
                    counts[side] = fn(f"bench-{i}")
                    times[side].append(time.perf_counter() - started)
                    timer.active = False
                    if i == repeats - 1 and side != "raw_floor":
                        rows[side] = case_rows(engine)
            set_s, raw_s, floor_s = (statistics.median(times[k]) for k in ("open_cases", "raw_fair", "raw_floor"))
            set_cases, raw_cases = counts["open_cases"], counts["raw_fair"]
            _truncate_cases(engine)
            limit = min(in_city, ROW_BY_ROW_MAX_PERSONS)
            progress(f"{tag}: row-by-row on {limit} persons …")
            started = time.perf_counter()
            examined, row_cases = row_by_row(engine, policy, "bench-rows", counties, limit)
            row_subset_s = time.perf_counter() - started
            row_s = row_subset_s * in_city / max(examined, 1)
            _truncate_cases(engine)

            differing = sum(1 for a, b in zip(rows["open_cases"], rows["raw_fair"], strict=False) if a != b) + abs(
                len(rows["open_cases"]) - len(rows["raw_fair"])
            )
            assigned = sum(1 for r in rows["open_cases"] if r[4] is not None)
            invalid = (
                f"open_cases and the fair raw statement wrote different cases ({differing} of "
                f"{max(len(rows['open_cases']), len(rows['raw_fair']))} rows differ)"
                if differing
                else None
            )
            progress(
                f"{tag}: open_cases {set_s:.3f} s, fair raw {raw_s:.3f} s, raw floor {floor_s:.3f} s, "
                f"row-by-row {row_s:.1f} s; rows equal: {not differing}"
            )

            result.figure(f"{tag}: register load (COPY + VACUUM ANALYZE)", load_seconds, "s")
            result.figure(f"{tag}: persons in {CITY}", in_city, "persons")
            result.figure(f"{tag}: cases opened", set_cases, "cases")
            result.figure(f"{tag}: of which with a liaison (same rows on both sides)", assigned, "cases")
            result.figure(f"{tag}: open_cases (set-based, median of {repeats})", set_s, "s")
            result.figure(f"{tag}: fair raw INSERT … SELECT with liaisons (median of {repeats})", raw_s, "s")
            result.figure(f"{tag}: raw INSERT … SELECT without liaisons (floor, median)", floor_s, "s")
            result.figure(f"{tag}: row-by-row ORM" + (" (extrapolated)" if examined < in_city else ""), row_s, "s")
            result.figure(f"{tag}: open_cases throughput", set_cases / set_s, "cases/s")
            result.ratio(f"{tag}: open_cases time / fair raw INSERT … SELECT", set_s / raw_s, 1.5, False, invalid)
            result.ratio(
                f"{tag}: open_cases speed-up vs row-by-row / fair raw's speed-up",
                (row_s / set_s) / (row_s / raw_s),
                0.8,
                invalid=invalid,
            )
            result.ratio(f"{tag}: open_cases speed-up vs row-by-row ORM", row_s / set_s)
            result.ratio(f"{tag}: fair raw speed-up vs row-by-row ORM", row_s / raw_s)
            result.ratio(f"{tag}: open_cases time / raw without liaisons (floor)", set_s / floor_s, None, False)
            result.ratio(f"{tag}: fair raw time / raw without liaisons (floor)", raw_s / floor_s, None, False)
            result.params[f"{tag}_runs_s"] = {
                "open_cases": times["open_cases"],
                "raw_fair": times["raw_fair"],
                "raw_floor": times["raw_floor"],
                "row_by_row_subset": row_subset_s,
            }
            result.params[f"{tag}_raw_fair_phases_s"] = {k: v / repeats for k, v in raw_phases.items()}
            if examined < in_city:
                result.notes.append(
                    f"{tag}: row-by-row measured on {examined} of {in_city} persons "
                    f"({row_subset_s:.1f} s, {row_cases} cases) and extrapolated linearly"
                )
            if set_cases != raw_cases:
                result.notes.append(f"{tag}: open_cases opened {set_cases} cases but the fair raw SQL {raw_cases}")
            per_run = [(k, v / repeats, n // repeats) for k, v, n in timer.top()]
            result.params[f"{tag}_open_cases_top_statements"] = per_run
            worst = per_run[0] if per_run else None
            if worst:
                result.notes.append(
                    f"{tag}: open_cases' costliest statement: {worst[0]!r} ×{worst[2]} = {worst[1]:.3f} s "
                    f"of {set_s:.3f} s"
                )
            result.notes.append(
                f"{tag}: fair raw per step: " + ", ".join(f"{k} {v / repeats:.3f} s" for k, v in raw_phases.items())
            )
        finally:
            engine.dispose()


def run(size: str) -> Result:
    sizes = parse_size(size)
    result = Result(
        "fanout",
        size,
        params={
            "register_sizes": sizes,
            "city": CITY,
            "level": LEVEL.value,
            "liaisons_per_county": LIAISONS_PER_COUNTY,
        },
    )
    for persons in sizes:
        measure(persons, repeats=3 if persons <= 1_000_000 else 2, result=result)
    result.notes.append(
        "the row-by-row goal (>= 0.8 of the fair raw statement's own speed-up over row-by-row) equals "
        "fair raw time / open_cases time, i.e. open_cases within 1.25x of the fair raw statement"
    )
    return result
