"""What the register use cases share: insert-and-audit, and a page filtered by division and year."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlmodel import Session, SQLModel

from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork

M = TypeVar("M", bound=SQLModel)
O = TypeVar("O")  # noqa: E741 - the converted item type


def record(uow: UnitOfWork, row: M, action: str, after: Any = None) -> M:
    """Insert the row and audit its creation (`action` like "survey.record")."""
    uow.repo(type(row)).add(row)
    uow.audit(action, action.split(".", 1)[0], str(getattr(row, "id")), after=after if after is not None else row)  # noqa: B009
    return row


def page(
    session: Session,
    model: type[M],
    params: PageParams,
    *where: Any,
    convert: Callable[[M], O],
    division: str | None = None,
    year: int | None = None,
    order_by: Any,
) -> Page[O]:
    """A page of `model` rows, in or under `division` and of `year` when given."""
    clauses = list(where)
    if division:
        clauses.append(in_division(getattr(model, "division_code"), division))  # noqa: B009
    if year is not None:
        clauses.append(getattr(model, "year") == year)  # noqa: B009
    return Repository(session, model).page(params, *clauses, order_by=order_by, convert=convert)
