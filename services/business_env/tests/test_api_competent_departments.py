"""The competent-department register (Art. 3) over HTTP on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hunan_business_env.app import create_app
from hunan_business_env.models import CompetentDesignation
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared import divisions

WRITE, READ = "business_env:write", "business_env:read"
ART3 = "Art. 3 / 第三条"


@pytest.fixture
def client(app_client):
    return app_client(create_app, BusinessEnvSettings)


def designate(client, token, division, department, on="2022-03-01"):
    body = {"division_code": division, "department": department, "first_responsible_post": "市长", "designated_on": on}
    return client.post("/v1/competent-departments", json=body, headers=token(WRITE))


def count(client) -> int:
    with client.app.state.platform.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(CompetentDesignation.__table__))


def test_the_provincial_competent_department_is_development_and_reform(client, token):  # R1
    refused = designate(client, token, "430000", "湖南省商务厅")
    assert refused.status_code == 422 and refused.json()["basis"][0]["article"] == ART3 and count(client) == 0
    assert designate(client, token, "430000", "湖南省发展和改革委员会").status_code == 201
    assert designate(client, token, "430000", "湖南省发展和改革委员会").status_code == 409
    # A city or county chooses its own department.
    assert designate(client, token, "430300", "湘潭市数据资源局").status_code == 201
    assert designate(client, token, "430302", "雨湖区发展和改革局", on="2999-01-01").status_code == 422
    assert count(client) == 2


def test_divisions_without_a_designation_are_listed_as_gaps(client, token):  # R1
    xiangtan = [d.code for d in divisions.counties("430300")]
    gaps = client.get("/v1/competent-departments/gaps", params={"within": "430300"}, headers=token(READ)).json()
    assert gaps["missing"] == ["430300", *xiangtan] and gaps["basis"][0]["article"] == ART3
    assert designate(client, token, "430300", "湘潭市发展和改革委员会").status_code == 201
    for code in xiangtan[:-1]:
        assert designate(client, token, code, "区县发展和改革局").status_code == 201
    gaps = client.get("/v1/competent-departments/gaps", params={"within": "430300"}, headers=token(READ)).json()
    assert gaps["missing"] == [xiangtan[-1]] and gaps["required"] == 1 + len(xiangtan)
    assert designate(client, token, xiangtan[-1], "区县发展和改革局").status_code == 201
    done = client.get("/v1/competent-departments/gaps", params={"within": "430300"}, headers=token(READ)).json()
    assert done["missing"] == []
    bad = client.get("/v1/competent-departments/gaps", params={"within": "440000"}, headers=token(READ))
    assert bad.status_code == 422
    listed = client.get("/v1/competent-departments", headers=token(READ)).json()["items"]
    assert len(listed) == 1 + len(xiangtan)
