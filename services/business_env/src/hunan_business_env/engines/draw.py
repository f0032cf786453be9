"""The verifiable "double random" draw (双随机, Art. 39 / 第三十九条): random entities, then random inspectors.

This file is also the standalone verifier. It uses only the Python standard library, so anyone can take this
one file and re-run a published draw:

    python3 draw.py record.json          # exit 0 "verified", exit 1 with the first difference

`record.json` is what the service publishes for an inspection task (GET /v1/inspection-tasks/{id}/draw-record):
the algorithm name, the seed, the sample size, the candidate entities with their integer weights (and, from v2,
whether the inclusive-prudent weight of Art. 38 applies to them), the inspectors with their declared conflicts of
interest, and the result.

Algorithm "hunan-draw-v1" (integers only, so every language and platform gets the same result):
1. Canonical order: candidates and inspectors sorted by id (Unicode code points).
2. A byte stream per purpose: block i of stream `label` is SHA-256(seed || ":" || label || ":" || i), i as an
   8-byte big-endian counter; consecutive 8-byte big-endian words of the blocks are the stream's numbers.
3. uniform(n): take words x until x < 2**64 - (2**64 mod n) (rejection, no modulo bias); return x mod n.
4. Effective weight (v2): a candidate flagged `inclusive` (Art. 38 / 第三十八条 包容审慎监管: a new-technology,
   new-industry, new-format or new-model entity with no risk signal) draws with min(weight, inclusive_weight),
   `inclusive_weight` being published with the record; every other candidate draws with its weight. A v1 record
   has neither field, so v1 and v2 give the same result for it.
5. Entities (stream "entities"): weighted sampling without replacement — r = uniform(total weight of the
   remaining candidates); walk the remaining candidates in canonical order adding weights; the first whose
   running sum exceeds r is drawn and removed. Repeat sample_size times (or until none remain).
6. Inspectors (stream "inspectors:" + entity id), for each drawn entity in draw order: the eligible inspectors
   are those whose conflicts do not name the entity; draw inspectors_per_entity of them uniformly without
   replacement the same way (every weight 1).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

ALGORITHM = "hunan-draw-v2"
VERIFIABLE = ("hunan-draw-v1", ALGORITHM)  # v1 records (no inclusive flag) re-run unchanged
_WORD = 2**64


@dataclass(frozen=True)
class Candidate:
    id: str
    weight: int  # >= 1; Art. 37 frequency tier
    inclusive: bool = False  # Art. 38: drawn with min(weight, inclusive_weight)


@dataclass(frozen=True)
class Inspector:
    id: str
    conflicts: frozenset[str]  # entity ids this inspector must not inspect (回避)


@dataclass(frozen=True)
class Assignment:
    entity: str
    inspectors: tuple[str, ...]


class DrawError(ValueError):
    """The inputs cannot produce a draw (e.g. too few inspectors free of conflicts for an entity)."""


def _words(seed: str, label: str) -> Iterator[int]:
    block = 0
    while True:
        digest = hashlib.sha256(f"{seed}:{label}:".encode() + block.to_bytes(8, "big")).digest()
        for offset in range(0, 32, 8):
            yield int.from_bytes(digest[offset : offset + 8], "big")
        block += 1


def _uniform(words: Iterator[int], n: int) -> int:
    limit = _WORD - (_WORD % n)
    for word in words:
        if word < limit:
            return word % n
    raise AssertionError("unreachable: the stream is infinite")


def _weighted_without_replacement(words: Iterator[int], items: list[tuple[str, int]], count: int) -> list[str]:
    remaining = list(items)
    drawn: list[str] = []
    while remaining and len(drawn) < count:
        r = _uniform(words, sum(weight for _, weight in remaining))
        running = 0
        for index, (item, weight) in enumerate(remaining):
            running += weight
            if r < running:
                drawn.append(item)
                del remaining[index]
                break
    return drawn


def draw(
    seed: str,
    candidates: Sequence[Candidate],
    inspectors: Sequence[Inspector],
    sample_size: int,
    inspectors_per_entity: int,
    inclusive_weight: int = 1,
) -> list[Assignment]:
    """Entities drawn by weight, each with inspectors drawn among those without a conflict of interest."""
    if not seed:
        raise DrawError("the seed is empty")
    if sample_size < 1 or inspectors_per_entity < 1:
        raise DrawError("sample size and inspectors per entity must be at least 1")
    if any(c.weight < 1 for c in candidates) or inclusive_weight < 1:
        raise DrawError("every weight must be a positive integer")
    ids = [c.id for c in candidates]
    if len(set(ids)) != len(ids) or len({i.id for i in inspectors}) != len(inspectors):
        raise DrawError("candidate and inspector ids must be unique")
    ordered = sorted((c.id, min(c.weight, inclusive_weight) if c.inclusive else c.weight) for c in candidates)
    pool = sorted(inspectors, key=lambda i: i.id)
    result = []
    for entity in _weighted_without_replacement(_words(seed, "entities"), ordered, sample_size):
        eligible = [(i.id, 1) for i in pool if entity not in i.conflicts]
        if len(eligible) < inspectors_per_entity:
            raise DrawError(
                f"entity {entity}: {len(eligible)} inspectors free of conflicts, {inspectors_per_entity} needed"
            )
        chosen = _weighted_without_replacement(_words(seed, f"inspectors:{entity}"), eligible, inspectors_per_entity)
        result.append(Assignment(entity, tuple(chosen)))
    return result


def record(
    seed: str,
    candidates: Sequence[Candidate],
    inspectors: Sequence[Inspector],
    sample_size: int,
    inspectors_per_entity: int,
    result: Sequence[Assignment],
    inclusive_weight: int = 1,
) -> dict:
    """The published, re-runnable record of a draw (plain JSON types)."""
    return {
        "algorithm": ALGORITHM,
        "seed": seed,
        "sample_size": sample_size,
        "inspectors_per_entity": inspectors_per_entity,
        "inclusive_weight": inclusive_weight,
        "candidates": [
            {"id": c.id, "weight": c.weight, "inclusive": c.inclusive} for c in sorted(candidates, key=lambda c: c.id)
        ],
        "inspectors": [{"id": i.id, "conflicts": sorted(i.conflicts)} for i in sorted(inspectors, key=lambda i: i.id)],
        "result": [{"entity": a.entity, "inspectors": list(a.inspectors)} for a in result],
    }


def verify(published: dict) -> list[str]:
    """Re-run a published record; the differences found (empty when the result is reproduced)."""
    if published.get("algorithm") not in VERIFIABLE:
        return [f"unknown algorithm {published.get('algorithm')!r}; this verifier implements {', '.join(VERIFIABLE)}"]
    v1 = published["algorithm"] == "hunan-draw-v1"
    if v1 and ("inclusive_weight" in published or any("inclusive" in c for c in published["candidates"])):
        return ["a hunan-draw-v1 record has no inclusive weight (Art. 38 entered the draw with v2)"]
    again = draw(
        published["seed"],
        [Candidate(c["id"], int(c["weight"]), c.get("inclusive", False) is True) for c in published["candidates"]],
        [Inspector(i["id"], frozenset(i["conflicts"])) for i in published["inspectors"]],
        int(published["sample_size"]),
        int(published["inspectors_per_entity"]),
        int(published.get("inclusive_weight", 1)),
    )
    expected = [{"entity": a.entity, "inspectors": list(a.inspectors)} for a in again]
    if expected == published["result"]:
        return []
    differences = []
    if len(expected) != len(published["result"]):
        differences.append(f"published {len(published['result'])} assignments, re-run gives {len(expected)}")
    for number, (mine, theirs) in enumerate(zip(expected, published["result"], strict=False), start=1):
        if mine != theirs:
            differences.append(f"assignment {number}: published {theirs}, re-run gives {mine}")
    return differences


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python3 draw.py record.json", file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as f:
        published = json.load(f)
    differences = verify(published)
    if differences:
        print("NOT VERIFIED", *differences, sep="\n")
        return 1
    print(
        f"verified: {len(published['result'])} entities and their inspectors reproduced from seed {published['seed']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
