"""`hunan disability import-persons` (issue 18 item 12): the HTTP import's checks on a whole register, per-row
errors, resumable batches, open disasters joined; on SQLite and PostgreSQL."""

from __future__ import annotations

import csv

import pytest
from sqlmodel import Session, func, select
from typer.testing import CliRunner

from hunan_disability.commands import app as commands
from hunan_disability.models import AssistanceCase, Person
from hunan_disability.rules.emergency_assistance import VulnerabilityPolicy
from hunan_disability.use_cases import bulk_import

from .test_api_assistance import declared


class Crash(Exception):
    pass


def persons_in(engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(Person)).one()


def error_rows(path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))[1:]


@pytest.fixture
def register_file(tmp_path):
    path = tmp_path / "register.csv"
    bulk_import.write_synthetic_register(path, 1000, bad_every=100)  # 10 bad grades
    return path


def test_bulk_import_writes_valid_rows_reports_bad_ones_and_joins_open_disasters(
    client, headers, register, register_file, tmp_path, events
):
    engine = client.app.state.platform.engine
    with register_file.open(encoding="utf-8") as f:
        taken = list(csv.DictReader(f))[4]  # line 6: registered through the API first
    register(id_number=taken["id_number"], division_code=taken["division_code"])
    county = taken["division_code"]
    events.deliver(declared(divisions=(county,)))
    errors = tmp_path / "errors.csv"
    result = bulk_import.run(engine, register_file, errors, VulnerabilityPolicy(), batch_size=300)
    assert (result.rows, result.imported, result.rejected) == (1000, 989, 11)
    assert persons_in(engine) == 990
    rows = error_rows(errors)
    assert ["6", "id_number", "already registered"] in rows
    assert sum(1 for r in rows if r[1] == "grade") == 10 and len(rows) == 11
    assert all(taken["id_number"] not in ",".join(r) for r in rows)
    with Session(engine) as session:
        cases = session.exec(select(AssistanceCase).where(AssistanceCase.disaster_id == "D1")).all()
        vulnerable_in_county = session.exec(
            select(func.count()).select_from(Person).where(Person.division_code == county, Person.grade <= 2)
        ).one()
    assert cases and {c.division_code for c in cases} == {county}
    assert len(cases) >= vulnerable_in_county  # every severe person (R-E1 (b)) of the county has a case
    again = bulk_import.run(engine, register_file, errors, VulnerabilityPolicy(), batch_size=300)
    assert again.rows == 0 and again.resumed_after_line == 1001 and persons_in(engine) == 990


def test_a_crashed_run_resumes_after_its_last_committed_batch(client, register_file, tmp_path):
    engine = client.app.state.platform.engine
    errors = tmp_path / "errors.csv"
    seen = []

    def crash_after_two_batches(n):
        seen.append(n)
        if len(seen) == 2:
            raise Crash

    with pytest.raises(Crash):
        bulk_import.run(
            engine, register_file, errors, VulnerabilityPolicy(), batch_size=250, progress=crash_after_two_batches
        )
    assert persons_in(engine) == 495  # 5 of the first 500 rows are bad
    resumed = bulk_import.run(engine, register_file, errors, VulnerabilityPolicy(), batch_size=250)
    assert resumed.resumed_after_line == 501 and resumed.rows == 500
    assert persons_in(engine) == 990
    rows = error_rows(errors)
    assert len(rows) == 10 and len({r[0] for r in rows}) == 10  # each bad row reported once


def test_the_hunan_command_imports_with_a_summary(client, database_url, register_file, tmp_path, monkeypatch):
    engine = client.app.state.platform.engine
    monkeypatch.setenv("DISABILITY_DATABASE_URL", database_url)
    errors = tmp_path / "e.csv"
    outcome = CliRunner().invoke(commands, ["import-persons", str(register_file), "--errors", str(errors)])
    assert outcome.exit_code == 2, outcome.output  # some rows were rejected
    assert "990 imported, 10 rejected" in outcome.output and "rows/s" in outcome.output
    assert persons_in(engine) == 990
