"""Service layer of the enterprise start-up bundle (W5, Art. 10): one submission, six items tracked one by one
against one working-day limit, one consolidated request for materials, one delivery."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from hunan_business_env.models import StartupCase
from hunan_business_env.rules.checks import StartupItem
from hunan_business_env.rules.startup import (
    BundleAction,
    BundleState,
    ItemState,
    next_bundle_state,
    next_item_state,
    startup_due,
)
from hunan_business_env.schemas.common import DeadlineOut
from hunan_business_env.schemas.startup import (
    DeliveryIn,
    ItemOutcomeIn,
    MaterialsRequestIn,
    MaterialsSuppliedIn,
    StartupIn,
    StartupItemOut,
    StartupOut,
)
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import InvalidInput, rule_errors
from hunan_shared.events.catalogue import StartupCompleted
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def _items(case: StartupCase) -> dict[StartupItem, ItemState]:
    return {StartupItem(k): ItemState(v["state"]) for k, v in case.items.items()}


def _out(case: StartupCase, basis=()) -> StartupOut:
    today = clock.now().date()
    items = []
    for item in StartupItem:
        record = case.items[item.value]
        on = record.get("on")
        items.append(
            StartupItemOut(
                item=item,
                state=ItemState(record["state"]),
                on=on,
                note=record.get("note", ""),
                within_due=None if record["state"] != ItemState.DONE or on is None else on <= case.due.isoformat(),
            )
        )
    return StartupOut(
        **case.model_dump(
            include={
                "id",
                "enterprise_name",
                "credit_code",
                "division_code",
                "submitted_on",
                "materials_requested",
                "completed_on",
                "delivered_on",
            }
        ),
        state=BundleState(case.state),
        items=items,
        due=DeadlineOut(date=case.due, provisional=case.due_provisional),
        overdue=case.state != BundleState.DELIVERED and today > case.due,
        basis=list(basis),
    )


def submit(uow: UnitOfWork, cmd: StartupIn, settings: BusinessEnvSettings) -> StartupOut:
    """一套表单、一次采集: one submission opens all six items at once, with the bundle's working-day limit."""
    if cmd.submitted_on > clock.now().date():
        raise InvalidInput("submitted_on lies in the future")
    due = startup_due(cmd.submitted_on, settings.startup_working_days)
    case = StartupCase(
        id=new_id(),
        enterprise_name=cmd.enterprise_name,
        division_code=cmd.division_code,
        form=cmd.form,
        state=BundleState.SUBMITTED,
        items={item.value: {"state": ItemState.PENDING.value, "on": None, "note": ""} for item in StartupItem},
        submitted_on=cmd.submitted_on,
        due=due.value.date,
        due_provisional=due.value.provisional,
        created_at=clock.now(),
    )
    uow.repo(StartupCase).add(case)
    out = _out(case, due.basis)
    uow.audit("startup.submit", "startup", case.id, after=out.model_dump(mode="json"))
    return out


def record_item(uow: UnitOfWork, case_id: str, cmd: ItemOutcomeIn) -> StartupOut:
    """One item done or failed; the bundle completes when all six are done (R12), a failure keeps it open."""
    case = uow.repo(StartupCase).for_update(case_id)
    with uow.audited_change("startup.record_item", case, render=_out) as change:
        if cmd.on < case.submitted_on or cmd.on > clock.now().date():
            raise InvalidInput(f"on {cmd.on} must lie between submission {case.submitted_on} and today")
        items = _items(case)
        with rule_errors():
            item_step = next_item_state(cmd.item, items[cmd.item], cmd.outcome)
            items[cmd.item] = item_step.value
            bundle_step = next_bundle_state(
                BundleState(case.state), BundleAction.RECORD_ITEM, items, case.materials_requested is not None
            )
        if cmd.credit_code is not None:
            if cmd.item is not StartupItem.ESTABLISHMENT_REGISTRATION or cmd.outcome is not ItemState.DONE:
                raise InvalidInput("a credit code comes only with a DONE establishment registration")
            case.credit_code = cmd.credit_code
        elif cmd.item is StartupItem.ESTABLISHMENT_REGISTRATION and cmd.outcome is ItemState.DONE:
            raise InvalidInput("a DONE establishment registration gives the enterprise's credit_code")
        case.items = {
            **case.items,
            cmd.item.value: {"state": cmd.outcome.value, "on": cmd.on.isoformat(), "note": cmd.note},
        }
        case.state = bundle_step.value
        if bundle_step.value is BundleState.COMPLETED:
            case.completed_on = max(dt.date.fromisoformat(case.items[i.value]["on"]) for i in StartupItem)
        change.after = out = _out(case, item_step.basis + bundle_step.basis)
    return out


def request_materials(uow: UnitOfWork, case_id: str, cmd: MaterialsRequestIn) -> StartupOut:
    """一次告知: everything missing is requested in one notice; a second request is refused."""
    case = uow.repo(StartupCase).for_update(case_id)
    with uow.audited_change("startup.request_materials", case, render=_out) as change:
        with rule_errors():
            step = next_bundle_state(
                BundleState(case.state),
                BundleAction.REQUEST_MATERIALS,
                _items(case),
                case.materials_requested is not None,
            )
        case.materials_requested = "；".join(cmd.missing)
        case.state = step.value
        change.after = out = _out(case, step.basis)
    return out


def supply_materials(uow: UnitOfWork, case_id: str, cmd: MaterialsSuppliedIn) -> StartupOut:
    case = uow.repo(StartupCase).for_update(case_id)
    with uow.audited_change("startup.supply_materials", case, render=_out) as change:
        if cmd.supplied_on < case.submitted_on or cmd.supplied_on > clock.now().date():
            raise InvalidInput(f"supplied_on {cmd.supplied_on} must lie between submission and today")
        with rule_errors():
            step = next_bundle_state(BundleState(case.state), BundleAction.SUPPLY_MATERIALS, _items(case), True)
        case.state = BundleState.PROCESSING
        change.after = out = _out(case, step.basis)
    return out


def deliver(uow: UnitOfWork, case_id: str, cmd: DeliveryIn) -> StartupOut:
    """一次送达: the licence, seal, invoices and the rest go out together, once, and only when all six are done."""
    case = uow.repo(StartupCase).for_update(case_id)
    with uow.audited_change("startup.deliver", case, render=_out) as change:
        with rule_errors():
            step = next_bundle_state(BundleState(case.state), BundleAction.DELIVER, _items(case), True)
        assert case.completed_on is not None and case.credit_code is not None  # COMPLETED has both
        if cmd.delivered_on < case.completed_on or cmd.delivered_on > clock.now().date():
            raise InvalidInput(f"delivered_on {cmd.delivered_on} must lie between completion and today")
        case.state = step.value
        case.delivered_on = cmd.delivered_on
        uow.emit(
            StartupCompleted(
                case_id=case.id,
                enterprise_credit_code=case.credit_code,
                division_code=case.division_code,
                submitted_on=case.submitted_on,
                due=case.due,
                delivered_on=cmd.delivered_on,
                on_time=cmd.delivered_on <= case.due,
                delivered_at=clock.now(),
            )
        )
        change.after = out = _out(case, step.basis)
    return out


def get(session: Session, case_id: str) -> StartupOut:
    return _out(Repository(session, StartupCase).get(case_id))


def list_cases(session: Session, page: PageParams, state: BundleState | None) -> Page[StartupOut]:
    where = [StartupCase.state == state] if state else []
    return Repository(session, StartupCase).page(page, *where, order_by=StartupCase.created_at, convert=_out)
