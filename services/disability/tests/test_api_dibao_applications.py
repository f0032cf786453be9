"""Single-person 低保 applications over HTTP (专栏3·资金类·1, R2): the route is checked on application, the
county's decision compares the applicant's own income with the standard, and approval enrols the person."""

from __future__ import annotations

PROBLEM = "application/problem+json"


def apply(client, headers, person_id, **extra):
    body = {"person_id": person_id, "applicant": "person", "applied_on": "2026-03-01"} | extra
    return client.post("/v1/dibao-applications", json=body, headers=headers)


def decide(client, headers, application_id, income, standard="700.00", on="2026-03-20"):
    body = {"decided_on": on, "monthly_income": income, "dibao_standard": standard}
    return client.post(f"/v1/dibao-applications/{application_id}/decision", json=body, headers=headers)


def test_a_severe_person_of_a_marginal_household_is_enrolled_as_one_person(client, headers, register):
    person = register(grade=1, household_status="dibao_marginal")
    applied = apply(client, headers, person["id"])
    assert applied.status_code == 201, applied.text
    application = applied.json()
    assert application["status"] == "submitted" and application["basis"][0]["article"] == "专栏3·资金类·1 (R2)"
    assert apply(client, headers, person["id"]).status_code == 409  # one pending application per person
    decided = decide(client, headers, application["id"], "650.00")
    assert decided.status_code == 200, decided.text
    assert decided.json()["status"] == "approved" and decided.json()["household_status"] == "dibao"
    assert client.get(f"/v1/persons/{person['id']}", headers=headers).json()["household_status"] == "dibao"
    again = decide(client, headers, application["id"], "650.00")
    assert again.status_code == 409 and again.headers["content-type"] == PROBLEM  # decided once
    listed = client.get("/v1/dibao-applications", params={"person_id": person["id"]}, headers=headers).json()
    assert [a["status"] for a in listed["items"]] == ["approved"]


def test_income_at_the_standard_is_refused_and_the_register_is_untouched(client, headers, register):
    person = register(grade=2, household_status="dibao_marginal")
    application = apply(client, headers, person["id"]).json()
    refused = decide(client, headers, application["id"], "700.00")
    assert refused.json()["status"] == "refused" and refused.json()["household_status"] == "dibao_marginal"
    assert client.get(f"/v1/dibao-applications/{application['id']}", headers=headers).json()["status"] == "refused"


def test_the_route_is_checked_on_application(client, headers, register):
    not_severe = register(grade=3, household_status="dibao_marginal")
    not_marginal = register(grade=1, household_status="none")
    ward = register(grade=1, household_status="dibao_marginal")
    for person_id, extra in [
        (not_severe["id"], {}),
        (not_marginal["id"], {}),
        (ward["id"], {"applicant": "others"}),  # 本人申请: a village cannot apply for them
        (ward["id"], {"applicant": "guardian_or_agent"}),  # a guardian only for a person lacking capacity
    ]:
        refused = apply(client, headers, person_id, **extra)
        assert refused.status_code == 422 and refused.headers["content-type"] == PROBLEM, extra
        assert refused.json()["basis"][0]["article"].endswith("(R2)")
    assert apply(client, headers, ward["id"], applicant="guardian_or_agent", lacks_capacity=True).status_code == 201
    assert apply(client, headers, "no-such-person").status_code == 404
    assert client.get("/v1/dibao-applications").status_code == 401
