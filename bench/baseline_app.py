"""The framework limit for the HTTP benchmark: a minimal FastAPI app issuing the same SQL as the services'
read and filtered-list endpoints (persons of disability, disasters of emergency), with no auth, middleware,
telemetry, response models or masking. Run: `uvicorn bench.baseline_app:create_app --factory` with
BENCH_DISABILITY_DATABASE_URL and BENCH_EMERGENCY_DATABASE_URL set.
"""

from __future__ import annotations

import os

from fastapi import FastAPI, HTTPException, Query
from sqlalchemy import create_engine, text

from hunan_shared import divisions

PERSON = text("SELECT * FROM person WHERE id = :id")
PERSONS = text(
    "SELECT * FROM person WHERE division_code = ANY(:counties) ORDER BY created_at, id LIMIT :limit OFFSET :offset"
)
DISASTER = text("SELECT * FROM disaster WHERE id = :id")
DISASTERS = text(
    "SELECT * FROM disaster WHERE id IN (SELECT disaster_id FROM disasterdivision "
    "WHERE division_code LIKE :prefix OR division_code = ANY(:around)) "
    "ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset"
)
VIOLATIONS = text("SELECT * FROM reportviolationrecord WHERE disaster_id = :id ORDER BY violation")
DIVISIONS = text("SELECT division_code FROM disasterdivision WHERE disaster_id = :id ORDER BY division_code")
# The page's divisions and violations in one query each, as the emergency service loads them.
PAGE_DIVISIONS = text(
    "SELECT disaster_id, division_code FROM disasterdivision WHERE disaster_id = ANY(:ids) ORDER BY division_code"
)
PAGE_VIOLATIONS = text("SELECT * FROM reportviolationrecord WHERE disaster_id = ANY(:ids) ORDER BY violation")


def _prefix(code: str) -> str:
    """The code's significant digits (430100 → 4301, 430102 → 430102), as emergency's filter uses them."""
    return code.rstrip("0") if code.endswith("00") else code


def create_app() -> FastAPI:
    disability = create_engine(os.environ["BENCH_DISABILITY_DATABASE_URL"], pool_size=10, max_overflow=20)
    emergency = create_engine(os.environ["BENCH_EMERGENCY_DATABASE_URL"], pool_size=10, max_overflow=20)
    app = FastAPI()

    @app.get("/persons/{person_id}")
    def get_person(person_id: str):
        with disability.connect() as conn:
            row = conn.execute(PERSON, {"id": person_id}).mappings().first()
        if row is None:
            raise HTTPException(404)
        return dict(row)

    @app.get("/persons")
    def list_persons(division: str = Query(...), limit: int = 50, offset: int = 0):
        counties = [c.code for c in divisions.counties(division)]
        with disability.connect() as conn:
            rows = conn.execute(PERSONS, {"counties": counties, "limit": limit + 1, "offset": offset}).mappings().all()
        return {"items": [dict(r) for r in rows[:limit]], "limit": limit, "offset": offset}

    def disaster_out(conn, row) -> dict:
        return {
            **row,
            "division_codes": list(conn.execute(DIVISIONS, {"id": row["id"]}).scalars()),
            "report_violations": [dict(v) for v in conn.execute(VIOLATIONS, {"id": row["id"]}).mappings()],
        }

    @app.get("/disasters/{disaster_id}")
    def get_disaster(disaster_id: str):
        with emergency.connect() as conn:
            row = conn.execute(DISASTER, {"id": disaster_id}).mappings().first()
            if row is None:
                raise HTTPException(404)
            return disaster_out(conn, row)

    @app.get("/disasters")
    def list_disasters(division: str = Query(...), limit: int = 50, offset: int = 0):
        around = [division[:2] + "0000", division[:4] + "00"]
        with emergency.connect() as conn:
            rows = (
                conn.execute(
                    DISASTERS,
                    {"prefix": _prefix(division) + "%", "around": around, "limit": limit + 1, "offset": offset},
                )
                .mappings()
                .all()[:limit]
            )
            ids = [r["id"] for r in rows]
            codes: dict[str, list[str]] = {i: [] for i in ids}
            for disaster_id, code in conn.execute(PAGE_DIVISIONS, {"ids": ids}):
                codes[disaster_id].append(code)
            violations: dict[str, list[dict]] = {i: [] for i in ids}
            for v in conn.execute(PAGE_VIOLATIONS, {"ids": ids}).mappings():
                violations[v["disaster_id"]].append(dict(v))
            items = [{**r, "division_codes": codes[r["id"]], "report_violations": violations[r["id"]]} for r in rows]
            return {"items": items, "limit": limit, "offset": offset}

    return app
