"""Bad input → 4xx problem+json and nothing written (rows counted in the service's own PostgreSQL schema:
domain table, outbox, audit log and idempotency keys)."""

from __future__ import annotations

import json

import pytest

from hunan_shared.synthetic import resident_id

PROBLEM = "application/problem+json"
_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]


def with_checksum(body17: str) -> str:
    return body17 + "10X98765432"[sum(int(d) * w for d, w in zip(body17, _WEIGHTS, strict=False)) % 11]


GOOD_ID = resident_id("430102", 1)
WRONG_CHECKSUM = GOOD_ID[:-1] + ("0" if GOOD_ID[-1] != "0" else "1")
PERSON = {"id_number": GOOD_ID, "name": "[DEMO] validation", "category": 4, "grade": 1, "division_code": "430102"}

PERSON_CASES = {
    "identity checksum wrong": {**PERSON, "id_number": WRONG_CHECKSUM},
    "identity 17 digits": {**PERSON, "id_number": GOOD_ID[:17]},
    "identity with letters": {**PERSON, "id_number": "43010219800101ABCD"},
    "identity born on 30 February": {**PERSON, "id_number": with_checksum("43010219990230001")},
    "identity born in the future": {**PERSON, "id_number": with_checksum("43010221990101001")},
    "identity of an unknown region": {**PERSON, "id_number": with_checksum("00000019800101001")},
    "division unknown in Hunan": {**PERSON, "division_code": "439999"},
    "division outside Hunan (Beijing)": {**PERSON, "division_code": "110101"},
    "division is a city, not a county": {**PERSON, "division_code": "430100"},
    "division not six digits": {**PERSON, "division_code": "4301"},
    "category out of range": {**PERSON, "category": 9},
    "grade out of range": {**PERSON, "grade": 0},
    "unknown field": {**PERSON, "is_admin": True},
    "phone not a phone": {**PERSON, "phone": "call me maybe"},
    "name empty": {**PERSON, "name": ""},
    "missing identity": {k: v for k, v in PERSON.items() if k != "id_number"},
}

PERSON_TABLES = ("person", "outbox", "audit_log", "idempotency_key")


@pytest.fixture
def disability(running):
    return running("disability")


@pytest.fixture
def emergency(running):
    return running("emergency")


@pytest.mark.parametrize("case", list(PERSON_CASES))
def test_invalid_person_is_refused_and_nothing_written(case, disability, tokens):
    r = disability.client.post(
        "/v1/persons", json=PERSON_CASES[case], headers={**tokens.all(), "Idempotency-Key": f"bad-{case}"}
    )
    assert r.status_code == 422, (r.status_code, r.text[:500])
    assert r.headers["content-type"].startswith(PROBLEM)
    body = r.json()
    assert body["status"] == 422 and body["title"] and body["type"].startswith("urn:hunan:problem:")
    assert disability.counts(*PERSON_TABLES) == dict.fromkeys(PERSON_TABLES, 0)


def test_the_valid_person_is_accepted(disability, tokens):
    """Control: the same body with nothing wrong is written (so the refusals above are about the defect)."""
    r = disability.client.post("/v1/persons", json=PERSON, headers=tokens.all())
    assert r.status_code == 201, r.text
    assert disability.count("person") == 1 and disability.count("audit_log") == 1


def test_transport_level_refusals_write_nothing(disability, tokens):
    headers = tokens.all()
    cases = {
        "body over the limit": (
            413,
            {
                "content": json.dumps({**PERSON, "name": "x" * 2_000_000}).encode(),
                "headers": {**headers, "Content-Type": "application/json"},
            },
        ),
        "text/plain body": (
            415,
            {"content": json.dumps(PERSON).encode(), "headers": {**headers, "Content-Type": "text/plain"}},
        ),
        "xml body": (415, {"content": b"<person/>", "headers": {**headers, "Content-Type": "application/xml"}}),
        "form body": (
            415,
            {"content": b"a=b", "headers": {**headers, "Content-Type": "application/x-www-form-urlencoded"}},
        ),
        "malformed JSON": (
            422,
            {"content": b'{"id_number": ', "headers": {**headers, "Content-Type": "application/json"}},
        ),
        "JSON array instead of object": (
            422,
            {"content": b"[]", "headers": {**headers, "Content-Type": "application/json"}},
        ),
    }
    answers = {}
    for name, (_, kwargs) in cases.items():
        r = disability.client.post("/v1/persons", **kwargs)
        answers[name] = (r.status_code, r.headers.get("content-type", "").split(";")[0])
    assert answers == {name: (status, PROBLEM) for name, (status, _) in cases.items()}
    assert disability.counts(*PERSON_TABLES) == dict.fromkeys(PERSON_TABLES, 0)


