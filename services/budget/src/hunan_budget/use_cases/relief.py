"""Relief spending announced by emergency (ReliefProvided): the funds disbursed on a relief case are emergency
spending of the disaster, charged to its emergency budget line like a dispatch (or waiting for approval when the
line is missing, closed or out of room). One expenditure per relief case, so a re-published event books nothing
twice; a case that gave goods only (amount 0) books nothing."""

from __future__ import annotations

from decimal import Decimal

from hunan_budget.models import EmergencyLine, Expenditure
from hunan_budget.rules.emergency import ExpenditureStatus, LineState, charge_status
from hunan_budget.use_cases.expenditures import _existing, _line_divisions, _new, _record, to_fen
from hunan_shared import clock
from hunan_shared.events.catalogue import ReliefProvided
from hunan_shared.uow import UnitOfWork

RELIEF = "RELIEF"


def record_relief(uow: UnitOfWork, event_id: str, event: ReliefProvided) -> Expenditure | None:
    """Book the relief funds of one case against the disaster's emergency line."""
    amount = to_fen(event.amount.amount)
    if amount <= Decimal(0):
        return None
    if (found := _existing(uow.session, RELIEF, event.case_id)) is not None:
        return found
    line = uow.session.get(EmergencyLine, event.disaster_id, with_for_update=True)
    decision = charge_status(
        LineState(line.state) if line else None,
        line.allocated if line else Decimal(0),
        line.spent if line else Decimal(0),
        amount,
    )
    expenditure = _new(
        uow,
        kind=RELIEF,
        source_ref=event.case_id,
        source_event_id=event_id,
        amount=amount,
        status=ExpenditureStatus.AWAITING_APPROVAL,
        reason=decision.reason,
        occurred_at=event.provided_at,
        division_codes=_line_divisions(uow.session, event.disaster_id) if line else [event.division_code],
        disaster_id=event.disaster_id,
    )
    if decision.value is ExpenditureStatus.RECORDED:
        _record(uow, expenditure, line, clock.now())
    uow.audit(
        "expenditure.relief",
        "expenditure",
        expenditure.id,
        after={"status": expenditure.status, "amount": amount, "case_id": event.case_id, "reason": decision.reason},
    )
    return expenditure
