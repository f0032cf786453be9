"""Repositories: the loads, locks, inserts and pages every use case repeats, for any SQLModel table.

`uow.repo(Disaster)` (or `Repository(session, Disaster)` on a read-only session) gives:

    disaster = uow.repo(Disaster).for_update(disaster_id)   # SELECT … FOR UPDATE, or NotFound (404)
    page = Repository(session, Venue).page(params, in_division(Venue.division_code, code), order_by=Venue.id)

A missing row is `NotFound("no <noun> <id>")`; the noun defaults to the class name in words
(`RescueTeam` → "rescue team") and can be given (`uow.repo(TipOff, noun="tip-off")`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from sqlalchemy import inspect
from sqlmodel import Session, SQLModel, select

from hunan_shared.errors import NotFound

if TYPE_CHECKING:
    from hunan_shared.api import Page, PageParams

T = TypeVar("T", bound=SQLModel)
O = TypeVar("O")  # noqa: E741 - the converted item type of a page


class Repository(Generic[T]):
    def __init__(self, session: Session, model: type[T], *, noun: str | None = None):
        self.session = session
        self.model = model
        self.noun = noun or re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", model.__name__).lower()
        keys = inspect(model).primary_key  # type: ignore[union-attr]  # a mapped class always has a mapper
        if len(keys) != 1:
            raise TypeError(f"{model.__name__}: a Repository needs a single-column primary key")
        self._key = keys[0]

    def find(self, id: Any) -> T | None:
        """The row with this primary key, or None."""
        return self.session.get(self.model, id)

    def get(self, id: Any) -> T:
        """The row with this primary key, or NotFound."""
        row = self.find(id)
        if row is None:
            raise NotFound(f"no {self.noun} {id}")
        return row

    def for_update(self, id: Any) -> T:
        """The row locked for the rest of the transaction (SELECT … FOR UPDATE on PostgreSQL; SQLite
        serialises writers anyway), re-read from the database even if the session holds it, or NotFound."""
        query = select(self.model).where(self._key == id).with_for_update().execution_options(populate_existing=True)
        row = self.session.exec(query).first()
        if row is None:
            raise NotFound(f"no {self.noun} {id}")
        return row

    def add(self, row: T) -> T:
        """Insert the row now (flush), so database defaults and constraint errors surface here."""
        self.session.add(row)
        self.session.flush()
        return row

    def list(self, *where: Any, order_by: Any | Sequence[Any] = ()) -> list[T]:
        """Every row matching all `where` clauses, in `order_by` order."""
        query = select(self.model).where(*where).order_by(*_many(order_by))
        return list(self.session.exec(query).all())

    def page(
        self,
        params: PageParams,
        *where: Any,
        order_by: Any | Sequence[Any],
        convert: Callable[[T], O] | None = None,
    ) -> Page[O]:
        """One page of matching rows (`limit + 1` fetched to tell whether more exist), each converted.

        `order_by` is required: a page without a total order repeats or skips rows between requests."""
        query = select(self.model).where(*where).order_by(*_many(order_by))
        rows = list(self.session.exec(query.offset(params.offset).limit(params.limit + 1)).all())
        return params.page(rows, convert or _identity)


def _many(value: Any | Sequence[Any]) -> Sequence[Any]:
    return value if isinstance(value, (list, tuple)) else (value,)


def _identity(value: Any) -> Any:
    return value
