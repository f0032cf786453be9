"""Service layer for units' stock assets (R11, Opinion (五)): registered with their status, then given a disposition
only along the ladder — reallocation first, disposal only when reallocation is impossible and the standard is met."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col

from hunan_budget.models import StockAsset
from hunan_budget.rules.allocation import AssetStatus, asset_disposition_allowed
from hunan_budget.rules.basis import require
from hunan_budget.schemas.oversight import DispositionIn, StockAssetIn, StockAssetOut
from hunan_shared import clock
from hunan_shared.errors import Conflict, rule_errors
from hunan_shared.legal import Basis
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def _out(row: StockAsset, basis: Iterable[Basis] = ()) -> StockAssetOut:
    return StockAssetOut(**row.model_dump(), basis=list(basis))


def register(uow: UnitOfWork, cmd: StockAssetIn) -> StockAssetOut:
    now = clock.now()
    row = uow.repo(StockAsset).add(StockAsset(id=new_id(), **cmd.model_dump(), created_at=now, updated_at=now))
    out = _out(row)
    uow.audit("stock_asset.create", "stock_asset", row.id, after=out)
    return out


def dispose(uow: UnitOfWork, asset_id: str, cmd: DispositionIn) -> StockAssetOut:
    """Decide what happens to the asset (R11); a decided asset is not decided again."""
    row = uow.repo(StockAsset, noun="stock asset").for_update(asset_id)
    if row.disposition is not None:
        raise Conflict(f"the asset already went to {row.disposition}")
    with uow.audited_change("stock_asset.dispose", row, render=_out) as change:
        with rule_errors():
            decision = require(
                asset_disposition_allowed(
                    AssetStatus(row.status), cmd.disposition, cmd.reallocation_possible, cmd.meets_disposal_standard
                )
            )
        row.disposition, row.disposition_ref, row.disposed_on = cmd.disposition, cmd.disposition_ref, cmd.decided_on
        row.updated_at = clock.now()
        uow.session.add(row)
        change.after = out = _out(row, decision.basis)
    return out


def list_assets(session: Session, division_code: str, undecided_only: bool) -> list[StockAssetOut]:
    where = [StockAsset.division_code == division_code]
    if undecided_only:
        where.append(col(StockAsset.disposition).is_(None))
    rows = Repository(session, StockAsset).list(*where, order_by=(StockAsset.unit, StockAsset.id))
    return [_out(r) for r in rows]
