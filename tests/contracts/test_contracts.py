"""Published contracts: AsyncAPI and OpenAPI documents are generated from code, committed, valid, and
never drift; the event catalogue honours the cross-service contract table below."""

from __future__ import annotations

import copy
import importlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from hunan_shared import contracts, openapi
from hunan_shared.api import MAX_IDEMPOTENCY_KEY
from hunan_shared.events.catalogue import CATALOGUE
from hunan_shared.scopes import SCOPES
from hunan_shared.service import build_app_for_docs

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "asyncapi"

# The agreed cross-service contract, restated here so that a catalogue change is deliberate:
# type -> (topic, key field). Consumers are not restated: they are the services' HANDLERS
# (contracts.consumers_by_event(), tests/contracts/test_catalogue_wiring.py).
CONTRACT = {
    "hunan.emergency.disaster.declared": ("emergency.disaster", "disaster_id"),
    "hunan.emergency.disaster.level_changed": ("emergency.disaster", "disaster_id"),
    "hunan.emergency.disaster.divisions_extended": ("emergency.disaster", "disaster_id"),
    "hunan.emergency.disaster.closed": ("emergency.disaster", "disaster_id"),
    "hunan.emergency.warning.issued": ("emergency.warning", "warning_id"),
    "hunan.emergency.warning.updated": ("emergency.warning", "warning_id"),
    "hunan.emergency.warning.cancelled": ("emergency.warning", "warning_id"),
    "hunan.disability.supplies.requested": ("disability.supply_request", "request_id"),
    "hunan.emergency.dispatch.planned": ("emergency.dispatch", "dispatch_id"),
    "hunan.emergency.dispatch.shipped": ("emergency.dispatch", "dispatch_id"),
    "hunan.emergency.dispatch.delivered": ("emergency.dispatch", "dispatch_id"),
    "hunan.emergency.reserve.replenishment_requested": ("emergency.reserve", "depot_id"),
    "hunan.disability.assistance.opened": ("disability.assistance", "disaster_id"),
    "hunan.disability.accessibility_needs.summarized": ("disability.assistance", "disaster_id"),
    "hunan.disability.subsidy.payroll_completed": ("disability.subsidy", "payroll_month"),
    "hunan.disability.assistance.first_contact_overdue": ("disability.assistance", "disaster_id"),
    "hunan.disability.dibao.gradual_exit_ended": ("disability.dibao", "review_id"),
    "hunan.science.campaign.launched": ("science.campaign", "campaign_id"),
    "hunan.science.campaign.updated": ("science.campaign", "campaign_id"),
    "hunan.science.campaign.closed": ("science.campaign", "campaign_id"),
    "hunan.science.content.published": ("science.campaign", "campaign_id"),
    "hunan.science.campaign.publication_overdue": ("science.campaign", "campaign_id"),
    "hunan.science.museum_subsidy.claimed": ("science.museum_subsidy", "subsidy_id"),
    "hunan.trees.transplant.approved": ("trees.transplant", "application_id"),
    "hunan.trees.tree.recognised": ("trees.tree", "tree_id"),
    "hunan.trees.transplant.executed": ("trees.transplant", "application_id"),
    "hunan.trees.report.overdue": ("trees.report", "report_id"),
    "hunan.trees.inspection.overdue": ("trees.inspection", "inspection_id"),
    "hunan.trees.patrol.due": ("trees.patrol", "tree_id"),
    "hunan.trees.penalty.decided": ("trees.violation", "case_id"),
    "hunan.trees.custodian.assigned": ("trees.custodian", "tree_id"),
    "hunan.trees.subsidy.granted": ("trees.subsidy", "subsidy_id"),
    "hunan.trees.utilisation.registered": ("trees.utilisation", "activity_id"),
    "hunan.budget.emergency_expenditure.recorded": ("budget.expenditure", "expenditure_id"),
    "hunan.emergency.warning.expired": ("emergency.warning", "warning_id"),
    "hunan.emergency.hidden_danger.overdue": ("emergency.hidden_danger", "hidden_danger_id"),
    "hunan.emergency.dispatch.shortfall_escalated": ("emergency.dispatch", "dispatch_id"),
    "hunan.emergency.relief.provided": ("emergency.relief", "case_id"),
    "hunan.emergency.relief.overdue": ("emergency.relief", "case_id"),
    "hunan.emergency.tipoff.received": ("emergency.tipoff", "tipoff_id"),
    "hunan.emergency.tipoff.resolved": ("emergency.tipoff", "tipoff_id"),
    "hunan.emergency.drill.held": ("emergency.plan", "plan_id"),
    "hunan.emergency.drill.due": ("emergency.plan", "plan_id"),
    # For other agencies (credit platforms, the public disclosure portal); no suite service consumes them.
    "hunan.business_env.inspection_task.sampled": ("business_env.inspection_task", "task_id"),
    "hunan.business_env.inspection_result.published": ("business_env.inspection_task", "task_id"),
    "hunan.business_env.policy.published": ("business_env.policy", "policy_id"),
    "hunan.business_env.benefit.granted": ("business_env.policy", "policy_id"),
    "hunan.business_env.startup.completed": ("business_env.startup", "case_id"),
    "hunan.business_env.startup.overdue": ("business_env.startup", "case_id"),
    "hunan.business_env.deregistration.completed": ("business_env.deregistration", "deregistration_id"),
    "hunan.business_env.commitment.found_false": ("business_env.commitment", "commitment_id"),
    "hunan.business_env.commitment.verification_overdue": ("business_env.commitment", "commitment_id"),
    "hunan.business_env.deposit.refund_overdue": ("business_env.deposit", "deposit_id"),
    "hunan.business_env.project.accepted": ("business_env.project", "project_id"),
    "hunan.business_env.inspection_result.publication_overdue": ("business_env.inspection_task", "task_id"),
    "hunan.business_env.complaint.overdue": ("business_env.complaint", "complaint_id"),
    "hunan.business_env.complaint.closed": ("business_env.complaint", "complaint_id"),
    "hunan.business_env.lead.transferred": ("business_env.complaint", "complaint_id"),
    "hunan.business_env.contract.payment_overdue": ("business_env.contract", "commitment_id"),
    "hunan.business_env.evaluation.fed_back": ("business_env.evaluation", "evaluation_id"),
    "hunan.business_env.review.bad_received": ("business_env.review", "review_id"),
    "hunan.business_env.review.overdue": ("business_env.review", "review_id"),
    "hunan.business_env.fair_competition_report.feedback_sent": ("business_env.fair_competition_report", "report_id"),
    "hunan.business_env.fair_competition_report.overdue": ("business_env.fair_competition_report", "report_id"),
    "hunan.business_env.hotline_appeal.overdue": ("business_env.hotline_appeal", "appeal_id"),
    "hunan.business_env.barrier_report.overdue": ("business_env.barrier_report", "report_id"),
    "hunan.business_env.evaluation.rectification_overdue": ("business_env.evaluation", "evaluation_id"),
    "hunan.business_env.service_application.due_soon": ("business_env.service_application", "application_id"),
    "hunan.business_env.service_application.overdue": ("business_env.service_application", "application_id"),
    "hunan.budget.budget.approved": ("budget.budget", "budget_id"),
    "hunan.budget.budget.adjusted": ("budget.budget", "budget_id"),
    "hunan.budget.disclosure.overdue": ("budget.budget", "budget_id"),
    "hunan.budget.carryover.swept": ("budget.carryover", "sweep_id"),
    "hunan.budget.ratio_check.breached": ("budget.control", "division_code"),
    "hunan.budget.responsibility_matrix.published": ("budget.reference", "version"),
}


