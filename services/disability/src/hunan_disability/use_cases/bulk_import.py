"""Go-live import of a whole register (issue 18 item 12): the HTTP import's validation and masking, in batches.

Unlike `POST /v1/persons/import` (at most 5 000 rows, all or nothing), a bulk run writes every valid row and
reports each bad one in a per-row error file. Each batch is one transaction: its persons, one audit entry that
records how far the file has been read (`through_line`), and the opening of cases in open disasters for its
vulnerable persons (exactly like a registration). A run is identified by the file's SHA-256, so running the
same command again resumes after the last committed batch: the checkpoint lives in the same transaction as
the data, and error lines beyond it are dropped from the error file before resuming.

The error file holds `line,field,message` and never an identity number (the messages are the registration
checks'); the operator running it reads the register anyway, so "already registered" is named per row.
"""

from __future__ import annotations

import csv
import hashlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select

from hunan_disability.models import platform_tables
from hunan_disability.rules.emergency_assistance import VulnerabilityPolicy
from hunan_disability.use_cases.persons import check_header, insert_persons, registered_ids, validate_rows
from hunan_shared.uow import unit_of_work

log = logging.getLogger(__name__)

ACTION = "person.bulk_import"
ERROR_HEADER = ("line", "field", "message")


@dataclass
class BulkResult:
    run_id: str
    rows: int = 0  # data rows read in this invocation
    imported: int = 0
    rejected: int = 0  # rows with at least one problem
    resumed_after_line: int = 0


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def count_rows(path: Path) -> int:
    """Data rows (lines after the header) for the progress bar; quoted newlines make it an estimate."""
    with path.open("rb") as f:
        return max(sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b"")) - 1, 0)


def checkpoint(engine: Engine, run_id: str) -> tuple[int, int, int]:
    """(last committed line, imported, rejected) of earlier invocations of this run."""
    audit = platform_tables.audit_log
    with engine.connect() as conn:
        entries = conn.execute(
            select(audit.c.changes).where(audit.c.action == ACTION, audit.c.target_id == run_id)
        ).all()
    through, imported, rejected = 0, 0, 0
    for (changes,) in entries:
        after = changes["after"]
        through = max(through, int(after["through_line"]))
        imported += int(after["imported"])
        rejected += int(after["rejected"])
    return through, imported, rejected


def _batches(path: Path, size: int) -> Iterator[list[tuple[int, dict[str, str | None]]]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        check_header(reader.fieldnames)
        batch: list[tuple[int, dict[str, str | None]]] = []
        for row in reader:
            batch.append((reader.line_num, row))
            if len(batch) >= size:
                yield batch
                batch = []
        if batch:
            yield batch


def _keep_errors_through(errors: Path, line: int) -> None:
    """Drop error lines written for batches that did not commit (a crash between writing and committing)."""
    if not errors.exists():
        return
    with errors.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    kept = [r for r in rows[1:] if r and int(r[0]) <= line]
    with errors.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(ERROR_HEADER)
        writer.writerows(kept)


def run(
    engine: Engine,
    path: Path,
    errors: Path,
    policy: VulnerabilityPolicy,
    *,
    source: str = "/hunan/disability",
    actor: str = "bulk-import",
    batch_size: int = 2000,
    progress: Callable[[int], None] = lambda n: None,
) -> BulkResult:
    """Import the CSV at `path` (resuming an earlier run of the same file); bad rows go to `errors`."""
    run_id = file_digest(path)
    through, _, _ = checkpoint(engine, run_id)
    result = BulkResult(run_id=run_id, resumed_after_line=through)
    _keep_errors_through(errors, through)
    new_file = not errors.exists()
    with errors.open("a", encoding="utf-8", newline="") as error_file:
        writer = csv.writer(error_file)
        if new_file:
            writer.writerow(ERROR_HEADER)
        for batch in _batches(path, batch_size):
            if batch[-1][0] <= through:
                progress(len(batch))
                continue
            batch = [(line, row) for line, row in batch if line > through]
            problems, people, first_line = validate_rows(batch)
            with unit_of_work(engine, platform_tables, source, actor) as uow:
                # Earlier batches are committed, so this also catches duplicates across batches.
                known = registered_ids(uow.session, list(first_line))
                problems += [(first_line[n], "id_number", "already registered") for n in sorted(known)]
                people = [p for p in people if p.id_number not in known]
                bad_lines = {line for line, _, _ in problems}
                writer.writerows(sorted(problems))  # before the commit: a resume drops lines past the checkpoint
                error_file.flush()
                if people:
                    insert_persons(uow, people, policy)
                uow.audit(
                    ACTION,
                    "import_run",
                    run_id,
                    after={
                        "file": path.name,
                        "through_line": batch[-1][0],
                        "imported": len(people),
                        "rejected": len(bad_lines),
                    },
                )
            result.rows += len(batch)
            result.imported += len(people)
            result.rejected += len(bad_lines)
            progress(len(batch))
    log.info(
        "bulk import finished",
        extra={"run_id": run_id, "imported": result.imported, "rejected": result.rejected, "rows": result.rows},
    )
    return result


SYNTHETIC_COLUMNS = ("id_number", "name", "category", "grade", "division_code", "household_status", "lives_alone")


def write_synthetic_register(out: Path, rows: int, *, bad_every: int = 0) -> None:
    """A synthetic register of `rows` persons spread over Hunan's counties (unique, checksum-valid numbers,
    birth dates 1930–2012, `is_demo` set); every `bad_every`-th row gets an out-of-range grade."""
    import datetime as dt

    from hunan_disability.rules.identity import id_check_character
    from hunan_shared import divisions

    counties = [c.code for c in divisions.counties("430000")]
    start = dt.date(1930, 1, 1)
    statuses = ("none", "none", "none", "dibao", "dibao_marginal", "low_income")
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow((*SYNTHETIC_COLUMNS, "is_demo"))
        for i in range(rows):
            county = counties[i % len(counties)]
            step = i // len(counties)
            birth = start + dt.timedelta(days=step % 30000)
            first_17 = f"{county}{birth:%Y%m%d}{100 + (step // 30000) % 900:03d}"
            grade = 9 if bad_every and (i + 1) % bad_every == 0 else 1 + i % 4
            writer.writerow(
                (
                    first_17 + id_check_character(first_17),
                    "合成人员",
                    1 + i % 6,
                    grade,
                    county,
                    statuses[i % len(statuses)],
                    "true" if i % 7 == 0 else "false",
                    "true",
                )
            )
