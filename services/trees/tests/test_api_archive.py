"""The archive 一树一档 over HTTP on SQLite and PostgreSQL: versioned history (Art. 14), updates with reasons, signs
with their numbers and protection facilities (Art. 22), attachment metadata, bulk import (CSV, GeoJSON; all or
nothing with per-row errors) and export (CSV, GeoJSON)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import time

import pytest
from sqlalchemy import func, select

from hunan_trees.app import create_app
from hunan_trees.models import Attachment, HabitatZone, ProtectionSign, Tree, TreeVersion
from hunan_trees.settings import TreesSettings

PROBLEM = "application/problem+json"
WRITE, READ = "trees:write", "trees:read"
CAMPHOR = {
    "tree_no": "430104-0001",
    "species": "樟树",
    "species_latin": "Cinnamomum camphora",
    "age_years": 320,
    "division_code": "430104",
    "location": {"latitude": 28.2288, "longitude": 112.9390},
    "land_use": "URBAN_PUBLIC_LAND",
    "crown_radius_m": 8.5,
}
SHA = "a" * 64


def count(client, table) -> int:
    with client.app.state.platform.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(table.__table__))


@pytest.fixture
def client(app_client):
    return app_client(create_app, TreesSettings)


@pytest.fixture
def tree(client, token):
    r = client.post("/v1/trees", json=CAMPHOR, headers=token(WRITE))
    assert r.status_code == 201, r.text
    return r.json()


def history(client, token, tree_id):
    r = client.get(f"/v1/trees/{tree_id}/history", headers=token(READ))
    assert r.status_code == 200, r.text
    return r.json()["items"]


def test_every_change_is_a_version_with_who_when_why_and_basis(client, token, tree):
    patch = {"reason": "2026年复查：划入城市规划区", "document_ref": "长规〔2026〕3号", "in_urban_planning_area": True}
    r = client.patch(f"/v1/trees/{tree['id']}", json=patch, headers=token(WRITE, sub="clerk-1"))
    assert r.status_code == 200, r.text
    assert (r.json()["in_urban_planning_area"], r.json()["protection_level"]) == (True, "LEVEL_1")  # Art. 10

    versions = history(client, token, tree["id"])
    assert [v["version"] for v in versions] == [1, 2]
    first, second = versions
    assert first["action"] == "tree.register" and first["actor"] == "tester"
    assert first["changes"]["after"]["tree_no"] == "430104-0001"
    assert second["actor"] == "clerk-1" and second["reason"] == "2026年复查：划入城市规划区 (长规〔2026〕3号)"
    assert second["changes"] == {
        "before": {"in_urban_planning_area": False, "protection_level": "LEVEL_2"},
        "after": {"in_urban_planning_area": True, "protection_level": "LEVEL_1"},
    }
    assert {b["article"] for b in second["basis"]} == {"Art. 14 / 第十四条", "Art. 10 / 第十条"}
    assert second["at"] >= first["at"]
    page = client.get(f"/v1/trees/{tree['id']}/history", params={"limit": 1}, headers=token(READ)).json()
    assert page["next_offset"] == 1


def test_archive_updates_are_checked(client, token, tree):
    other = client.post("/v1/trees", json={**CAMPHOR, "tree_no": "430104-0002"}, headers=token(WRITE)).json()
    same = client.patch(f"/v1/trees/{tree['id']}", json={"reason": "x", "species": "樟树"}, headers=token(WRITE))
    taken = client.patch(
        f"/v1/trees/{other['id']}", json={"reason": "x", "tree_no": "430104-0001"}, headers=token(WRITE)
    )
    no_reason = client.patch(f"/v1/trees/{tree['id']}", json={"species": "香樟"}, headers=token(WRITE))
    blank = client.patch(f"/v1/trees/{tree['id']}", json={"reason": " ", "species": "香樟"}, headers=token(WRITE))
    grade = client.patch(f"/v1/trees/{tree['id']}", json={"reason": "x", "age_years": 600}, headers=token(WRITE))
    assert (same.status_code, taken.status_code, no_reason.status_code, grade.status_code) == (409, 409, 422, 422)
    assert blank.status_code == 422 and blank.json()["basis"][0]["article"] == "Art. 14 / 第十四条"
    assert client.patch("/v1/trees/nope", json={"reason": "x", "species": "a"}, headers=token(WRITE)).status_code == 404
    assert (
        client.patch(f"/v1/trees/{tree['id']}", json={"reason": "x", "species": "a"}, headers=token(READ)).status_code
        == 403
    )
    assert count(client, TreeVersion) == 2  # the two registrations only
    assert client.get("/v1/trees/nope/history", headers=token(READ)).status_code == 404


def test_signs_carry_the_tree_number_and_replace_each_other(client, token, tree):  # Art. 22
    url = f"/v1/trees/{tree['id']}/signs"
    sign = {
        "sign_no": "430104-0001",
        "installed_on": "2025-03-01",
        "installed_by": "岳麓区人民政府",
        "content": "樟树 320年",
    }
    wrong = client.post(url, json={**sign, "sign_no": "430104-0999"}, headers=token(WRITE))
    assert wrong.status_code == 422 and wrong.json()["basis"][0]["article"] == "Art. 22 / 第二十二条"
    first = client.post(url, json=sign, headers=token(WRITE))
    assert first.status_code == 201 and first.json()["replaced_on"] is None
    earlier = client.post(url, json={**sign, "installed_on": "2025-01-01"}, headers=token(WRITE))
    assert earlier.status_code == 409
    second = client.post(url, json={**sign, "installed_on": "2026-04-01"}, headers=token(WRITE))
    assert second.status_code == 201
    signs = client.get(url, headers=token(READ)).json()
    assert [(s["installed_on"], s["replaced_on"]) for s in signs] == [
        ("2025-03-01", "2026-04-01"),
        ("2026-04-01", None),
    ]
    assert [v["action"] for v in history(client, token, tree["id"])] == [
        "tree.register",
        "sign.install",
        "sign.install",
    ]
    assert count(client, ProtectionSign) == 2


def test_a_tree_without_a_number_takes_its_signs(client, token, tree):
    bare = client.post("/v1/trees", json={**CAMPHOR, "tree_no": None}, headers=token(WRITE)).json()
    url = f"/v1/trees/{bare['id']}/signs"
    sign = {"sign_no": "430104-0001", "installed_on": "2025-03-01", "installed_by": "岳麓区人民政府"}
    assert client.post(url, json=sign, headers=token(WRITE)).status_code == 409  # the other tree's number
    assert client.post(url, json={**sign, "sign_no": "430104-0003"}, headers=token(WRITE)).status_code == 201
    assert client.get(f"/v1/trees/{bare['id']}", headers=token(READ)).json()["tree_no"] == "430104-0003"


def test_protection_facilities(client, token, tree):  # Art. 22
    url = f"/v1/trees/{tree['id']}/facilities"
    body = {"kind": "LIGHTNING_PROTECTION", "installed_on": "2025-06-01", "installed_by": "岳麓区人民政府"}
    r = client.post(url, json=body, headers=token(WRITE))
    assert r.status_code == 201 and r.json()["basis"][0]["article"] == "Art. 22 / 第二十二条"
    assert client.post(url, json={**body, "kind": "MOAT"}, headers=token(WRITE)).status_code == 422
    client.post(url, json={**body, "kind": "GUARD_RAIL", "installed_on": "2025-07-01"}, headers=token(WRITE))
    assert [f["kind"] for f in client.get(url, headers=token(READ)).json()] == ["LIGHTNING_PROTECTION", "GUARD_RAIL"]
    assert history(client, token, tree["id"])[-1]["action"] == "facility.add"
    assert client.post("/v1/trees/nope/facilities", json=body, headers=token(WRITE)).status_code == 404


def test_attachment_metadata(client, token, tree):  # Art. 14 图文信息档案
    url = f"/v1/trees/{tree['id']}/attachments"
    body = {
        "kind": "PHOTO",
        "title": "2026年春季全景",
        "media_type": "image/jpeg",
        "size_bytes": 2_400_000,
        "sha256": SHA,
        "uri": "s3://trees-archive/430104-0001/2026-spring.jpg",
        "taken_on": "2026-04-02",
    }
    r = client.post(url, json=body, headers=token(WRITE, sub="photographer"))
    assert r.status_code == 201 and r.json()["added_by"] == "photographer"
    assert client.post(url, json=body, headers=token(WRITE)).status_code == 409  # same file twice
    assert client.post(url, json={**body, "sha256": "xyz"}, headers=token(WRITE)).status_code == 422
    assert client.post(url, json={**body, "sha256": "b" * 64, "size_bytes": 0}, headers=token(WRITE)).status_code == 422
    listed = client.get(url, headers=token(READ)).json()
    assert [a["title"] for a in listed] == ["2026年春季全景"] and count(client, Attachment) == 1
    assert history(client, token, tree["id"])[-1]["changes"]["after"]["attachment"]["sha256"] == SHA


CSV_HEADER = (
    "tree_no,species,age_years,is_famous,famous_basis,division_code,latitude,longitude,land_use,crown_radius_m\n"
)


def post_csv(client, token, text: str):
    return client.post("/v1/trees/import", content=text.encode(), headers={**token(WRITE), "Content-Type": "text/csv"})


def test_csv_import_registers_every_row_as_imported(client, token):
    text = CSV_HEADER + (
        "430602-0001,樟树,520,false,,430602,29.37,113.13,URBAN_PUBLIC_LAND,9\n"
        "430602-0002,银杏,60,true,HISTORICAL;COMMEMORATIVE,430602,29.38,113.14,RURAL_OTHER,5.5\n"
    )
    r = post_csv(client, token, text)
    assert r.status_code == 201, r.text
    assert r.json()["imported"] == 2
    trees = client.get("/v1/trees", params={"division": "430602"}, headers=token(READ)).json()["items"]
    by_no = {t["tree_no"]: t for t in trees}
    assert by_no["430602-0001"]["grade"] == "GRADE_1" and by_no["430602-0002"]["famous_basis"] == [
        "COMMEMORATIVE",
        "HISTORICAL",
    ]
    assert {t["origin"] for t in trees} == {"IMPORTED"}
    assert history(client, token, by_no["430602-0001"]["id"])[0]["reason"] == "bulk import (line 2)"


def test_bad_csv_rejects_the_file_with_every_bad_row_and_writes_nothing(client, token, tree):
    text = CSV_HEADER + (
        "430602-0001,樟树,520,false,,430602,29.37,113.13,URBAN_PUBLIC_LAND,9\n"  # fine
        "430602-0002,银杏,abc,false,,430602,29.38,113.14,RURAL_OTHER,5\n"  # age not a number
        "430602-0003,银杏,60,false,,430602,29.38,113.14,RURAL_OTHER,5\n"  # too young, not famous (Art. 10)
        "430602-0001,枫香,200,false,,430602,29.39,113.15,RURAL_OTHER,5\n"  # duplicate number in the file
        "430104-0001,枫香,200,false,,430602,29.39,113.15,RURAL_OTHER,5\n"  # number already registered
        "430602-0006,枫香,200,false,,430602,39.9,116.4,RURAL_OTHER,5\n"  # outside Hunan
    )
    r = post_csv(client, token, text)
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    problem = r.json()
    assert problem["detail"] == "5 bad line(s); nothing was imported"
    fields = [e["field"] for e in problem["errors"]]
    assert fields[0] == "line 3.age_years" and "line 5.tree_no" in fields and "line 6.tree_no" in fields
    assert any(
        f.startswith("line 4") and "Art. 10" in e["message"] for f, e in zip(fields, problem["errors"], strict=True)
    )
    assert any(f.startswith("line 7.location") for f in fields)
    assert count(client, Tree) == 1 and count(client, HabitatZone) == 1 and count(client, TreeVersion) == 1


@pytest.mark.parametrize(
    ("text", "content_type", "status"),
    [
        pytest.param("species,colour\n樟树,green\n", "text/csv", 422, id="unknown-column"),
        pytest.param("tree_no\n1\n", "text/csv", 422, id="missing-columns"),
        pytest.param(CSV_HEADER, "text/csv", 422, id="no-rows"),
        pytest.param(CSV_HEADER + "a,b,1,false,,430602,29,113,RURAL_OTHER,5,extra\n", "text/csv", 422, id="extra-cell"),
        pytest.param("{not json", "application/geo+json", 422, id="bad-json"),
        pytest.param('{"type": "Feature"}', "application/geo+json", 422, id="not-a-collection"),
        pytest.param("species\n樟树\n", "application/xml", 415, id="wrong-type"),
    ],
)
def test_unreadable_imports(client, token, text, content_type, status):
    r = client.post("/v1/trees/import", content=text.encode(), headers={**token(WRITE), "Content-Type": content_type})
    assert r.status_code == status and count(client, Tree) == 0


def feature(lon, lat, **props):
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}


def post_geojson(client, token, features):
    doc = {"type": "FeatureCollection", "features": features}
    return client.post(
        "/v1/trees/import",
        content=json.dumps(doc, ensure_ascii=False).encode(),
        headers={**token(WRITE), "Content-Type": "application/geo+json"},
    )


def test_geojson_import_all_or_nothing(client, token):
    base = {"species": "樟树", "age_years": 150, "division_code": "430602", "crown_radius_m": 6}
    bad = post_geojson(
        client,
        token,
        [
            feature(113.13, 29.37, tree_no="G-1", **base),
            {"type": "Feature", "geometry": {"type": "LineString", "coordinates": []}, "properties": base},
            feature(113.13, 29.37, tree_no="G-3", **{**base, "zone_margin_m": 3}),  # Art. 23
            feature(113.13, 29.37, tree_no="G-4", colour="green", **base),
        ],
    )
    assert bad.status_code == 422
    fields = [e["field"] for e in bad.json()["errors"]]
    assert fields == ["feature 2.row", "feature 3.row", "feature 4.row"]
    assert "Art. 23" in bad.json()["errors"][1]["message"] and count(client, Tree) == 0

    ok = post_geojson(client, token, [feature(113.13, 29.37, tree_no="G-1", **base), feature(113.14, 29.38, **base)])
    assert ok.status_code == 201 and ok.json()["imported"] == 2 and count(client, Tree) == 2


def test_export_csv_and_geojson_round_trip(client, token, tree):
    post_csv(client, token, CSV_HEADER + "430602-0002,银杏,60,true,HISTORICAL,430602,29.38,113.14,RURAL_OTHER,5.5\n")
    r = client.get("/v1/trees/export", params={"format": "csv"}, headers=token(READ))
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["tree_no"] for row in rows] == ["430104-0001", "430602-0002"]
    assert rows[1]["famous_basis"] == "HISTORICAL" and rows[1]["is_famous"] == "true"
    assert rows[0]["crown_radius_m"] == "8.5" and rows[0]["zone_margin_m"] == "5.0"

    # The export imports again (numbers changed so they do not collide with the register).
    text = r.text.replace("430104-0001", "430104-0501").replace("430602-0002", "430602-0502")
    again = post_csv(client, token, text)
    assert again.status_code == 201, again.text
    copy = client.get(f"/v1/trees/{again.json()['tree_ids'][0]}", headers=token(READ)).json()
    keep = (
        "species",
        "species_latin",
        "age_years",
        "grade",
        "protection_level",
        "location",
        "custodian",
        "habitat_zone",
    )
    assert {k: copy[k] for k in keep} == {k: tree[k] for k in keep}
    assert post_csv(client, token, r.text).status_code == 422  # the same numbers again: already registered

    g = client.get("/v1/trees/export", params={"format": "geojson", "division": "430104"}, headers=token(READ))
    assert g.status_code == 200 and g.headers["content-type"] == "application/geo+json"
    doc = g.json()
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 2
    first = doc["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [112.939, 28.2288]}
    assert first["properties"]["grade"] == "GRADE_2" and first["properties"]["origin"] == "IMPORTED"
    assert client.get("/v1/trees/export", params={"format": "kml"}, headers=token(READ)).status_code == 422
    assert client.get("/v1/trees/export").status_code == 401
    unknown = client.get("/v1/trees/export", params={"division": "438657"}, headers=token(READ))
    assert unknown.status_code == 422 and unknown.headers["content-type"] == PROBLEM


def test_import_needs_the_write_scope(client, token):
    text = CSV_HEADER + "430602-0001,樟树,520,false,,430602,29.37,113.13,URBAN_PUBLIC_LAND,9\n"
    r = client.post("/v1/trees/import", content=text.encode(), headers={**token(READ), "Content-Type": "text/csv"})
    assert r.status_code == 403 and count(client, Tree) == 0


CROWN = {  # a crown measured as a polygon (not a radius), about 10 m × 11 m around the trunk
    "type": "Polygon",
    "coordinates": [
        [
            [112.93895, 28.22875],
            [112.93905, 28.22875],
            [112.93905, 28.22885],
            [112.93895, 28.22885],
            [112.93895, 28.22875],
        ]
    ],
}


def test_a_crown_given_as_a_polygon_is_exported_and_imports_again(client, token):
    body = {**CAMPHOR, "crown_radius_m": None, "crown_projection": CROWN}
    original = client.post("/v1/trees", json=body, headers=token(WRITE))
    assert original.status_code == 201, original.text
    zone = original.json()["habitat_zone"]

    g = client.get("/v1/trees/export", params={"format": "geojson"}, headers=token(READ)).json()
    [feature] = g["features"]
    assert feature["properties"]["crown_projection"] == CROWN
    assert "crown_radius_m" not in feature["properties"]
    c = client.get("/v1/trees/export", params={"format": "csv"}, headers=token(READ))
    [row] = list(csv.DictReader(io.StringIO(c.text)))
    assert json.loads(row["crown_projection"]) == CROWN and row["crown_radius_m"] == ""

    # Both files import again (new numbers) and the copy has the same zone, drawn from the same crown.
    feature["properties"] = {k: v for k, v in feature["properties"].items() if v is not None}
    feature["properties"]["tree_no"] = "430104-0601"
    from_geojson = post_geojson(client, token, [feature])
    assert from_geojson.status_code == 201, from_geojson.text
    from_csv = post_csv(client, token, c.text.replace("430104-0001", "430104-0602"))
    assert from_csv.status_code == 201, from_csv.text
    for imported in (from_geojson, from_csv):
        copy = client.get(f"/v1/trees/{imported.json()['tree_ids'][0]}", headers=token(READ)).json()
        assert copy["habitat_zone"] == zone

    bad = c.text.replace("430104-0001", "430104-0603").replace(row["crown_projection"].replace('"', '""'), "{oops")
    rejected = post_csv(client, token, bad)
    assert rejected.status_code == 422 and "crown_projection" in rejected.text


def test_changed_since_exports_the_increments_the_provincial_system_pulls(client, token, tree):
    """Art. 14: archives are updated dynamically and taken into the provincial system in time — that system pulls
    the trees whose archive changed since its last pull (registration, update, cancellation: every version)."""
    time.sleep(0.01)
    other = client.post("/v1/trees", json={**CAMPHOR, "tree_no": "430104-0002"}, headers=token(WRITE)).json()
    since = history(client, token, other["id"])[0]["at"]

    def pulled(moment: str, fmt: str = "geojson") -> list[str]:
        r = client.get("/v1/trees/export", params={"format": fmt, "changed_since": moment}, headers=token(READ))
        assert r.status_code == 200, r.text
        if fmt == "csv":
            return [row["tree_no"] for row in csv.DictReader(io.StringIO(r.text))]
        return [f["properties"]["tree_no"] for f in r.json()["features"]]

    assert pulled(history(client, token, tree["id"])[0]["at"]) == ["430104-0001", "430104-0002"]
    assert pulled(since) == ["430104-0002"] == pulled(since, "csv")  # at the version's own moment: included
    time.sleep(0.01)
    patch = {"reason": "2026年复查：划入城市规划区", "in_urban_planning_area": True}
    assert client.patch(f"/v1/trees/{tree['id']}", json=patch, headers=token(WRITE)).status_code == 200
    assert pulled(since) == ["430104-0001", "430104-0002"]
    latest = history(client, token, tree["id"])[-1]["at"]
    assert pulled(latest) == ["430104-0001"]
    later = (dt.datetime.fromisoformat(latest) + dt.timedelta(microseconds=1)).isoformat()
    assert pulled(later) == []
    naive = client.get("/v1/trees/export", params={"changed_since": "2026-01-01T00:00:00"}, headers=token(READ))
    assert naive.status_code == 422 and naive.headers["content-type"] == PROBLEM
