"""Budget books science's museum post-completion subsidy claims (science.museum_subsidy.claimed, 三(三)2)."""

from __future__ import annotations

from decimal import Decimal

from hunan_shared import clock
from hunan_shared.events.catalogue import Money, MuseumSubsidyClaimed

R = "budget:read"


def claimed(subsidy_id="s-1", amount="3000000.00"):
    return MuseumSubsidyClaimed(
        subsidy_id=subsidy_id,
        venue_id="v-1",
        division_code="430600",
        amount=Money(amount=Decimal(amount)),
        accepted_on=clock.now().date(),
        basis="湖南省全民科学素质行动规划纲要实施方案 三(三)2 (R16)",
        claimed_at=clock.now(),
    )


def test_a_claim_is_committed_once_for_the_province(client, token, bus):
    bus.deliver(claimed())
    bus.deliver(claimed())  # the same claim re-published with a new event id
    bus.redeliver()
    r = client.get("/v1/expenditures", params={"division": "430600"}, headers=token(R))
    assert r.status_code == 200, r.text
    rows = [e for e in r.json()["items"] if e["kind"] == "SCIENCE_MUSEUM_SUBSIDY"]
    assert [(e["status"], e["bearer"], Decimal(e["amount"])) for e in rows] == [
        ("COMMITTED", "省级财政", Decimal("3000000.00"))
    ]
    assert "三(三)2" in rows[0]["reason"]


def test_the_kind_filter_accepts_science_museum_subsidies(client, token, bus):
    bus.deliver(claimed(subsidy_id="s-2", amount="120000.00"))
    r = client.get("/v1/expenditures", params={"kind": "SCIENCE_MUSEUM_SUBSIDY"}, headers=token(R))
    assert r.status_code == 200, r.text
    assert [(e["kind"], e["source_ref"]) for e in r.json()["items"]] == [("SCIENCE_MUSEUM_SUBSIDY", "s-2")]
    assert client.get("/v1/expenditures", params={"kind": "NO_SUCH_KIND"}, headers=token(R)).status_code == 422
