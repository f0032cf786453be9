"""W9: publish the responsibility matrix (version, row count, checksum) once per distinct content."""

from __future__ import annotations

from sqlmodel import Session, col, select

from hunan_budget.models import MatrixPublication
from hunan_budget.rules.matrix_publication import current_fingerprint
from hunan_budget.schemas.matrix_publications import MatrixPublicationOut
from hunan_shared import clock
from hunan_shared.errors import Conflict
from hunan_shared.events.catalogue import ResponsibilityMatrixPublished
from hunan_shared.uow import UnitOfWork, new_id

BASIS = "湘政办发〔2021〕73号 二; W9 responsibility-matrix publication"


def _out(row: MatrixPublication) -> MatrixPublicationOut:
    return MatrixPublicationOut(
        id=row.id,
        document=row.document,
        version=row.version,
        row_count=row.row_count,
        checksum=row.checksum,
        published_at=row.published_at,
        basis=BASIS,
    )


def publish(uow: UnitOfWork) -> MatrixPublicationOut:
    fp = current_fingerprint()
    found = uow.session.exec(select(MatrixPublication).where(MatrixPublication.checksum == fp.checksum)).first()
    if found is not None:
        raise Conflict(
            f"responsibility matrix version {fp.version} (sha256 {fp.checksum[:12]}…) was already published "
            f"at {found.published_at.isoformat()}"
        )
    now = clock.now()
    row = MatrixPublication(
        id=new_id(),
        document=fp.document,
        version=fp.version,
        row_count=fp.row_count,
        checksum=fp.checksum,
        published_at=now,
    )
    uow.session.add(row)
    uow.emit(
        ResponsibilityMatrixPublished(
            publication_id=row.id,
            version=fp.version,
            row_count=fp.row_count,
            checksum=fp.checksum,
            published_at=now,
        )
    )
    uow.audit(
        "responsibility_matrix.published",
        "matrix_publication",
        row.id,
        after={"version": fp.version, "row_count": fp.row_count, "checksum": fp.checksum},
    )
    return _out(row)


def list_publications(session: Session) -> list[MatrixPublicationOut]:
    rows = session.exec(select(MatrixPublication).order_by(col(MatrixPublication.published_at).desc())).all()
    return [_out(r) for r in rows]
