"""R41 over HTTP: a special bond issued while the project's earlier tranches are unspent carries a pace warning."""

from __future__ import annotations

W = "budget:write"
COUNTY, YEAR = "430104", 2026


def test_special_bond_pace_warns_R41(client, token):
    limit = {"division_code": COUNTY, "budget_year": YEAR, "limit": "50000.00"}
    assert client.post("/v1/debt-limits", json=limit, headers=token(W)).status_code == 201
    bond = {
        "division_code": COUNTY,
        "budget_year": YEAR,
        "kind": "SPECIAL_BOND",
        "title": "园区专项债 第二批",
        "issued_on": "2026-05-01",
        "amount": "1000.00",
        "project_revenue": "1200.00",
        "debt_service": "1200.00",
        "bond_term_years": 10,
        "project_term_years": 10,
        "earlier_tranches_issued": "3000.00",
        "earlier_tranches_spent": "3000.00",
    }
    kept = client.post("/v1/debts", json=bond, headers=token(W))
    assert kept.status_code == 201, kept.text
    assert kept.json()["warnings"] == []
    assert any("发行节奏" in (b["note"] or "") for b in kept.json()["basis"])
    ahead = client.post("/v1/debts", json={**bond, "earlier_tranches_spent": "2999.99"}, headers=token(W)).json()
    assert ahead["warnings"] == [
        "earlier tranches 3000.00, spent 2999.99: 0.01 unspent, issuance ahead of implementation"
    ]
    assert ahead["earlier_tranches_spent"] == "2999.99"
    impossible = client.post("/v1/debts", json={**bond, "earlier_tranches_spent": "3000.01"}, headers=token(W))
    assert impossible.status_code == 422
    unshown = {k: v for k, v in bond.items() if k not in ("project_revenue", "debt_service")}
    unshown["earlier_tranches_spent"] = "0"
    warnings = client.post("/v1/debts", json=unshown, headers=token(W)).json()["warnings"]
    assert "not shown" in warnings[0] and "issuance ahead" in warnings[1]
