"""Operator commands of the disability service, mounted by the `hunan` CLI as `hunan disability ...`.

hunan disability import-persons register.csv [--errors register.errors.csv] [--batch-size 2000]
hunan disability synthetic-register out.csv --rows 1000000      (a synthetic file to rehearse a go-live)
"""

from __future__ import annotations

import time
from pathlib import Path

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)


@app.command("import-persons")
def import_persons(
    csv_file: Path = typer.Argument(..., exists=True, dir_okay=False, help="UTF-8 CSV with the import's columns"),
    errors: Path | None = typer.Option(None, help="Per-row error file (default: <csv>.errors.csv)"),
    batch_size: int = typer.Option(2000, min=1, max=5000, help="Rows per transaction"),
    progress: bool = typer.Option(True, help="Show a progress bar"),
) -> None:
    """Register a whole register: same validation and masking as POST /v1/persons/import, valid rows written,
    bad rows listed in the error file, vulnerable persons joined to open disasters. Running the same file
    again resumes after the last committed batch."""
    from hunan_disability.settings import DisabilitySettings
    from hunan_disability.use_cases import assistance, bulk_import
    from hunan_shared.db import make_engine
    from hunan_shared.settings import default_database_url, load_platform_settings, load_service_settings

    settings = load_service_settings("disability", DisabilitySettings)
    url = settings.database_url or default_database_url("disability", load_platform_settings().hunan_var_dir)
    engine = make_engine(url)
    error_path = errors or csv_file.with_name(csv_file.name + ".errors.csv")
    total = bulk_import.count_rows(csv_file)
    started = time.perf_counter()
    with typer.progressbar(length=total, label="persons", show_pos=True, hidden=not progress) as bar:
        result = bulk_import.run(
            engine,
            csv_file,
            error_path,
            assistance.policy_from(settings),
            batch_size=batch_size,
            progress=bar.update,
        )
    seconds = time.perf_counter() - started
    rate = result.rows / seconds if seconds else 0.0
    if result.resumed_after_line:
        typer.echo(f"resumed after line {result.resumed_after_line}")
    typer.echo(
        f"read {result.rows} rows: {result.imported} imported, {result.rejected} rejected "
        f"(errors in {error_path}) in {seconds:.1f} s, {rate:.0f} rows/s; run {result.run_id[:12]}"
    )
    raise typer.Exit(0 if result.rejected == 0 else 2)


@app.command("synthetic-register")
def synthetic_register(
    out: Path = typer.Argument(..., dir_okay=False, help="CSV to write"),
    rows: int = typer.Option(1_000_000, min=1, help="Data rows"),
    bad_every: int = typer.Option(0, min=0, help="Make every n-th row invalid (0: none)"),
) -> None:
    """Write a synthetic register (checksum-valid numbers no real person holds) to rehearse a go-live."""
    from hunan_disability.use_cases.bulk_import import write_synthetic_register

    write_synthetic_register(out, rows, bad_every=bad_every)
    typer.echo(f"wrote {rows} rows to {out}")
