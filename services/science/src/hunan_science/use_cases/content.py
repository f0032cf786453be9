"""Service layer for the content library (W3): register works, expert review, add accessible variants. An item
approved into the reserve, or given new variants, is offered to the running campaigns at once."""

from __future__ import annotations

from sqlmodel import Session

from hunan_science.models import ContentItem
from hunan_science.rules.campaigns import normalise_hazard
from hunan_science.rules.content import ContentState, review
from hunan_science.schemas.content import ContentIn, ContentOut, ReviewIn, VariantsIn
from hunan_science.use_cases import _registers, campaigns
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import rule_errors
from hunan_shared.legal import Basis
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def _out(row: ContentItem, basis: tuple[Basis, ...] = ()) -> ContentOut:
    return ContentOut(**row.model_dump(), basis=list(basis))


def create(uow: UnitOfWork, cmd: ContentIn) -> ContentOut:
    now = clock.now()
    row = ContentItem(
        id=new_id(),
        **cmd.model_dump(exclude={"hazards", "topics", "variants"}),
        topics=[t.value for t in cmd.topics],
        hazards=sorted({normalise_hazard(h) for h in cmd.hazards}),
        variants=[v.value for v in dict.fromkeys(cmd.variants)],
        state=ContentState.DRAFT,
        created_at=now,
        updated_at=now,
    )
    return _out(_registers.record(uow, row, "content.create"))


def decide_review(uow: UnitOfWork, content_id: str, cmd: ReviewIn) -> ContentOut:
    item = uow.repo(ContentItem, noun="content item").for_update(content_id)
    with uow.audited_change("content.review", item, render=_out) as change:
        with rule_errors():
            transition = review(ContentState(item.state), cmd.action)
        item.state, item.reviewer, item.review_note = transition.value, cmd.reviewer, cmd.note
        item.updated_at = clock.now()
        uow.session.add(item)
        uow.session.flush()
        campaigns.content_changed(uow, item)
        change.after = out = _out(item, transition.basis)
    return out


def add_variants(uow: UnitOfWork, content_id: str, cmd: VariantsIn) -> ContentOut:
    item = uow.repo(ContentItem, noun="content item").for_update(content_id)
    with uow.audited_change("content.add_variants", item, render=_out):
        item.variants = list(dict.fromkeys([*item.variants, *(v.value for v in cmd.variants)]))
        item.updated_at = clock.now()
        uow.session.add(item)
        uow.session.flush()
        campaigns.content_changed(uow, item)
    return _out(item)


def get(session: Session, content_id: str) -> ContentOut:
    return _out(Repository(session, ContentItem, noun="content item").get(content_id))


def list_content(
    session: Session, page: PageParams, state: str | None, reserve: bool | None, hazard: str | None
) -> Page[ContentOut]:
    where = []
    if state:
        where.append(ContentItem.state == state)
    if reserve is not None:
        where.append(ContentItem.reserve == reserve)
    rows = Repository(session, ContentItem).list(*where, order_by=(ContentItem.created_at.desc(), ContentItem.id))
    if hazard:  # JSON arrays are filtered here: the library is small enough (hundreds of items)
        code = normalise_hazard(hazard)
        rows = [r for r in rows if code in r.hazards]
    return page.page(rows[page.offset : page.offset + page.limit + 1], _out)
