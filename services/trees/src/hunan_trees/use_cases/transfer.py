"""Bulk import and export of the tree register (Art. 14 inventories): CSV and GeoJSON.

Import is all or nothing: every row is validated (schema, the registration rules, numbers unique in the file and
the register); one bad row rejects the file with every problem listed per row and nothing is written. Imported
trees are marked IMPORTED (recognised before or elsewhere). Export writes the same columns, so an exported file
imports again; a crown given as a polygon travels as `crown_projection` (a GeoJSON Polygon; JSON text in CSV).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Engine
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from hunan_shared.db import in_division
from hunan_shared.errors import DomainError, InvalidInput
from hunan_shared.uow import UnitOfWork
from hunan_trees.engines import geo
from hunan_trees.models import HabitatZone, Tree, TreeVersion
from hunan_trees.schemas.trees import TreeRegistration
from hunan_trees.settings import TreesSettings
from hunan_trees.use_cases import trees

COLUMNS = (
    "tree_no",
    "species",
    "species_latin",
    "age_years",
    "is_famous",
    "famous_basis",
    "in_primeval_forest",
    "in_urban_planning_area",
    "division_code",
    "latitude",
    "longitude",
    "land_use",
    "privately_owned",
    "property_managed",
    "in_subdistrict",
    "custodian_name",
    "crown_radius_m",
    "crown_projection",
    "zone_margin_m",
    "recognition_ref",
)
REQUIRED = ("species", "age_years", "division_code", "latitude", "longitude")
LIST_SEPARATOR = ";"


class ImportRejected(InvalidInput):
    """A bulk import with at least one bad row: nothing was written; `errors[]` lists every problem by row."""

    title = "Import rejected"

    def __init__(self, problems: list[tuple[int, str, str]], unit: str):
        errors = [
            {"field": f"{unit} {row}.{field}", "message": message, "type": "invalid_row"}
            for row, field, message in problems
        ]
        bad = len({r for r, _, _ in problems})
        super().__init__(f"{bad} bad {unit}(s); nothing was imported", extra={"errors": errors})


def _csv_rows(text: str) -> list[tuple[int, dict[str, Any]]]:
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        fields = reader.fieldnames
        if not fields:
            raise InvalidInput("the CSV has no header row")
        unknown = sorted(set(fields) - set(COLUMNS))
        missing = sorted(set(REQUIRED) - set(fields))
        if unknown or missing:
            raise InvalidInput(f"CSV header: unknown columns {unknown}, missing columns {missing}")
        rows: list[tuple[int, dict[str, Any]]] = []
        for row in reader:
            if None in row:
                rows.append((reader.line_num, {"__error__": "more cells than header columns"}))
                continue
            rows.append((reader.line_num, _from_cells(row)))
    except csv.Error as exc:
        raise InvalidInput(f"the CSV cannot be read: {exc}") from None
    return rows


def _from_cells(row: dict[str, str]) -> dict[str, Any]:
    """CSV cells → a registration body: empty cells are absent; famous bases separated by ';'."""
    data: dict[str, Any] = {k: v.strip() for k, v in row.items() if v is not None and v.strip()}
    if "famous_basis" in data:
        data["famous_basis"] = [b.strip() for b in data["famous_basis"].split(LIST_SEPARATOR) if b.strip()]
    if "crown_projection" in data:  # a GeoJSON Polygon written out as JSON text in one cell
        try:
            data["crown_projection"] = json.loads(data["crown_projection"])
        except json.JSONDecodeError:
            pass  # left as text: validation reports that it is not a GeoJSON object
    if "latitude" in data or "longitude" in data:
        data["location"] = {"latitude": data.pop("latitude", None), "longitude": data.pop("longitude", None)}
    return data


def _geojson_rows(text: str) -> list[tuple[int, dict[str, Any]]]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"the GeoJSON cannot be read: {exc.msg} at line {exc.lineno}") from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        raise InvalidInput("send a GeoJSON FeatureCollection")
    rows: list[tuple[int, dict[str, Any]]] = []
    for n, feature in enumerate(doc["features"], start=1):
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            rows.append((n, {"__error__": "a feature needs a properties object"}))
            continue
        coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
        if not (
            isinstance(geometry, dict)
            and geometry.get("type") == "Point"
            and isinstance(coords, list)
            and len(coords) == 2
        ):
            rows.append((n, {"__error__": "the geometry must be a Point [longitude, latitude]"}))
            continue
        unknown = sorted(set(props) - set(COLUMNS) - EXPORT_ONLY)
        if unknown:
            rows.append((n, {"__error__": f"unknown properties {unknown}"}))
            continue
        data = {k: v for k, v in props.items() if k not in EXPORT_ONLY and v is not None}
        data["location"] = {"longitude": coords[0], "latitude": coords[1]}
        rows.append((n, data))
    return rows


def import_trees(uow: UnitOfWork, text: str, fmt: str, settings: TreesSettings) -> dict[str, Any]:
    """Validate every row, register them all in this transaction, or raise ImportRejected (nothing written)."""
    rows = _csv_rows(text) if fmt == "csv" else _geojson_rows(text)
    unit = "line" if fmt == "csv" else "feature"
    if not rows:
        raise InvalidInput("the file holds no trees")
    if len(rows) > settings.max_import_rows:
        raise InvalidInput(f"at most {settings.max_import_rows} trees per import")
    problems: list[tuple[int, str, str]] = []
    commands: list[tuple[int, TreeRegistration]] = []
    numbers: dict[str, int] = {}
    for n, data in rows:
        if "__error__" in data:
            problems.append((n, "row", data["__error__"]))
            continue
        try:
            cmd = TreeRegistration.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                field = ".".join(str(p) for p in error["loc"]) or "row"
                problems.append((n, field, error["msg"]))
            continue
        if cmd.tree_no:
            if cmd.tree_no in numbers:
                problems.append((n, "tree_no", f"duplicate of {unit} {numbers[cmd.tree_no]}"))
                continue
            numbers[cmd.tree_no] = n
        commands.append((n, cmd))
    if numbers:
        taken = set(uow.session.exec(select(Tree.tree_no).where(Tree.tree_no.in_(list(numbers)))).all())
        problems += [(numbers[t], "tree_no", f"tree number {t} is already registered") for t in sorted(taken)]
        taken_lines = {numbers[t] for t in taken}
        commands = [(n, c) for n, c in commands if n not in taken_lines]
    ids: list[str] = []
    for n, cmd in commands:
        try:
            ids.append(trees.register(uow, cmd, settings, reason=f"bulk import ({unit} {n})").id)
        except DomainError as exc:  # the registration rules (Arts. 2, 3, 10, 23, 35); nothing was flushed
            articles = ", ".join(b.article for b in exc.basis)
            problems.append((n, "row", f"{exc.detail}" + (f" ({articles})" if articles else "")))
    if problems:
        raise ImportRejected(sorted(problems), unit)  # the unit of work rolls back every registered row
    uow.audit("tree.import", "tree", None, after={"format": fmt, "count": len(ids), "tree_ids": ids})
    return {"imported": len(ids), "tree_ids": ids}


EXPORT_ONLY = frozenset(
    {"id", "grade", "protection_level", "recognising_level", "status", "origin", "recognised_on", "art35_reference"}
)


def export_query(division: str | None, changed_since: dt.datetime | None = None) -> Select:
    """Built before the response starts, so a bad division is a 422, not an error mid-stream. `changed_since`
    keeps the trees whose archive has a version recorded at or after it (Art. 14: the archives are updated
    dynamically and taken into the provincial information system in time — that system pulls the increments)."""
    query = (
        select(Tree, HabitatZone)
        .join(HabitatZone, HabitatZone.tree_id == Tree.id, isouter=True)
        .order_by(Tree.division_code, Tree.tree_no, Tree.id)
    )
    if division:
        query = query.where(in_division(Tree.division_code, division))
    if changed_since is not None:
        query = query.where(col(Tree.id).in_(select(TreeVersion.tree_id).where(TreeVersion.at >= changed_since)))
    return query


def _export_rows(engine: Engine, query: Select) -> Iterator[tuple[Tree, HabitatZone | None]]:
    """Rows in batches, on a session of the stream's own (the request's session ends before streaming)."""
    with Session(engine) as session:
        yield from session.exec(query.execution_options(yield_per=1000))


def _record(tree: Tree, zone: HabitatZone | None) -> dict[str, Any]:
    return {
        "tree_no": tree.tree_no,
        "species": tree.species,
        "species_latin": tree.species_latin,
        "age_years": tree.age_years,
        "is_famous": tree.is_famous,
        "famous_basis": list(tree.famous_basis),
        "in_primeval_forest": False,
        "in_urban_planning_area": tree.in_urban_planning_area,
        "division_code": tree.division_code,
        "latitude": tree.latitude,
        "longitude": tree.longitude,
        "land_use": tree.land_use,
        "privately_owned": tree.privately_owned,
        "property_managed": tree.property_managed,
        "in_subdistrict": tree.in_subdistrict,
        "custodian_name": tree.custodian_name,
        "crown_radius_m": zone.crown_radius_m if zone else None,
        "crown_projection": geo.as_geojson(geo.from_wkt(zone.crown_wkt)) if zone and zone.crown_wkt else None,
        "zone_margin_m": zone.margin_m if zone else None,
        "recognition_ref": tree.recognition_ref,
    }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def export_csv(engine: Engine, query: Select) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for tree, zone in _export_rows(engine, query):
        record = _record(tree, zone)
        writer.writerow([_cell(record[c]) for c in COLUMNS])
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def export_geojson(engine: Engine, query: Select) -> Iterator[str]:
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for tree, zone in _export_rows(engine, query):
        record = _record(tree, zone)
        lon, lat = record.pop("longitude"), record.pop("latitude")
        props = {k: v for k, v in record.items() if v is not None}
        props.update(
            id=tree.id,
            grade=tree.grade,
            protection_level=tree.protection_level,
            recognising_level=tree.recognising_level,
            status=tree.status,
            origin=tree.origin,
            recognised_on=tree.recognised_on.isoformat() if tree.recognised_on else None,
        )
        feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}
        yield ("" if first else ",") + json.dumps(feature, ensure_ascii=False)
        first = False
    yield "]}"
