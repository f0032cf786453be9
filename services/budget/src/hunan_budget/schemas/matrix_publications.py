"""Response body of a responsibility-matrix publication (W9)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel


class MatrixPublicationOut(BaseModel):
    id: str
    document: str
    version: str
    row_count: int
    checksum: str
    published_at: dt.datetime
    basis: str
