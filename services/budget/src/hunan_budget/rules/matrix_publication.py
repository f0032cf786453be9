"""W9: the responsibility matrix is versioned reference data; a publication announces its version, row count
and checksum so other services (emergency, trees) can tag their costs with the matrix they used."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class MatrixFingerprint:
    document: str
    version: str
    row_count: int
    checksum: str  # sha256 of the reference file as shipped


def fingerprint(raw: bytes) -> MatrixFingerprint:
    """Division Plan 二 (湘政办发〔2021〕73号) as the reference file `raw`: its version, how many matters it lists
    and a sha256 of the bytes, so a changed matrix under an unchanged version is still told apart (W9)."""
    data = json.loads(raw.decode("utf-8"))
    return MatrixFingerprint(
        document=str(data["document"]),
        version=str(data["version"]),
        row_count=len(data["matters"]),
        checksum=hashlib.sha256(raw).hexdigest(),
    )


def current_fingerprint() -> MatrixFingerprint:
    return fingerprint(resources.files("hunan_budget.reference").joinpath("responsibility_matrix.json").read_bytes())
