"""Accessible warning notification lists (R-E1 (h)(i) with R56, R60): set-based, driven by the pure rules.

For each early warning (预警) of the emergency service, every registered person residing in a warned county for
whom `emergency_selection(...)` is OPEN_CASE (R-E1 (a)–(g)) or NOTIFY_ONLY ((h) visual/hearing, (i) elderly)
goes on the warning's notification list, with the contact channel `contact_channels(...)` gives (first tried
first). One INSERT … SELECT writes the list; the channel comes from a small VALUES table of the distinct
(category, components, guardian) combinations, computed by the pure rule. Safe to repeat: a person already
on the list is skipped.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import String, and_, case, column, false, func, insert, literal, or_, select, update, values
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session

from hunan_disability.models import Person, WarningNotification, WarningRecord
from hunan_disability.rules.emergency_assistance import (
    EmergencySelection,
    VulnerabilityPolicy,
    affected_counties,
    contact_channels,
)
from hunan_disability.rules.enums import DisabilityCategory, GuardianStatus
from hunan_disability.rules.identity import mask_phone
from hunan_disability.rules.masking import mask_name
from hunan_disability.schemas.warning_notifications import WarningNotificationOut, WarningNotificationsOut
from hunan_disability.use_cases.assistance import vulnerable_clause
from hunan_shared import clock
from hunan_shared.api import PageParams
from hunan_shared.db import AwareDateTime
from hunan_shared.errors import NotFound
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork

PENDING, CANCELLED = "pending", "cancelled"
SENSORY = (int(DisabilityCategory.VISUAL), int(DisabilityCategory.HEARING))


def elderly_birth_cutoff(today: dt.date, elderly_age: int) -> dt.date:
    """The latest birth date of a person aged at least `elderly_age` today (`age_on` semantics: a 29 February
    birthday counts on 1 March in common years, so the cutoff falls back to 28 February)."""
    try:
        return today.replace(year=today.year - elderly_age)
    except ValueError:  # today is 29 February and the cutoff year is common
        return dt.date(today.year - elderly_age, 2, 28)


def notify_only_clause(policy: VulnerabilityPolicy, today: dt.date) -> ColumnElement[bool]:
    """SQL form of R-E1 (h) or (i) (without (a)–(g), which the caller tests first)."""
    terms: list[ColumnElement[bool]] = []
    if policy.visual_or_hearing_notify:
        terms.append(Person.category.in_(SENSORY))
    if policy.elderly_notify:
        terms.append(Person.birth_date <= elderly_birth_cutoff(today, policy.elderly_age))
    return or_(*terms) if terms else false()


def selection_clause(policy: VulnerabilityPolicy, today: dt.date) -> tuple[ColumnElement[bool], ColumnElement]:
    """(on the list, selection value): SQL form of `emergency_selection(person, policy) != NONE` and its value."""
    vulnerable = vulnerable_clause(policy)
    listed = or_(vulnerable, notify_only_clause(policy, today))
    value = case((vulnerable, EmergencySelection.OPEN_CASE.value), else_=EmergencySelection.NOTIFY_ONLY.value)
    return listed, value


def _channel_table(combos: list[tuple[int, str, str]]):
    """(category, components, guardian) → first channel and the ordered list, as a VALUES table (R56, R60)."""
    rows = []
    for category, components, guardian in combos:
        channels = contact_channels(
            DisabilityCategory(category), [DisabilityCategory(int(c)) for c in components], GuardianStatus(guardian)
        ).value
        rows.append((category, components, guardian, channels[0].value, ",".join(c.value for c in channels)))
    return (
        values(
            column("category", Person.category.type),
            column("components", String),
            column("guardian", String),
            column("channel", String),
            column("channels", String),
            name="channel_table",
        )
        .data(rows)
        .cte("channel_table")
    )


def record_warning(session: Session, warning_id: str, hazard: str, colour: str) -> WarningRecord:
    record = Repository(session, WarningRecord).find(warning_id)
    if record is None:
        record = WarningRecord(id=warning_id, hazard=hazard, colour=colour)
        session.add(record)
        session.flush()
    return record


def issue(
    uow: UnitOfWork,
    warning_id: str,
    hazard: str,
    colour: str,
    division_codes: list[str],
    headline: str,
    issued_at: dt.datetime,
    expires_at: dt.datetime | None,
    policy: VulnerabilityPolicy,
) -> int:
    """warning.issued: build the accessible notification list; returns the persons added (0 when repeated).

    A warning cancelled before its issue reached this service (events out of order) gets no list.
    """
    session = uow.session
    record = record_warning(session, warning_id, hazard, colour)
    record.colour, record.headline, record.issued_at, record.expires_at = colour, headline[:500], issued_at, expires_at
    session.add(record)
    session.flush()
    if record.cancelled_at is not None:
        uow.audit("warning.notify", "warning", warning_id, after={"added": 0, "cancelled": True})
        return 0
    counties = affected_counties(division_codes)
    added = _list_persons(uow, warning_id, counties, policy)
    uow.audit("warning.notify", "warning", warning_id, after={"added": added, "divisions": counties})
    return added


def _list_persons(uow: UnitOfWork, warning_id: str, counties: list[str], policy: VulnerabilityPolicy) -> int:
    """Add every listed person (R-E1 (a)–(i)) of the counties not yet on the warning's list; returns how many."""
    session = uow.session
    listed, selection = selection_clause(policy, clock.now().date())
    already = select(WarningNotification.person_id).where(WarningNotification.warning_id == warning_id)
    batch_filter = (Person.division_code.in_(counties), listed, Person.id.not_in(already))
    combos = [
        tuple(row)
        for row in session.execute(
            select(Person.category, Person.component_categories, Person.guardian).where(*batch_filter).distinct()
        ).all()
    ]
    added = 0
    if combos:
        table = _channel_table(combos)
        now = clock.now()
        session.execute(
            insert(WarningNotification).from_select(
                [
                    "warning_id",
                    "person_id",
                    "division_code",
                    "selection",
                    "channel",
                    "channels",
                    "status",
                    "created_at",
                ],
                select(
                    literal(warning_id),
                    Person.id,
                    Person.division_code,
                    selection,
                    table.c.channel,
                    table.c.channels,
                    literal(PENDING),
                    literal(now, AwareDateTime()),
                )
                .join(
                    table,
                    and_(
                        table.c.category == Person.category,
                        table.c.components == Person.component_categories,
                        table.c.guardian == Person.guardian,
                    ),
                )
                .where(*batch_filter),
            )
        )
        added = session.scalar(
            select(func.count())
            .select_from(WarningNotification)
            .where(
                WarningNotification.warning_id == warning_id,
                WarningNotification.created_at == literal(now, AwareDateTime()),
            )
        )
    return int(added or 0)