def test_csv_import_with_one_bad_row_imports_nothing(disability, tokens):
    rows = ["id_number,name,category,grade,division_code"]
    rows += [f"{resident_id('430102', i)},[DEMO] csv {i},4,1,430102" for i in range(50)]
    rows.append(f"{WRONG_CHECKSUM},[DEMO] bad,4,1,430102")
    r = disability.client.post(
        "/v1/persons/import", content="\n".join(rows).encode(), headers={**tokens.all(), "Content-Type": "text/csv"}
    )
    assert r.status_code == 422, r.text[:500]
    assert r.headers["content-type"].startswith(PROBLEM) and r.json()["errors"]
    assert disability.counts(*PERSON_TABLES) == dict.fromkeys(PERSON_TABLES, 0)


DECLARATION = {
    "title": "validation flood",
    "category": "NATURAL_DISASTER",
    "hazard_type": "FLOOD_DROUGHT",
    "response_level": "III",
    "division_codes": ["430102"],
    "occurred_at": "2026-07-01T08:00:00+08:00",
}
DISASTER_CASES = {
    "impossible date 30 February": {**DECLARATION, "occurred_at": "2026-02-30T08:00:00+08:00"},
    "month 13": {**DECLARATION, "occurred_at": "2026-13-01T08:00:00+08:00"},
    "hour 25": {**DECLARATION, "occurred_at": "2026-07-01T25:00:00+08:00"},
    "date without offset": {**DECLARATION, "occurred_at": "2026-07-01T08:00:00"},
    "date in the future": {**DECLARATION, "occurred_at": "2099-07-01T08:00:00+08:00"},
    "not a date": {**DECLARATION, "occurred_at": "yesterday"},
    "division unknown in Hunan": {**DECLARATION, "division_codes": ["439999"]},
    "division outside Hunan": {**DECLARATION, "division_codes": ["110101"]},
    "no division": {**DECLARATION, "division_codes": []},
    "response level V": {**DECLARATION, "response_level": "V"},
    "unknown category": {**DECLARATION, "category": "ALIENS"},
    "unknown field": {**DECLARATION, "casualties_hidden": True},
}
DISASTER_TABLES = ("disaster", "outbox", "audit_log", "idempotency_key")


@pytest.mark.parametrize("case", list(DISASTER_CASES))
def test_invalid_declaration_is_refused_and_nothing_written(case, emergency, tokens):
    r = emergency.client.post("/v1/disasters", json=DISASTER_CASES[case], headers=tokens.all())
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:500])
    assert r.headers["content-type"].startswith(PROBLEM)
    assert emergency.counts(*DISASTER_TABLES) == dict.fromkeys(DISASTER_TABLES, 0)


def test_the_valid_declaration_is_accepted(emergency, tokens):
    r = emergency.client.post("/v1/disasters", json=DECLARATION, headers=tokens.all())
    assert r.status_code == 201, r.text
    assert emergency.count("disaster") == 1 and emergency.count("outbox") == 1


TREE = {
    "species": "樟树",
    "age_years": 520,
    "division_code": "430102",
    "location": {"latitude": 28.2288, "longitude": 112.9390},
    "land_use": "URBAN_PUBLIC_LAND",
}
SQUARE = [[112.9380, 28.2280], [112.9400, 28.2280], [112.9400, 28.2295], [112.9380, 28.2295], [112.9380, 28.2280]]
GEOJSON_CASES = {
    "not a polygon (Point)": {"type": "Point", "coordinates": [112.939, 28.2288]},
    "no coordinates": {"type": "Polygon"},
    "ring of two points": {"type": "Polygon", "coordinates": [[SQUARE[0], SQUARE[1], SQUARE[0]]]},
    "self-intersecting bow tie": {
        "type": "Polygon",
        "coordinates": [[SQUARE[0], SQUARE[2], SQUARE[1], SQUARE[3], SQUARE[0]]],
    },
    "latitude and longitude swapped": {"type": "Polygon", "coordinates": [[[y, x] for x, y in SQUARE]]},
    "outside Hunan (Beijing)": {"type": "Polygon", "coordinates": [[[x + 3.4, y + 11.7] for x, y in SQUARE]]},
    "not an object": [1, 2, 3],
    "ring not closed": {"type": "Polygon", "coordinates": [SQUARE[:-1]]},  # RFC 7946 3.1.6
    "coordinates are strings": {"type": "Polygon", "coordinates": [[[str(x), str(y)] for x, y in SQUARE]]},
}


