"""Recognition W1 over HTTP on SQLite and PostgreSQL: censuses (Art. 11), candidates from census findings and public
reports (Art. 15), appraisal → public notice → objections → re-appraisal (Art. 12) → 层报 and recognition by the
government of the grade's level (Art. 13); illegal steps are 409 and write nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from hunan_shared import clock
from hunan_shared.testing import EventDriver
from hunan_trees.app import create_app
from hunan_trees.models import Candidate, CandidateStep, Census, Objection, Tree, TreeVersion
from hunan_trees.settings import TreesSettings

PROBLEM = "application/problem+json"
WRITE, READ, CERTIFY = "trees:write", "trees:read", "trees:certify"
RECOGNISED = "hunan.trees.tree.recognised"
TODAY = clock.now().date()


def ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


REPORT = {
    "source": "PUBLIC_REPORT",
    "reporter": "村民李某",
    "reported_on": ago(40),
    "division_code": "430104",
    "species": "银杏",
    "location": {"latitude": 28.2101, "longitude": 112.9302},
    "land_use": "RURAL_OTHER",
    "crown_radius_m": 7.0,
    "description": "村口大银杏",
}
DEPT = "岳麓区林业局"


def count(client, table) -> int:
    with client.app.state.platform.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(table.__table__))


@pytest.fixture
def client(app_client):
    return app_client(create_app, TreesSettings)


def step(client, token, cid: str, path: str, body: dict, scope: str = CERTIFY):
    return client.post(f"/v1/candidates/{cid}/{path}", json=body, headers=token(scope))


def to_notice(client, token, age: int, *, body: dict | None = None, notice_days_ago: int = 30, famous: bool = False):
    """Candidate → appraisal → qualifying result → public notice published `notice_days_ago` days ago."""
    r = client.post("/v1/candidates", json=body or REPORT, headers=token(WRITE))
    assert r.status_code == 201, r.text
    cid = r.json()["id"]
    assert step(client, token, cid, "appraisal-start", {"actor": DEPT, "on_date": ago(39)}).status_code == 200
    result = {"actor": DEPT, "on_date": ago(35), "experts": ["张教授", "王工"], "age_years": age}
    if famous:
        result |= {"is_famous": True, "famous_basis": ["HISTORICAL"]}
    r = step(client, token, cid, "appraisals", result)
    assert r.status_code == 200 and r.json()["state"] == "APPRAISED", r.text
    r = step(client, token, cid, "notice", {"actor": DEPT, "on_date": ago(notice_days_ago), "channel": "区政府网站"})
    assert r.status_code == 200, r.text
    return cid


def test_grade_3_tree_recognised_by_the_county_with_every_step_recorded(client, token, memory_bus):
    cid = to_notice(client, token, 150)
    got = client.get(f"/v1/candidates/{cid}", headers=token(READ)).json()
    assert (got["state"], got["grade"], got["recognising_level"]) == ("IN_PUBLIC_NOTICE", "GRADE_3", "COUNTY")
    assert got["notice_published_on"] == ago(30) and got["notice_ends_on"] == ago(23)  # 7 days (setting)

    # An objection inside the notice period, dismissed with reasons.
    r = step(
        client, token, cid, "objections", {"filer": "邻村村委会", "grounds": "树龄偏高", "filed_on": ago(25)}, WRITE
    )
    assert r.status_code == 200
    [objection] = r.json()["objections"]
    r = step(
        client,
        token,
        cid,
        f"objections/{objection['id']}/decision",
        {"actor": DEPT, "on_date": ago(24), "outcome": "DISMISSED", "reason": "鉴定依据充分"},
    )
    assert r.status_code == 200 and r.json()["objections"][0]["outcome"] == "DISMISSED"

    r = step(client, token, cid, "submission", {"actor": "岳麓区人民政府", "on_date": ago(10)})
    assert r.status_code == 200 and r.json()["at_level"] == "COUNTY"
    r = step(
        client,
        token,
        cid,
        "recognition",
        {
            "actor": "岳麓区人民政府",
            "deciding_level": "COUNTY",
            "document_ref": "岳政发〔2026〕12号",
            "tree_no": "430104-0100",
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["state"] == "RECOGNISED" and body["tree_id"]
    assert body["basis"][0]["article"] == "Art. 13 / 第十三条"
    steps = [(s["step"], s["actor"], s["on_date"]) for s in body["steps"]]
    assert steps == [
        ("register_candidate", "村民李某", ago(40)),
        ("start_appraisal", DEPT, ago(39)),
        ("record_qualifying_result", DEPT, ago(35)),
        ("publish_notice", DEPT, ago(30)),
        ("file_objection", "邻村村委会", ago(25)),
        ("dismiss_objection", DEPT, ago(24)),
        ("submit_for_recognition", "岳麓区人民政府", ago(10)),
        ("recognise", "岳麓区人民政府", TODAY.isoformat()),
    ]
    assert all(s["basis"] and s["recorded_by"] == "tester" for s in body["steps"])
    assert body["steps"][0]["basis"][0]["article"] == "Art. 15 / 第十五条"

    tree = client.get(f"/v1/trees/{body['tree_id']}", headers=token(READ)).json()
    assert (tree["origin"], tree["recognition_ref"], tree["recognised_on"]) == (
        "RECOGNITION",
        "岳政发〔2026〕12号",
        TODAY.isoformat(),
    )
    assert (tree["grade"], tree["tree_no"], tree["species"]) == ("GRADE_3", "430104-0100", "银杏")
    [version] = client.get(f"/v1/trees/{tree['id']}/history", headers=token(READ)).json()["items"]
    assert version["action"] == "tree.recognise" and "岳政发〔2026〕12号" in version["reason"]

    [event] = EventDriver(client, memory_bus).emitted(RECOGNISED)
    assert event["tree_id"] == tree["id"] and event["candidate_id"] == cid
    assert (event["grade"], event["recognising_level"], event["protection_level"]) == ("GRADE_3", "COUNTY", "LEVEL_3")
    assert event["publication_ref"] == "岳政发〔2026〕12号" and event["division_code"] == "430104"

    again = step(client, token, cid, "recognition", {"actor": "x区", "deciding_level": "COUNTY", "document_ref": "y"})
    assert again.status_code == 409 and count(client, Tree) == 1


def test_grade_1_is_reported_level_by_level_to_the_province(client, token, memory_bus):  # TC6
    cid = to_notice(client, token, 520)
    assert step(client, token, cid, "submission", {"actor": "岳麓区人民政府"}).status_code == 200
    decide = {"actor": "岳麓区人民政府", "deciding_level": "COUNTY", "document_ref": "岳政发1号"}
    wrong = step(client, token, cid, "recognition", decide)
    assert wrong.status_code == 409 and wrong.headers["content-type"] == PROBLEM
    assert "PROVINCE" in wrong.json()["detail"] and wrong.json()["basis"][0]["article"] == "Art. 13 / 第十三条"

    assert step(client, token, cid, "forwarding", {"actor": "长沙市人民政府"}).json()["at_level"] == "CITY"
    early = step(client, token, cid, "recognition", {**decide, "deciding_level": "PROVINCE"})
    assert early.status_code == 409 and "still at the CITY" in early.json()["detail"]
    assert step(client, token, cid, "forwarding", {"actor": "湖南省林业局"}).json()["at_level"] == "PROVINCE"
    beyond = step(client, token, cid, "forwarding", {"actor": "湖南省人民政府"})
    assert beyond.status_code == 409
    r = step(client, token, cid, "recognition", {**decide, "actor": "湖南省人民政府", "deciding_level": "PROVINCE"})
    assert r.status_code == 200, r.text
    tree = client.get(f"/v1/trees/{r.json()['tree_id']}", headers=token(READ)).json()
    assert (tree["grade"], tree["recognising_level"], tree["origin"]) == ("GRADE_1", "PROVINCE", "RECOGNITION")
    assert len(EventDriver(client, memory_bus).emitted(RECOGNISED)) == 1


def test_famous_young_tree_goes_to_the_province_and_may_be_refused(client, token):  # TC7
    cid = to_notice(client, token, 40, famous=True)
    got = client.get(f"/v1/candidates/{cid}", headers=token(READ)).json()
    assert (got["grade"], got["recognising_level"], got["is_famous"]) == (None, "PROVINCE", True)
    step(client, token, cid, "submission", {"actor": "岳麓区人民政府"})
    step(client, token, cid, "forwarding", {"actor": "长沙市人民政府"})
    step(client, token, cid, "forwarding", {"actor": "湖南省林业局"})
    r = step(
        client,
        token,
        cid,
        "refusal",
        {"actor": "湖南省人民政府", "deciding_level": "PROVINCE", "reason": "纪念意义不足"},
    )
    assert r.status_code == 200 and r.json()["state"] == "NOT_QUALIFIED"
    assert count(client, Tree) == 0


def test_objection_leads_to_reappraisal_and_a_non_qualifying_result(client, token):  # Art. 12 para 2
    cid = to_notice(client, token, 110, notice_days_ago=3)
    first = step(client, token, cid, "objections", {"filer": "甲", "grounds": "树龄不足一百年"}, WRITE).json()
    second = step(client, token, cid, "objections", {"filer": "乙", "grounds": "同上"}, WRITE).json()
    assert len(second["objections"]) == 2
    blocked = step(client, token, cid, "submission", {"actor": "岳麓区人民政府"})
    assert blocked.status_code == 409  # notice still running (and objections undecided)
    oid = first["objections"][0]["id"]
    r = step(
        client,
        token,
        cid,
        f"objections/{oid}/decision",
        {"actor": DEPT, "outcome": "REAPPRAISAL_ORDERED", "reason": "补充年轮取样"},
    )
    body = r.json()
    assert r.status_code == 200 and body["state"] == "UNDER_REAPPRAISAL" and body["notice_ends_on"] is None
    assert {o["outcome"] for o in body["objections"]} == {"REAPPRAISAL_ORDERED"}  # the other one is settled too
    r = step(client, token, cid, "appraisals", {"actor": DEPT, "experts": ["赵研究员"], "age_years": 90})
    body = r.json()
    assert body["state"] == "NOT_QUALIFIED" and body["appraisal_round"] == 2
    assert body["steps"][-1]["details"]["art35_reference_eligible"] is True
    assert step(client, token, cid, "notice", {"actor": DEPT}).status_code == 409


def test_submission_waits_for_the_notice_and_the_objections(client, token):
    cid = to_notice(client, token, 150, notice_days_ago=0)  # published today: runs 7 more days
    r = step(client, token, cid, "submission", {"actor": "岳麓区人民政府"})
    assert r.status_code == 409 and r.json()["basis"][0]["article"] == "Art. 12 para 1 / 第十二条第一款"

    cid = to_notice(client, token, 150, notice_days_ago=10, body={**REPORT, "species": "樟树"})
    late = step(client, token, cid, "objections", {"filer": "丙", "grounds": "…"}, WRITE)
    assert late.status_code == 409 and "last day" in late.json()["detail"]  # the notice ended 3 days ago
    ok = step(client, token, cid, "objections", {"filer": "丙", "grounds": "…", "filed_on": ago(5)}, WRITE)
    assert ok.status_code == 200
    r = step(client, token, cid, "submission", {"actor": "岳麓区人民政府"})
    assert r.status_code == 409 and r.json()["basis"][0]["article"] == "Art. 12 para 2 / 第十二条第二款"
    assert count(client, Objection) == 1


@pytest.mark.parametrize(
    ("path", "body"),
    [
        pytest.param(
            "recognition", {"actor": "县政府", "deciding_level": "COUNTY", "document_ref": "x"}, id="recognise"
        ),
        pytest.param("notice", {"actor": DEPT}, id="notice-before-appraisal"),
        pytest.param("submission", {"actor": DEPT}, id="submit"),
        pytest.param("forwarding", {"actor": DEPT}, id="forward"),
        pytest.param("objections", {"filer": "甲", "grounds": "x"}, id="objection"),
    ],
)
def test_illegal_steps_are_409_and_write_nothing(client, token, path, body):
    cid = client.post("/v1/candidates", json=REPORT, headers=token(WRITE)).json()["id"]
    r = step(client, token, cid, path, body, WRITE if path == "objections" else CERTIFY)
    assert r.status_code == 409 and r.headers["content-type"] == PROBLEM
    assert "CANDIDATE" in r.json()["detail"]
    assert count(client, CandidateStep) == 1 and count(client, Tree) == 0
    assert client.get(f"/v1/candidates/{cid}", headers=token(READ)).json()["state"] == "CANDIDATE"


def test_primeval_forest_candidate_is_refused(client, token):  # TC9
    r = client.post("/v1/candidates", json={**REPORT, "in_primeval_forest": True}, headers=token(WRITE))
    assert r.status_code == 422 and r.json()["basis"][0]["article"] == "Art. 2 / 第二条"
    assert count(client, Candidate) == 0


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({**REPORT, "reporter": None}, id="public-report-without-reporter"),
        pytest.param({**REPORT, "source": "CENSUS"}, id="census-finding-without-census"),
        pytest.param({**REPORT, "division_code": "430100"}, id="city-code"),
        pytest.param({**REPORT, "crown_projection": {"type": "Polygon", "coordinates": [[1, 2]]}}, id="bad-crown"),
        pytest.param({**REPORT, "height": 30}, id="unknown-field"),
    ],
)
def test_invalid_candidate_is_422(client, token, body):
    r = client.post("/v1/candidates", json=body, headers=token(WRITE))
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    assert count(client, Candidate) == 0


def test_step_dates_are_checked(client, token):
    cid = client.post("/v1/candidates", json=REPORT, headers=token(WRITE)).json()["id"]
    future = step(client, token, cid, "appraisal-start", {"actor": DEPT, "on_date": ago(-1)})
    before = step(client, token, cid, "appraisal-start", {"actor": DEPT, "on_date": ago(41)})
    assert future.status_code == 422 and before.status_code == 422 and "precedes" in before.json()["detail"]
    assert step(client, token, cid, "appraisal-start", {"actor": DEPT}).status_code == 200
    unknown_crown = {**REPORT, "crown_radius_m": None}
    cid2 = client.post("/v1/candidates", json=unknown_crown, headers=token(WRITE)).json()["id"]
    step(client, token, cid2, "appraisal-start", {"actor": DEPT})
    r = step(client, token, cid2, "appraisals", {"actor": DEPT, "experts": ["甲"], "age_years": 200})
    assert r.status_code == 422 and "crown" in r.json()["detail"]
    r = step(
        client, token, cid2, "appraisals", {"actor": DEPT, "experts": ["甲"], "age_years": 200, "crown_radius_m": 6}
    )
    assert r.status_code == 200 and r.json()["state"] == "APPRAISED"
    famous = step(
        client, token, cid, "appraisals", {"actor": DEPT, "experts": ["甲"], "age_years": 20, "is_famous": True}
    )
    assert famous.status_code == 422 and famous.json()["basis"][0]["article"] == "Art. 3 / 第三条"


def test_recognition_steps_need_the_certify_scope(client, token):
    cid = client.post("/v1/candidates", json=REPORT, headers=token(WRITE)).json()["id"]
    assert step(client, token, cid, "appraisal-start", {"actor": DEPT}, WRITE).status_code == 403
    assert client.post("/v1/candidates", json=REPORT).status_code == 401
    assert client.get(f"/v1/candidates/{cid}", headers=token(WRITE)).status_code == 403
    assert count(client, CandidateStep) == 1


def test_census_cycle_and_census_findings(client, token):  # Art. 11
    status = client.get("/v1/censuses/status/430104", headers=token(READ)).json()
    assert status["status"] == "NEVER_HELD" and status["basis"][0]["article"] == "Art. 11 / 第十一条"
    r = client.post(
        "/v1/censuses",
        json={"division_code": "430104", "started_on": "2016-02-29", "organised_by": "岳麓区人民政府"},
        headers=token(WRITE),
    )
    assert r.status_code == 201 and r.json()["next_due_on"] == "2026-02-28"
    census = r.json()
    again = client.post(
        "/v1/censuses",
        json={"division_code": "430104", "started_on": "2017-01-01", "organised_by": "岳麓区人民政府"},
        headers=token(WRITE),
    )
    assert again.status_code == 409
    assert client.get("/v1/censuses/status/430104", headers=token(READ)).json()["status"] == "IN_PROGRESS"

    finding = {**REPORT, "source": "CENSUS", "census_id": census["id"], "reporter": None}
    r = client.post("/v1/candidates", json=finding, headers=token(WRITE))
    assert r.status_code == 201 and r.json()["steps"][0]["basis"][0]["article"] == "Art. 11 / 第十一条"
    elsewhere = client.post("/v1/candidates", json={**finding, "division_code": "430602"}, headers=token(WRITE))
    assert elsewhere.status_code == 409

    done = client.post(
        f"/v1/censuses/{census['id']}/completion",
        json={"completed_on": "2016-12-20", "trees_found": 37},
        headers=token(WRITE),
    )
    assert done.status_code == 200 and done.json()["trees_found"] == 37
    twice = client.post(
        f"/v1/censuses/{census['id']}/completion",
        json={"completed_on": "2016-12-21", "trees_found": 1},
        headers=token(WRITE),
    )
    assert twice.status_code == 409
    status = client.get("/v1/censuses/status/430104", headers=token(READ)).json()
    expected = "OVERDUE" if TODAY > dt.date(2026, 2, 28) else "SCHEDULED"
    assert (status["status"], status["next_due_on"]) == (expected, "2026-02-28")
    earlier = client.post(
        "/v1/censuses",
        json={"division_code": "430104", "started_on": "2015-01-01", "organised_by": "岳麓区人民政府"},
        headers=token(WRITE),
    )
    assert earlier.status_code == 409
    listed = client.get("/v1/censuses", params={"division": "430100"}, headers=token(READ)).json()["items"]
    assert [c["id"] for c in listed] == [census["id"]]
    assert client.get("/v1/censuses/status/430100", headers=token(READ)).status_code == 422
    assert count(client, Census) == 1


def test_listing_candidates_by_state(client, token):
    cid = to_notice(client, token, 150)
    client.post("/v1/candidates", json={**REPORT, "species": "枫香"}, headers=token(WRITE))
    page = client.get("/v1/candidates", params={"state": "IN_PUBLIC_NOTICE"}, headers=token(READ)).json()
    assert [c["id"] for c in page["items"]] == [cid]
    assert len(client.get("/v1/candidates", params={"division": "430104"}, headers=token(READ)).json()["items"]) == 2
    assert client.get("/v1/candidates/nope", headers=token(READ)).status_code == 404


def test_direct_registration_is_marked_imported(client, token):
    body = {
        "tree_no": "430104-0009",
        "species": "樟树",
        "age_years": 320,
        "division_code": "430104",
        "location": {"latitude": 28.2288, "longitude": 112.9390},
        "land_use": "URBAN_PUBLIC_LAND",
        "crown_radius_m": 8.5,
        "recognition_ref": "长政函〔2019〕8号",
    }
    tree = client.post("/v1/trees", json=body, headers=token(WRITE)).json()
    assert (tree["origin"], tree["recognition_ref"], tree["recognised_on"]) == ("IMPORTED", "长政函〔2019〕8号", None)
    assert count(client, TreeVersion) == 1