def test_catalogue_matches_the_cross_service_contract_table():
    assert set(CATALOGUE) == set(CONTRACT)
    for event_type, (topic, key) in CONTRACT.items():
        cls = CATALOGUE[event_type]
        assert (cls.TOPIC, cls.KEY) == (topic, key), event_type


def test_every_event_states_its_personal_data():
    for cls in CATALOGUE.values():
        assert cls.PERSONAL_DATA, cls.TYPE
        fields = set(cls.model_fields)
        assert not fields & {"id_number", "phone", "name", "certificate_number"}, cls.TYPE


def test_committed_documents_match_the_code():
    assert contracts.stale() == [], "run `make docs` and commit the result"


def test_asyncapi_document_is_valid_for_the_official_parser():
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("Node.js not installed (apt-get install nodejs npm); CI has it")
    if not (TOOL / "node_modules" / "@asyncapi" / "parser").exists():
        subprocess.run(["npm", "ci", "--silent", "--no-audit", "--no-fund"], cwd=TOOL, check=True, timeout=300)
    result = subprocess.run(
        ["node", str(TOOL / "validate.mjs"), str(contracts.ASYNCAPI_PATH)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid AsyncAPI 3.0.0" in result.stdout


@pytest.mark.parametrize("service", sorted(contracts.DEFAULT_PORTS))
def test_openapi_documents_are_valid_and_complete(service):
    document = contracts.openapi_documents()[service]
    validate(document)
    assert document["openapi"].startswith("3.1")
    operations = [(path, method, op) for path, item in document["paths"].items() for method, op in item.items()]
    assert any(path.startswith("/v1/") for path, _, _ in operations), "a real first resource under /v1"
    for path, method, op in operations:
        where = f"{method.upper()} {path}"
        assert op.get("summary") and op.get("tags") and op.get("operationId"), where
        if path.startswith("/v1/"):
            assert {"401", "403", "422"} <= set(op["responses"]), where


# ---- OpenAPI for gateway clients (issue 10 §4) ------------------------------------------------------------

MUTATING = ("post", "put", "patch", "delete")


def _operations(document):
    return [(path, method, op) for path, item in document["paths"].items() for method, op in item.items()]


@pytest.mark.parametrize("service", sorted(contracts.DEFAULT_PORTS))
def test_openapi_servers_point_through_the_gateway(service):
    document = contracts.openapi_documents()[service]
    (server,) = document["servers"]
    assert server["url"] == "{gateway}/" + service
    assert server["variables"]["gateway"]["default"] == openapi.DEFAULT_PUBLIC_URL
    assert all(path.startswith(("/v1/", "/livez", "/readyz")) for path in document["paths"]), "service's own paths"
    assert "/metrics" not in document["paths"], "metrics are not published through the gateway"
    published = openapi.publish(
        build_app_for_docs(importlib.import_module(f"hunan_{service}.app").SPEC).openapi(),
        service,
        public_url="https://api.hunan.example/",
    )
    assert published["servers"][0]["variables"]["gateway"]["default"] == "https://api.hunan.example"


@pytest.mark.parametrize("service", sorted(contracts.DEFAULT_PORTS))
def test_errors_are_problem_json_and_500_is_documented(service):
    document = contracts.openapi_documents()[service]
    assert "HTTPValidationError" not in document["components"]["schemas"]
    for path, method, op in _operations(document):
        assert "500" in op["responses"], f"{method} {path}"
        for status, response in op["responses"].items():
            if int(status) >= 400 and not (path == "/readyz" and status == "503"):
                assert list(response["content"]) == ["application/problem+json"], f"{method} {path} {status}"
                assert response["content"]["application/problem+json"]["schema"] == {
                    "$ref": "#/components/schemas/Problem"
                }


@pytest.mark.parametrize("service", sorted(contracts.DEFAULT_PORTS))
def test_idempotency_key_is_declared_on_every_mutation_that_honours_it(service):
    spec = importlib.import_module(f"hunan_{service}.app").SPEC
    app = build_app_for_docs(spec)
    honouring = openapi.idempotent_operations(app)
    document = contracts.openapi_documents()[service]
    for path, method, op in _operations(document):
        declared = [p for p in op.get("parameters", []) if p["name"] == "Idempotency-Key"]
        if op["operationId"] in honouring:
            assert method in MUTATING, f"{method} {path}"
            assert declared and declared[0]["in"] == "header" and not declared[0]["required"], f"{method} {path}"
            assert declared[0]["schema"]["maxLength"] == MAX_IDEMPOTENCY_KEY
        else:
            assert not declared, f"{method} {path} does not run through Writer"
    # Writer is how every mutation runs; POSTs outside it are computations that store nothing (checks).
    mutations = [op["operationId"] for _, method, op in _operations(document) if method in MUTATING]
    assert honouring or not mutations


@pytest.mark.parametrize("service", sorted(contracts.DEFAULT_PORTS))
def test_security_is_oauth2_with_every_scope_described(service):
    document = contracts.openapi_documents()[service]
    schemes = document["components"]["securitySchemes"]
    assert list(schemes) == ["oauth2"]
    scopes = schemes["oauth2"]["flows"]["clientCredentials"]["scopes"]
    assert scopes == {s: text for s, text in SCOPES.items() if s.startswith(f"{service}:")}
    assert all(text for text in scopes.values())
    used = set()
    for path, method, op in _operations(document):
        for requirement in op.get("security", []):
            assert list(requirement) == ["oauth2"], f"{method} {path}"
            used |= set(requirement["oauth2"])
        if path.startswith("/v1/"):
            assert op.get("security"), f"{method} {path} has no security requirement"
    assert used <= set(scopes)


@pytest.mark.parametrize("service", sorted(contracts.DEFAULT_PORTS))
def test_every_operation_has_examples_that_validate_against_their_schemas(service):
    document = contracts.openapi_documents()[service]
    assert openapi.missing_examples(document) == []
    assert openapi.invalid_examples(document) == []
    for path, method, op in _operations(document):
        assert any(
            "example" in r.get("content", {}).get(m, {}) for r in op["responses"].values() for m in r.get("content", {})
        ), f"{method} {path}"


def test_the_example_check_fails_on_a_wrong_or_missing_example():
    document = copy.deepcopy(contracts.openapi_documents()["emergency"])
    body = document["paths"]["/v1/disasters"]["post"]["requestBody"]["content"]["application/json"]
    body["example"] = {"title": 42}
    assert any("POST /v1/disasters request" in p for p in openapi.invalid_examples(document))
    del body["example"]
    assert openapi.missing_examples(document) == ["POST /v1/disasters request application/json"]


# ---- AsyncAPI a consumer can trust (issue 10 §5) ---------------------------------------------------------


def _asyncapi():
    return yaml.safe_load(contracts.ASYNCAPI_PATH.read_text(encoding="utf-8"))


def _components_validator(document, schema):
    return Draft202012Validator(
        {**schema, "components": document["components"]}, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def test_every_message_has_an_example_valid_for_its_schema_headers_and_model():
    document = _asyncapi()
    headers_schema = document["components"]["schemas"]["CloudEventHeaders"]
    for name, message in document["components"]["messages"].items():
        (example,) = message["examples"]
        cls = CATALOGUE[message["name"]]
        errors = list(_components_validator(document, message["payload"]).iter_errors(example["payload"]))
        assert errors == [], (name, [e.message for e in errors])
        assert list(_components_validator(document, headers_schema).iter_errors(example["headers"])) == [], name
        assert cls.model_validate(example["payload"]).model_dump(mode="json") == example["payload"], name
        assert example["headers"]["ce_type"] == cls.TYPE and example["headers"]["ce_dataschema"] == cls.dataschema()


def test_a_wrong_message_example_fails_the_check():
    document = _asyncapi()
    message = document["components"]["messages"]["DispatchShipped"]
    payload = {**message["examples"][0]["payload"], "total_cost": {"amount": 12.5, "currency": "CNY"}}
    assert list(_components_validator(document, message["payload"]).iter_errors(payload))


def test_traceparent_and_dataschema_are_required_headers():
    required = _asyncapi()["components"]["schemas"]["CloudEventHeaders"]["required"]
    assert {"traceparent", "ce_dataschema"} <= set(required)


def test_servers_production_is_secured_and_not_the_compose_host():
    document = _asyncapi()
    production = document["servers"]["production"]
    compose = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text(encoding="utf-8"))
    compose_bootstrap = compose["x-hunan-env"]["KAFKA_BOOTSTRAP_SERVERS"]
    assert production["host"] != compose_bootstrap and "kafka:9092" not in str(production)
    assert production["protocol"] == "kafka-secure"
    (security,) = production["security"]
    scheme = document["components"]["securitySchemes"][security["$ref"].rsplit("/", 1)[1]]
    assert scheme["type"] == "scramSha512"
    assert "TLS" in scheme["description"]


def test_decimals_are_strings_on_the_wire():
    schemas = _asyncapi()["components"]["schemas"]
    assert schemas["Money"]["properties"]["amount"]["type"] == "string"

    def walk(node, where):
        if isinstance(node, dict):
            for key in ("anyOf", "oneOf"):
                types = {branch.get("type") for branch in node.get(key, [])}
                assert not ({"number", "string"} <= types), f"{where}: number-or-string (a decimal in validation mode)"
            assert node.get("type") != "number", f"{where}: a float on the wire"
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}[{i}]")

    walk(schemas, "schemas")


def test_dataschema_urls_resolve_to_the_published_schema_files():
    from fastapi.testclient import TestClient

    from hunan_shared.bus.memory import MemoryBus
    from hunan_shared.service import create_service_app
    from hunan_shared.settings import PlatformSettings, ServiceSettings

    spec = importlib.import_module("hunan_trees.app").SPEC
    app = create_service_app(
        spec, settings=PlatformSettings(), service_settings=ServiceSettings(database_url="sqlite://"), bus=MemoryBus()
    )
    client = TestClient(app)  # no lifespan: nothing but the routes is needed
    for event_type, cls in CATALOGUE.items():
        url = cls.dataschema()
        assert url.startswith(f"{openapi.DEFAULT_PUBLIC_URL}/schemas/events/"), url
        served = client.get(url.removeprefix(openapi.DEFAULT_PUBLIC_URL))
        assert served.status_code == 200, event_type
        published = contracts.EVENT_SCHEMA_DIR / event_type / f"v{cls.VERSION}.json"
        assert json.loads(published.read_text(encoding="utf-8")) == served.json(), event_type
        Draft202012Validator.check_schema(served.json())


@pytest.mark.parametrize("service", ["trees", "business_env", "disability", "budget", "emergency", "science"])
def test_schema_names_are_unique_within_a_service(service):
    """Two models or enums with one name get module-qualified component names (`hunan_x__schemas__…`,
    `hunan_x__rules__…`), which generated clients refuse."""
    schemas = json.loads((ROOT / "docs" / "openapi" / f"{service}.json").read_text(encoding="utf-8"))["components"]
    qualified = [name for name in schemas["schemas"] if name.startswith("hunan_") and "__" in name]
    assert not qualified, f"two models or enums share a name, rename one: {qualified}"
