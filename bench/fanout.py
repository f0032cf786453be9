"""Assistance fan-out: disability's set-based open_cases vs a row-by-row ORM loop and a raw INSERT … SELECT.

Size "full": registers of 100 000, 1 000 000 and 4 080 000 persons (growth curve); "quick": 20 000;
custom: `--size fanout=100000,1000000`. Each register is COPY-loaded into its own PostgreSQL database
(hunan_bench_fanout_*), with 20 liaisons per county of the stricken city; the disaster strikes 430100
(Changsha, 9 counties). Times are medians of repeated runs on the same register (cases truncated between).
"""

from __future__ import annotations

import statistics
import time
from collections import defaultdict

import psycopg
from sqlalchemy import create_engine, event, select, text
from sqlmodel import Session

from bench import register
from bench.common import Result, dsn, sqlalchemy_url, temporary_database
from hunan_disability.models import AssistanceCase, Person, metadata, platform_tables
from hunan_disability.rules.emergency_assistance import (
    COGNITIVE_CATEGORIES,
    ResponseLevel,
    visit_schedule,
    vulnerability_reasons,
)
from hunan_disability.rules.enums import HARDSHIP_STATUSES, GuardianStatus, TekunSupportMode
from hunan_disability.settings import DisabilitySettings
from hunan_disability.use_cases.assistance import open_cases, policy_from
from hunan_disability.use_cases.persons import facts
from hunan_shared import clock, divisions
from hunan_shared.uow import unit_of_work

SIZES = {"quick": [20_000], "full": [100_000, 1_000_000, 4_080_000]}
CITY = "430100"
LEVEL = ResponseLevel.II
LIAISONS_PER_COUNTY = 20
ROW_BY_ROW_MAX_PERSONS = 5_000  # the ORM loop runs on at most this many persons, then is extrapolated


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


def raw_sql(engine, policy, disaster_id: str, counties: list[str]) -> int:
    """The limit: one hand-written INSERT … SELECT with the same predicate (no liaisons, events, audit)."""
    now = clock.now()
    statement = text("""
        INSERT INTO assistancecase (disaster_id, person_id, division_code, status, needs_temporary_care,
                                    response_level, visits, opened_at, first_contact_due)
        SELECT CAST(:disaster AS varchar), p.id, p.division_code, 'opened',
               p.guardian = :unable AND NOT p.other_carer_present,
               CAST(:level AS varchar), 0, :now, :due
        FROM person p
        WHERE p.division_code = ANY(:counties)
          AND (p.household_status = ANY(:hardship) OR p.anti_relapse_monitored OR p.grade = ANY(:severe)
               OR p.guardian = :unable OR p.orphan_or_unsupported_child OR p.category = ANY(:cognitive)
               OR p.lives_alone OR p.home_isolated OR p.tekun_support = :dispersed)
          AND NOT EXISTS (
              SELECT 1 FROM assistancecase a WHERE a.disaster_id = CAST(:disaster AS varchar) AND a.person_id = p.id
          )
    """)
    with engine.begin() as conn:
        return conn.execute(
            statement,
            {
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
            },
        ).rowcount


def row_by_row(engine, policy, disaster_id: str, counties: list[str], limit: int) -> tuple[int, int]:
    """The naive baseline: load persons with the ORM, check each with the pure rule, add + flush each case.
    Runs on the first `limit` persons of the city; returns (persons examined, cases opened)."""
    now = clock.now()
    due = visit_schedule(now, LEVEL)[0]
    opened = 0
    with Session(engine) as session, session.begin():
        persons = (
            session.exec(select(Person).where(Person.division_code.in_(counties)).order_by(Person.id).limit(limit))
            .scalars()
            .all()
        )
        for person in persons:
            if not vulnerability_reasons(facts(person), policy):
                continue
            session.add(
                AssistanceCase(
                    disaster_id=disaster_id,
                    person_id=person.id,
                    division_code=person.division_code,
                    status="opened",
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


def measure(persons: int, repeats: int, result: Result) -> None:
    tag = f"{persons // 1000}k" if persons < 1_000_000 else f"{persons / 1e6:g}M"
    with temporary_database("fanout") as name:
        engine = create_engine(sqlalchemy_url(name), hide_parameters=True)
        try:
            metadata.create_all(engine)
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

            def timed(fn, profile: bool = False) -> tuple[float, list[float], int]:
                times, count = [], 0
                for i in range(repeats):
                    _truncate_cases(engine)
                    timer.active = profile
                    started = time.perf_counter()
                    count = fn(f"bench-{i}")
                    times.append(time.perf_counter() - started)
                    timer.active = False
                return statistics.median(times), times, count

            raw_s, raw_all, raw_cases = timed(lambda d: raw_sql(engine, policy, d, counties))
            set_s, set_all, set_cases = timed(lambda d: set_based(engine, policy, d), profile=True)
            _truncate_cases(engine)
            limit = min(in_city, ROW_BY_ROW_MAX_PERSONS)
            started = time.perf_counter()
            examined, row_cases = row_by_row(engine, policy, "bench-rows", counties, limit)
            row_subset_s = time.perf_counter() - started
            row_s = row_subset_s * in_city / max(examined, 1)
            _truncate_cases(engine)

            result.figure(f"{tag}: register load (COPY + VACUUM ANALYZE)", load_seconds, "s")
            result.figure(f"{tag}: persons in {CITY}", in_city, "persons")
            result.figure(f"{tag}: cases opened", set_cases, "cases")
            result.figure(f"{tag}: open_cases (set-based, median of {repeats})", set_s, "s")
            result.figure(f"{tag}: raw INSERT … SELECT (median of {repeats})", raw_s, "s")
            result.figure(f"{tag}: row-by-row ORM" + (" (extrapolated)" if examined < in_city else ""), row_s, "s")
            result.figure(f"{tag}: open_cases throughput", set_cases / set_s, "cases/s")
            result.ratio(f"{tag}: open_cases speed-up vs row-by-row ORM", row_s / set_s, 50)
            result.ratio(f"{tag}: open_cases time / raw INSERT … SELECT", set_s / raw_s, 1.5, higher_is_better=False)
            result.params[f"{tag}_runs_s"] = {
                "open_cases": set_all,
                "raw_sql": raw_all,
                "row_by_row_subset": row_subset_s,
            }
            if examined < in_city:
                result.notes.append(
                    f"{tag}: row-by-row measured on {examined} of {in_city} persons "
                    f"({row_subset_s:.1f} s, {row_cases} cases) and extrapolated linearly"
                )
            if set_cases != raw_cases:
                result.notes.append(f"{tag}: open_cases opened {set_cases} cases but the raw SQL {raw_cases}")
            per_run = [(k, v / repeats, n // repeats) for k, v, n in timer.top()]
            result.params[f"{tag}_open_cases_top_statements"] = per_run
            worst = per_run[0] if per_run else None
            if worst:
                result.notes.append(
                    f"{tag}: open_cases' costliest statement: {worst[0]!r} ×{worst[2]} = {worst[1]:.3f} s "
                    f"of {set_s:.3f} s"
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
    return result
