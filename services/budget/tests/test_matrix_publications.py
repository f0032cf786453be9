"""W9: the responsibility matrix is published (version, row count, checksum) once per distinct content."""

from __future__ import annotations

import hashlib
import json

import pytest

from hunan_budget.rules.matrix_publication import current_fingerprint, fingerprint
from hunan_shared.events.catalogue import ResponsibilityMatrixPublished

R, W = "budget:read", "budget:write"


def test_fingerprint_counts_rows_and_hashes_the_bytes():
    raw = json.dumps({"document": "d", "version": "2021-11-15", "matters": [{"id": "NR-1"}, {"id": "NR-2"}]}).encode()
    fp = fingerprint(raw)
    assert (fp.version, fp.row_count, fp.checksum) == ("2021-11-15", 2, hashlib.sha256(raw).hexdigest())
    # same version, one byte different: another checksum, so a silently edited matrix is a new publication
    assert fingerprint(raw.replace(b"NR-2", b"NR-3")).checksum != fp.checksum
    with pytest.raises(KeyError):
        fingerprint(json.dumps({"version": "x", "matters": []}).encode())


def test_the_shipped_matrix_has_its_103_rows():
    fp = current_fingerprint()
    assert (fp.version, fp.row_count) == ("2021-11-15", 103) and len(fp.checksum) == 64


def test_publish_once_with_event(client, token, bus):
    r = client.post("/v1/responsibility-matrix/publications", headers=token(W))
    assert r.status_code == 201, r.text
    body = r.json()
    assert (body["version"], body["row_count"]) == ("2021-11-15", 103) and "73号" in body["basis"]
    [event] = bus.emitted(ResponsibilityMatrixPublished.TYPE)
    assert (event["version"], event["row_count"], event["checksum"]) == ("2021-11-15", 103, body["checksum"])
    again = client.post("/v1/responsibility-matrix/publications", headers=token(W))
    assert again.status_code == 409 and "already published" in again.text
    assert len(bus.emitted(ResponsibilityMatrixPublished.TYPE, 2, timeout=0.5)) == 1
    listed = client.get("/v1/responsibility-matrix/publications", headers=token(R)).json()
    assert [p["id"] for p in listed] == [body["id"]]


def test_publication_needs_the_write_scope(client, token):
    assert client.post("/v1/responsibility-matrix/publications", headers=token(R)).status_code == 403
    assert client.get("/v1/responsibility-matrix/publications").status_code == 401
