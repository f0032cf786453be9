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
    assert verify(tampered) == ["unknown algorithm 'other'; this verifier implements hunan-draw-v1"]


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
