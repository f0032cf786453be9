"""Money in emergency (ADR 0016): Decimal yuan in the API and events, whole fen in BIGINT storage, exact both ways;
an amount finer than a fen is refused with nothing written, and a computed amount is rounded once, half up."""

from __future__ import annotations

from decimal import Decimal

import pytest


def test_a_direct_loss_beyond_integer_fen_is_stored_and_read_back_exactly(emergency):
    """99 999 999 999.99 yuan is 9 999 999 999 999 fen: beyond the INTEGER columns emergency had before."""
    svc = emergency()
    disaster = svc.declare()
    figures = {"deaths": 0, "affected_persons": 10, "direct_loss_yuan": "99999999999.99"}
    assert svc.post(f"/v1/disasters/{disaster['id']}/figures", figures, expect=200).json()["direct_loss_yuan"] == (
        "99999999999.99"
    )
    assert svc.get(f"/v1/disasters/{disaster['id']}").json()["direct_loss_yuan"] == "99999999999.99"


@pytest.mark.parametrize("loss", ["0.001", "12.345", "-0.01"])
def test_a_loss_finer_than_a_fen_or_negative_is_refused_and_nothing_is_written(emergency, loss):
    svc = emergency()
    disaster = svc.declare()
    svc.post(f"/v1/disasters/{disaster['id']}/figures", {"deaths": 1, "direct_loss_yuan": "10.00"}, expect=200)
    svc.post(f"/v1/disasters/{disaster['id']}/figures", {"deaths": 2, "direct_loss_yuan": loss}, expect=422)
    after = svc.get(f"/v1/disasters/{disaster['id']}").json()
    assert after["direct_loss_yuan"] == "10.00" and after["deaths"] == 1


def test_supply_item_value_round_trips_and_a_fraction_of_a_fen_is_refused(emergency):
    svc = emergency()
    item = {"code": "sandbag", "name": "编织袋", "unit": "piece", "unit_value_yuan": "0.07"}
    assert svc.post("/v1/supplies", item, expect=201).json()["unit_value_yuan"] == "0.07"
    svc.post("/v1/supplies", {**item, "code": "sandbag_fine", "unit_value_yuan": "0.075"}, expect=422)
    catalogue = {i["code"]: i["unit_value_yuan"] for i in svc.get("/v1/supplies").json()}
    assert catalogue["sandbag"] == "0.07" and "sandbag_fine" not in catalogue
    assert catalogue["tent"] == "1500.00"  # the seeded catalogue, stored as fen since the initial revision


@pytest.mark.parametrize(
    "standard, reward",
    [
        pytest.param("0.03", "0.04", id="insider 0.036 rounds half up to 0.04"),
        pytest.param("0.02", "0.02", id="insider 0.024 rounds down to 0.02"),
        pytest.param("1234567.89", "1481481.47", id="insider 1481481.468 on a large standard"),
    ],
)
def test_the_insider_reward_is_rounded_once_half_up_to_the_fen(emergency, standard, reward):
    """R52 with the default 20 % uplift: the reward is rounded once (`round_fen`), never truncated."""
    svc = emergency()
    tid = svc.post(
        "/v1/tipoffs",
        {"summary": "本单位隐瞒重大事故隐患", "division_code": "430102", "reporter_type": "INSIDER"},
        expect=201,
    ).json()["id"]
    svc.post(f"/v1/tipoffs/{tid}/accept", {}, expect=200)
    svc.post(f"/v1/tipoffs/{tid}/refer", {"department": "长沙市应急管理局"}, expect=200)
    svc.post(f"/v1/tipoffs/{tid}/verify", {"verified_true": True}, expect=200)
    svc.post(f"/v1/tipoffs/{tid}/assess-reward", {"standard_reward": "0.001"}, expect=422)
    out = svc.post(f"/v1/tipoffs/{tid}/assess-reward", {"standard_reward": standard}, expect=200).json()
    assert out["standard_reward"] == str(Decimal(standard).quantize(Decimal("0.01"))) and out["reward"] == reward
    stored = svc.get(f"/v1/tipoffs/{tid}").json()
    assert (stored["standard_reward"], stored["reward"]) == (out["standard_reward"], reward)


def test_relief_funds_finer_than_a_fen_are_refused(emergency):
    svc = emergency()
    disaster = svc.declare(codes=("430102",), hours_ago=3)
    case = svc.post(
        "/v1/relief-cases",
        {"disaster_id": disaster["id"], "division_code": "430102", "relief_type": "EMERGENCY_RELIEF", "persons": 3},
        expect=201,
    ).json()
    svc.post(f"/v1/relief-cases/{case['id']}/basic-living", {"relief_funds": "100.005"}, expect=422)
    assert svc.get(f"/v1/relief-cases/{case['id']}").json()["state"] == "OPENED"
    out = svc.post(f"/v1/relief-cases/{case['id']}/basic-living", {"relief_funds": "100.5"}, expect=200).json()
    assert out["relief_funds"] == "100.50"
    assert svc.get(f"/v1/relief-cases/{case['id']}").json()["relief_funds"] == "100.50"