def update_area(
    uow: UnitOfWork,
    warning_id: str,
    hazard: str,
    colour: str,
    division_codes: list[str],
    headline: str,
    updated_at: dt.datetime,
    expires_at: dt.datetime | None,
    policy: VulnerabilityPolicy,
) -> dict[str, int]:
    """warning.updated: the list follows the new area. Persons of counties the warning now covers are added,
    pending notifications of counties it no longer covers are cancelled (and restored if the area grows back).
    A cancelled warning's list does not change. Returns the counts."""
    session = uow.session
    record = record_warning(session, warning_id, hazard, colour)
    record.colour, record.headline, record.expires_at = colour, headline[:500], expires_at
    session.add(record)
    session.flush()
    if record.cancelled_at is not None:
        uow.audit("warning.update", "warning", warning_id, after={"added": 0, "cancelled": True})
        return {"added": 0, "withdrawn": 0, "restored": 0}
    counties = affected_counties(division_codes)
    mine = WarningNotification.warning_id == warning_id
    withdrawn = session.execute(
        update(WarningNotification)
        .where(mine, WarningNotification.status == PENDING, WarningNotification.division_code.not_in(counties))
        .values(status=CANCELLED, cancelled_at=updated_at)
        .execution_options(synchronize_session=False)
    ).rowcount
    restored = session.execute(
        update(WarningNotification)
        .where(mine, WarningNotification.status == CANCELLED, WarningNotification.division_code.in_(counties))
        .values(status=PENDING, cancelled_at=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    added = _list_persons(uow, warning_id, counties, policy)
    counts = {"added": added, "withdrawn": withdrawn, "restored": restored}
    uow.audit("warning.update", "warning", warning_id, after=counts | {"divisions": len(counties)})
    return counts


def cancel(uow: UnitOfWork, warning_id: str, hazard: str, colour: str, cancelled_at: dt.datetime) -> int:
    """warning.cancelled: every pending notification of the warning is cancelled; returns how many."""
    record = record_warning(uow.session, warning_id, hazard, colour)
    if record.cancelled_at is None:
        record.cancelled_at = cancelled_at
        uow.session.add(record)
    result = uow.session.execute(
        update(WarningNotification)
        .where(WarningNotification.warning_id == warning_id, WarningNotification.status == PENDING)
        .values(status=CANCELLED, cancelled_at=cancelled_at)
        .execution_options(synchronize_session=False)
    )
    uow.audit("warning.cancel", "warning", warning_id, after={"cancelled": result.rowcount})
    return result.rowcount


def notifications(
    session: Session, warning_id: str, page: PageParams, *, pii: bool, channel: str | None = None
) -> WarningNotificationsOut:
    """One page of a warning's list (phones masked without disability:pii) with the counts per channel."""
    record = Repository(session, WarningRecord).find(warning_id)
    if record is None:
        raise NotFound(f"no warning {warning_id}")
    by_channel: Counter[str] = Counter()
    by_selection: Counter[str] = Counter()
    for ch, sel, n in session.execute(
        select(WarningNotification.channel, WarningNotification.selection, func.count())
        .where(WarningNotification.warning_id == warning_id)
        .group_by(WarningNotification.channel, WarningNotification.selection)
    ).all():
        by_channel[ch] += n
        by_selection[sel] += n
    query = (
        select(WarningNotification, Person.name, Person.phone, Person.contact_name, Person.contact_phone)
        .join(Person, Person.id == WarningNotification.person_id)
        .where(WarningNotification.warning_id == warning_id)
        .order_by(WarningNotification.id)
    )
    if channel:
        query = query.where(WarningNotification.channel == channel)
    rows = session.execute(query.offset(page.offset).limit(page.limit + 1)).all()

    def out(row) -> WarningNotificationOut:
        n, name, phone, contact_name, contact_phone = row
        if not pii:
            phone = mask_phone(phone) if phone else None
            contact_phone = mask_phone(contact_phone) if contact_phone else None
            contact_name = mask_name(contact_name)
        return WarningNotificationOut(
            person_id=n.person_id,
            name=name,
            division_code=n.division_code,
            selection=n.selection,
            channel=n.channel,
            channels=n.channels.split(","),
            status=n.status,
            phone=phone,
            contact_name=contact_name,
            contact_phone=contact_phone,
            created_at=n.created_at,
            cancelled_at=n.cancelled_at,
        )

    listed = page.page(rows, out)
    return WarningNotificationsOut(
        warning_id=record.id,
        hazard=record.hazard,
        colour=record.colour,
        headline=record.headline,
        cancelled=record.cancelled_at is not None,
        total=sum(by_channel.values()),
        channel_counts=dict(sorted(by_channel.items())),
        selection_counts=dict(sorted(by_selection.items())),
        items=listed.items,
        limit=listed.limit,
        offset=listed.offset,
        next_offset=listed.next_offset,
    )