@pytest.mark.parametrize("case", list(GEOJSON_CASES))
def test_malformed_geojson_is_refused_and_nothing_written(case, running, tokens):
    trees = running("trees")
    geometry = GEOJSON_CASES[case]
    r = trees.client.post("/v1/trees", json={**TREE, "crown_projection": geometry}, headers=tokens.all())
    assert r.status_code == 422, (r.status_code, r.text[:500])
    assert r.headers["content-type"].startswith(PROBLEM)
    check = trees.client.post("/v1/habitat-checks", json={"site": geometry}, headers=tokens.all())
    assert check.status_code == 422, (check.status_code, check.text[:500])
    assert trees.counts("tree", "outbox", "audit_log") == {"tree": 0, "outbox": 0, "audit_log": 0}


def test_the_valid_geojson_tree_is_accepted(running, tokens):
    trees = running("trees")
    r = trees.client.post(
        "/v1/trees",
        json={**TREE, "crown_projection": {"type": "Polygon", "coordinates": [SQUARE]}},
        headers=tokens.all(),
    )
    assert r.status_code == 201, r.text
    assert trees.count("tree") == 1


# -- found by fuzzing (tests/security/test_fuzz.py): out-of-range input answered with 500 ---------------------


@pytest.mark.parametrize(
    "method,path,body",
    [
        ("GET", "/v1/assistance-cases/9999999999", None),
        ("POST", "/v1/assistance-cases/9999999999/visits", None),
        ("PUT", "/v1/assistance-cases/9999999999/temporary-care", {"active": True}),
    ],
)
def test_case_id_beyond_the_integer_range_is_a_4xx(method, path, body, disability, tokens):
    r = disability.client.request(method, path, json=body, headers=tokens.all())
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith(PROBLEM)
    assert disability.counts("audit_log", "outbox") == {"audit_log": 0, "outbox": 0}


@pytest.mark.parametrize(
    "method,path,body",
    [
        ("POST", "/v1/payrolls", {"month": "0000-01"}),
        ("GET", "/v1/payrolls/0000-01", None),
    ],
)
def test_payroll_month_of_year_zero_is_a_4xx(method, path, body, disability, tokens):
    r = disability.client.request(method, path, json=body, headers=tokens.all())
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith(PROBLEM)
    assert disability.counts("payrollrun", "audit_log", "outbox") == {"payrollrun": 0, "audit_log": 0, "outbox": 0}


@pytest.mark.parametrize("where", ["query", "body"])
def test_nul_character_in_text_is_a_4xx(where, running, tokens):
    if where == "query":
        emergency = running("emergency")
        r = emergency.client.get("/v1/disasters", params={"state": "DECLARED\x00"}, headers=tokens.all())
        written = emergency.counts("disaster", "outbox", "audit_log")
    else:
        disability = running("disability")
        r = disability.client.post("/v1/persons", json={**PERSON, "name": "[DEMO] a\x00b"}, headers=tokens.all())
        written = disability.counts("person", "outbox", "audit_log")
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith(PROBLEM)
    assert set(written.values()) == {0}


def test_csv_with_a_bare_carriage_return_is_a_4xx(disability, tokens):
    body = "id_number,name,category,grade,division_code\n" + f"{GOOD_ID},[DEMO] a\rb,4,1,430102\n"
    r = disability.client.post(
        "/v1/persons/import", content=body.encode(), headers={**tokens.all(), "Content-Type": "text/csv"}
    )
    assert r.status_code == 422, (r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith(PROBLEM)
    assert disability.counts(*PERSON_TABLES) == dict.fromkeys(PERSON_TABLES, 0)
