"""The verifiable double-random draw (engines/draw.py) and the W2 rules (Arts. 37, 39)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from hunan_business_env.engines import draw as double_random
from hunan_business_env.engines.draw import Assignment, Candidate, DrawError, Inspector, draw, record, verify
from hunan_business_env.rules.inspections import (
    Entity,
    TaskAction,
    TaskState,
    Weights,
    WithholdingRefused,
    draw_population,
    inclusive_supervision,
    next_task_state,
    withholding_allowed,
)
from hunan_shared.legal import IllegalTransition

CANDIDATES = [Candidate("e1", 1), Candidate("e2", 2), Candidate("e3", 4), Candidate("e4", 2)]
INSPECTORS = [Inspector("i1", frozenset({"e3"})), Inspector("i2", frozenset()), Inspector("i3", frozenset())]


def test_the_algorithm_is_pinned_by_a_known_vector():
    # A change here breaks every published draw record: add "hunan-draw-v2" instead of editing v1.
    assert draw("hunan-2025-seed-0001", CANDIDATES, INSPECTORS, 2, 2) == [
        Assignment("e3", ("i2", "i3")),
        Assignment("e4", ("i1", "i3")),
    ]


def test_the_first_number_is_the_documented_hash_word():
    words = double_random._words("s", "entities")
    digest = hashlib.sha256(b"s:entities:" + (0).to_bytes(8, "big")).digest()
    assert next(words) == int.from_bytes(digest[:8], "big")


def test_input_order_does_not_matter():
    assert draw("x" * 16, CANDIDATES[::-1], INSPECTORS[::-1], 3, 1) == draw("x" * 16, CANDIDATES, INSPECTORS, 3, 1)


def test_no_inspector_is_drawn_for_an_entity_they_must_keep_away_from():
    for n in range(200):
        for a in draw(f"seed-{n:012d}", CANDIDATES, INSPECTORS, 4, 2):
            assert a.entity != "e3" or "i1" not in a.inspectors
            assert len(set(a.inspectors)) == 2


def test_weights_set_the_frequency_of_being_drawn():
    # Art. 37: weight 4 (dishonest / high risk) is drawn about four times as often as weight 1 for one slot.
    firsts = Counter(draw(f"seed-{n:012d}", CANDIDATES, INSPECTORS, 1, 1)[0].entity for n in range(4000))
    share = {e: firsts[e] / 4000 for e in ("e1", "e2", "e3", "e4")}
    assert share["e3"] == pytest.approx(4 / 9, abs=0.03) and share["e1"] == pytest.approx(1 / 9, abs=0.02)


def test_a_sample_larger_than_the_pool_takes_everyone_once():
    assert sorted(a.entity for a in draw("y" * 16, CANDIDATES, INSPECTORS, 99, 1)) == ["e1", "e2", "e3", "e4"]


@pytest.mark.parametrize(
    ("candidates", "inspectors", "per_entity", "message"),
    [
        (CANDIDATES, INSPECTORS, 3, "inspectors free of conflicts"),  # e3 has only i2, i3
        ([Candidate("e1", 0)], INSPECTORS, 1, "positive integer"),
        ([Candidate("e1", 1), Candidate("e1", 2)], INSPECTORS, 1, "unique"),
    ],
)
def test_impossible_draws_are_refused(candidates, inspectors, per_entity, message):
    with pytest.raises(DrawError, match=message):
        draw("z" * 16, candidates, inspectors, 4, per_entity)


def test_a_published_record_verifies_and_a_tampered_one_does_not():
    result = draw("w" * 16, CANDIDATES, INSPECTORS, 2, 2)
    published = record("w" * 16, CANDIDATES, INSPECTORS, 2, 2, result)
    assert verify(published) == []
    tampered = json.loads(json.dumps(published))
    tampered["result"][0]["entity"] = next(c.id for c in CANDIDATES if c.id != result[0].entity)
    assert verify(tampered) and "assignment 1" in verify(tampered)[0]
    tampered = json.loads(json.dumps(published))
    tampered["seed"] = "W" * 16  # a seed swapped after the fact is caught
    assert verify(tampered)
    tampered = dict(published, algorithm="other")
    assert verify(tampered) == ["unknown algorithm 'other'; this verifier implements hunan-draw-v1, hunan-draw-v2"]


INCLUSIVE = [Candidate("e1", 1), Candidate("e2", 2, inclusive=True), Candidate("e3", 4), Candidate("e4", 2)]


def test_v2_is_pinned_by_a_known_vector_and_an_inclusive_candidate_draws_with_the_cap():
    # Art. 38: e2 (new economy, no risk signal) draws with min(2, 1) = 1 — the same as Candidate("e2", 1) in v1.
    assert draw("hunan-2025-seed-0001", INCLUSIVE, INSPECTORS, 2, 2, inclusive_weight=1) == draw(
        "hunan-2025-seed-0001", [c if c.id != "e2" else Candidate("e2", 1) for c in CANDIDATES], INSPECTORS, 2, 2
    )
    # The cap never raises a weight: an inclusive weight above the tier weight changes nothing.
    assert draw("q" * 16, INCLUSIVE, INSPECTORS, 3, 1, inclusive_weight=3) == draw(
        "q" * 16, CANDIDATES, INSPECTORS, 3, 1
    )
    firsts = Counter(draw(f"seed-{n:012d}", INCLUSIVE, INSPECTORS, 1, 1, 1)[0].entity for n in range(4000))
    assert firsts["e2"] / 4000 == pytest.approx(1 / 8, abs=0.02)  # weights 1, 1, 4, 2


def test_the_inclusive_flag_is_published_and_verified():
    result = draw("w" * 16, INCLUSIVE, INSPECTORS, 2, 2, 1)
    published = record("w" * 16, INCLUSIVE, INSPECTORS, 2, 2, result, 1)
    assert published["algorithm"] == "hunan-draw-v2" and published["inclusive_weight"] == 1
    assert [c["inclusive"] for c in published["candidates"]] == [False, True, False, False]
    assert verify(published) == []
    # Dropping the flag after the fact changes the draw for some seed, and the verifier catches it.
    caught = 0
    for n in range(50):
        seed = f"tamper-{n:04d}"
        honest = record(seed, INCLUSIVE, INSPECTORS, 2, 1, draw(seed, INCLUSIVE, INSPECTORS, 2, 1, 1), 1)
        forged = json.loads(json.dumps(honest))
        forged["candidates"][1]["inclusive"] = False
        caught += bool(verify(forged))
    assert caught > 0
    with pytest.raises(DrawError, match="positive integer"):
        draw("w" * 16, INCLUSIVE, INSPECTORS, 2, 2, inclusive_weight=0)


def test_a_v1_record_still_verifies_and_may_not_carry_the_inclusive_fields():
    result = draw("u" * 16, CANDIDATES, INSPECTORS, 2, 2)
    v1 = record("u" * 16, CANDIDATES, INSPECTORS, 2, 2, result)
    v1 = {k: v for k, v in v1.items() if k != "inclusive_weight"} | {"algorithm": "hunan-draw-v1"}
    v1["candidates"] = [{"id": c["id"], "weight": c["weight"]} for c in v1["candidates"]]
    assert verify(v1) == []
    assert verify(v1 | {"inclusive_weight": 1}) == [
        "a hunan-draw-v1 record has no inclusive weight (Art. 38 entered the draw with v2)"
    ]


def test_the_verifier_runs_standalone_with_only_the_standard_library(tmp_path):
    # An outsider copies one file and runs it with a bare interpreter (-I: no site-packages, no project).
    script = tmp_path / "draw.py"
    script.write_text(Path(double_random.__file__).read_text(encoding="utf-8"), encoding="utf-8")
    published = record("v" * 16, CANDIDATES, INSPECTORS, 3, 1, draw("v" * 16, CANDIDATES, INSPECTORS, 3, 1))
    (tmp_path / "ok.json").write_text(json.dumps(published))
    ok = subprocess.run([sys.executable, "-I", str(script), str(tmp_path / "ok.json")], capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stdout.startswith("verified: 3 entities"), ok.stdout + ok.stderr
    published["result"].reverse()
    (tmp_path / "bad.json").write_text(json.dumps(published))
    bad = subprocess.run(
        [sys.executable, "-I", str(script), str(tmp_path / "bad.json")], capture_output=True, text=True
    )
    assert bad.returncode == 1 and bad.stdout.startswith("NOT VERIFIED")


# --- rules ----------------------------------------------------------------------------------------------------


def test_population_leaves_out_key_supervision_and_repeated_entities_and_weights_the_rest():
    entities = [
        Entity("good", "GOOD", "LOW", False),
        Entity("normal", "NORMAL", "MEDIUM", False),
        Entity("dishonest", "DISHONEST", "LOW", False),
        Entity("mixed", "GOOD", "HIGH", False),  # mixed case: the stricter tier
        Entity("food", "NORMAL", "HIGH", True),  # Art. 39 para 2: full-coverage key supervision
        Entity("again", "NORMAL", "MEDIUM", False),
    ]
    population = draw_population(entities, {"again"}, Weights(1, 2, 4))
    assert population.value.included == {"good": 1, "normal": 2, "dishonest": 4, "mixed": 4}
    assert set(population.value.excluded) == {"food", "again"}
    assert "Art. 39 para 2" in population.value.excluded["food"]
    assert {b.article for b in population.basis} >= {"Art. 37 / 第三十七条", "Art. 39 para 2 / 第三十九条第二款"}
    assert population.value.inclusive == frozenset()


@pytest.mark.parametrize(
    ("new_economy", "credit", "risk", "inclusive"),
    [
        (False, "GOOD", "LOW", False),
        (True, "GOOD", "LOW", True),
        (True, "NORMAL", "MEDIUM", True),
        (True, "GOOD", "MEDIUM", True),
        (True, "DISHONEST", "LOW", False),  # bottom line: a risk signal keeps the Art. 37 increased weight
        (True, "GOOD", "HIGH", False),
        (True, "NORMAL", "HIGH", False),
    ],
)
def test_inclusive_supervision_of_the_four_new_art38(new_economy, credit, risk, inclusive):
    decision = inclusive_supervision(new_economy, credit, risk)
    assert decision.value is inclusive and decision.basis[0].article == "Art. 38 / 第三十八条"


def test_new_economy_entities_stay_in_the_population_and_only_those_without_risk_are_inclusive():
    entities = [
        Entity("app", "NORMAL", "MEDIUM", False, new_economy=True),
        Entity("risky-app", "NORMAL", "HIGH", False, new_economy=True),
        Entity("shop", "NORMAL", "MEDIUM", False),
        Entity("drone-food", "NORMAL", "MEDIUM", True, new_economy=True),  # key supervision still wins
    ]
    population = draw_population(entities, set(), Weights(1, 2, 4, inclusive=1))
    assert population.value.included == {"app": 2, "risky-app": 4, "shop": 2}  # Art. 37 tier, capped by the draw
    assert population.value.inclusive == frozenset({"app"})
    assert set(population.value.excluded) == {"drone-food"}
    assert "Art. 38 / 第三十八条" in {b.article for b in population.basis}


@pytest.mark.parametrize(
    ("state", "action", "following"),
    [
        (TaskState.PLANNED, TaskAction.DRAW, TaskState.SAMPLED),
        (TaskState.SAMPLED, TaskAction.COMPLETE, TaskState.COMPLETED),
        (TaskState.COMPLETED, TaskAction.PUBLISH, TaskState.RESULTS_PUBLISHED),
        (TaskState.COMPLETED, TaskAction.WITHHOLD, TaskState.RESULTS_WITHHELD),
        (TaskState.SAMPLED, TaskAction.DRAW, None),  # drawn once: no fishing for a convenient sample
        (TaskState.PLANNED, TaskAction.COMPLETE, None),
        (TaskState.SAMPLED, TaskAction.PUBLISH, None),
        (TaskState.RESULTS_PUBLISHED, TaskAction.WITHHOLD, None),
    ],
)
def test_task_lifecycle_art39(state, action, following):
    if following is None:
        with pytest.raises(IllegalTransition):
            next_task_state(state, action)
    else:
        assert next_task_state(state, action).value is following


@pytest.mark.parametrize("ground", [None, "", "   "])
def test_withholding_without_a_legal_ground_is_refused_b4(ground):
    with pytest.raises(WithholdingRefused):
        withholding_allowed(ground)


def test_withholding_with_a_legal_ground():
    assert withholding_allowed("《中华人民共和国保守国家秘密法》第二条").value is True
