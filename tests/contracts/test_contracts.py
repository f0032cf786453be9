"""Published contracts: AsyncAPI and OpenAPI documents are generated from code, committed, valid, and
never drift; the event catalogue honours the cross-service contract table below."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openapi_spec_validator import validate

from hunan_shared import contracts
from hunan_shared.events.catalogue import CATALOGUE

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "asyncapi"

# The agreed cross-service contract, restated here so that a catalogue change is deliberate:
# type -> (topic, key field, consumers)
CONTRACT = {
    "hunan.emergency.disaster.declared": (
        "emergency.disaster",
        "disaster_id",
        {"disability", "science", "trees", "budget"},
    ),
    "hunan.emergency.disaster.level_changed": (
        "emergency.disaster",
        "disaster_id",
        {"disability", "science", "budget"},
    ),
    "hunan.emergency.disaster.divisions_extended": (
        "emergency.disaster",
        "disaster_id",
        {"disability", "science", "trees"},
    ),
    "hunan.emergency.disaster.closed": ("emergency.disaster", "disaster_id", {"disability", "science", "budget"}),
    "hunan.emergency.warning.issued": ("emergency.warning", "warning_id", {"science", "disability"}),
    "hunan.emergency.warning.updated": ("emergency.warning", "warning_id", {"science", "disability"}),
    "hunan.emergency.warning.cancelled": ("emergency.warning", "warning_id", {"science", "disability"}),
    "hunan.disability.supplies.requested": ("disability.supply_request", "request_id", {"emergency"}),
    "hunan.emergency.dispatch.planned": ("emergency.dispatch", "dispatch_id", {"disability"}),
    "hunan.emergency.dispatch.shipped": ("emergency.dispatch", "dispatch_id", {"budget"}),
    "hunan.emergency.dispatch.delivered": ("emergency.dispatch", "dispatch_id", {"disability"}),
    "hunan.emergency.reserve.replenishment_requested": ("emergency.reserve", "depot_id", {"budget"}),
    "hunan.disability.assistance.opened": ("disability.assistance", "disaster_id", {"emergency", "science"}),
    "hunan.disability.accessibility_needs.summarized": ("disability.assistance", "disaster_id", {"science"}),
    "hunan.disability.subsidy.payroll_completed": ("disability.subsidy", "payroll_month", {"budget"}),
    "hunan.science.campaign.launched": ("science.campaign", "campaign_id", {"emergency", "disability"}),
    "hunan.science.campaign.updated": ("science.campaign", "campaign_id", {"emergency", "disability"}),
    "hunan.science.campaign.closed": ("science.campaign", "campaign_id", {"emergency", "disability"}),
    "hunan.trees.transplant.approved": ("trees.transplant", "application_id", {"budget"}),
    "hunan.budget.emergency_expenditure.recorded": ("budget.expenditure", "expenditure_id", {"emergency"}),
    # For other agencies (credit platforms, the public disclosure portal); no suite service consumes them.
    "hunan.business_env.inspection_task.sampled": ("business_env.inspection_task", "task_id", set()),
    "hunan.business_env.inspection_result.published": ("business_env.inspection_task", "task_id", set()),
    "hunan.business_env.policy.published": ("business_env.policy", "policy_id", set()),
    "hunan.business_env.benefit.granted": ("business_env.policy", "policy_id", set()),
    "hunan.budget.budget.approved": ("budget.budget", "budget_id", set()),
    "hunan.budget.budget.adjusted": ("budget.budget", "budget_id", set()),
}


def test_catalogue_matches_the_cross_service_contract_table():
    assert set(CATALOGUE) == set(CONTRACT)
    for event_type, (topic, key, consumers) in CONTRACT.items():
        cls = CATALOGUE[event_type]
        assert (cls.TOPIC, cls.KEY, set(cls.CONSUMERS)) == (topic, key, consumers), event_type


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
