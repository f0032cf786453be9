"""Synthetic person register for the disability database, bulk-loaded with COPY (not the ORM).

Persons are spread round-robin over Hunan's 122 counties; each is `hunan_shared.synthetic.demo_person`
(the suite's realistic mix: ~30 % severe, ~30 % hardship households, ~12 % living alone, ~5 % guardian
unable), plus a few 特困 dispersed, monitored and isolated persons. Ids are deterministic, so runs compare.
"""

from __future__ import annotations

import datetime as dt
import random
import time

import psycopg

from hunan_shared import divisions
from hunan_shared.synthetic import demo_person

CHUNK = 20_000


def person_id(serial: int) -> str:
    return f"00000000-0000-4000-8000-{serial:012d}"


def _rows(count: int, seed: int, counties: list[str] | None = None, first_serial: int = 0):
    rng = random.Random(seed)
    counties = counties or [d.code for d in divisions.counties()]
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S+00")
    for serial in range(first_serial, first_serial + count):
        county = counties[serial % len(counties)]
        p = demo_person(county, serial // len(counties), rng)
        number = p["id_number"]
        tekun = (
            "dispersed"
            if p["household_status"] == "tekun" and rng.random() < 0.7
            else ("centralized" if p["household_status"] == "tekun" else None)
        )
        yield (
            person_id(serial),
            number,
            p["name"],
            "male" if int(number[16]) % 2 else "female",
            f"{number[6:10]}-{number[10:12]}-{number[12:14]}",
            p["category"],
            "".join(map(str, p.get("component_categories", []))),
            p["grade"],
            f"{number}{p['category']}{p['grade']}",
            county,
            p["household_status"],
            rng.random() < 0.02,
            tekun,
            p["lives_alone"],
            p["guardian"],
            rng.random() < 0.5,
            rng.random() < 0.005,
            rng.random() < 0.01,
            p["grade"] <= 2,
            True,
            now,
        )


COLUMNS = (
    "id",
    "id_number",
    "name",
    "sex",
    "birth_date",
    "category",
    "component_categories",
    "grade",
    "certificate_number",
    "division_code",
    "household_status",
    "anti_relapse_monitored",
    "tekun_support",
    "lives_alone",
    "guardian",
    "other_carer_present",
    "orphan_or_unsupported_child",
    "home_isolated",
    "needs_long_term_care",
    "is_demo",
    "created_at",
)


def _text(value) -> str:
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    return str(value)


def load_persons(
    dsn: str, count: int, seed: int = 2021, counties: list[str] | None = None, first_serial: int = 0
) -> float:
    """COPY `count` synthetic persons into the `person` table, then ANALYZE; returns seconds taken.

    Spread over every Hunan county, or over `counties` only; a second load into the same table needs a
    `first_serial` past the first one's (person ids and ID numbers derive from the serial)."""
    started = time.perf_counter()
    with psycopg.connect(dsn) as conn:
        with conn.cursor() as cur, cur.copy(f"COPY person ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            buffer = []
            for row in _rows(count, seed, counties, first_serial):
                buffer.append("\t".join(map(_text, row)))
                if len(buffer) >= CHUNK:
                    copy.write("\n".join(buffer) + "\n")
                    buffer.clear()
            if buffer:
                copy.write("\n".join(buffer) + "\n")
        conn.commit()
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE person")
    return time.perf_counter() - started


def add_liaisons(dsn: str, county_codes: list[str], per_county: int) -> None:
    now = dt.datetime.now(dt.UTC)
    with psycopg.connect(dsn) as conn, conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO liaison (id, name, division_code, active, created_at) VALUES (%s, %s, %s, true, %s)",
            [
                (f"liaison-{code}-{i:03d}", f"【演示】联络员{i}", code, now)
                for code in county_codes
                for i in range(per_county)
            ],
        )
        conn.commit()
