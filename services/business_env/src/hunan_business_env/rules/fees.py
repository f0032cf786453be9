"""Enterprise fees and deposits (W8; Art. 15): charges only from the catalogue valid on the day, deposits in the
form the enterprise chooses among those the rules permit, returned within the prescribed time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum

from hunan_shared.legal import Decision, IllegalTransition, RuleRefusal
from hunan_shared.workdays import Deadline, add_working_days

from .basis import art

ART15_LEVY = art(
    "Art. 15 para 1 / 第十五条第一款",
    "禁止索要赞助、强制捐赠捐献等任何形式的摊派，禁止违规强制市场主体参加商业保险",
)
ART15_FORM = art(
    "Art. 15 para 2 / 第十五条第二款",
    "推广以金融机构保函、保证保险等替代现金缴纳涉企保证金，不得限制企业按照规定自主选择保证金缴纳方式",
)
ART15_REFUND = art(
    "Art. 15 para 2 / 第十五条第二款", "在保证事项完成或者保证事由消失后，应当按照规定的时限、程序清退返还保证金"
)


class Levy(StrEnum):
    FEE = "FEE"  # a fee of the catalogue (R22)
    SPONSORSHIP = "SPONSORSHIP"  # 索要赞助
    DONATION = "DONATION"  # 强制捐赠捐献
    APPORTIONMENT = "APPORTIONMENT"  # 摊派
    COMMERCIAL_INSURANCE = "COMMERCIAL_INSURANCE"  # 强制参加商业保险


def levy_allowed(levy: Levy) -> Decision[bool]:
    """Art. 15 para 1 / 第十五条第一款 (R23): a department may demand from an enterprise only a catalogue fee — never
    sponsorship, a donation, an apportionment or a commercial insurance policy (insurance a statute itself makes
    compulsory is bought from an insurer, not demanded by a department, and is not a levy here)."""
    if levy is Levy.FEE:
        return Decision[bool](value=True, reason="a fee: checked against the catalogue", basis=(ART15_LEVY,))
    return Decision[bool](value=False, reason=f"{levy} may not be demanded from an enterprise", basis=(ART15_LEVY,))


class DepositForm(StrEnum):
    CASH = "CASH"  # 现金
    BANK_GUARANTEE = "BANK_GUARANTEE"  # 金融机构保函
    GUARANTEE_INSURANCE = "GUARANTEE_INSURANCE"  # 保证保险


class DepositState(StrEnum):
    HELD = "HELD"
    RELEASE_TRIGGERED = "RELEASE_TRIGGERED"  # 保证事项完成或者保证事由消失: the refund clock runs
    REFUNDED = "REFUNDED"  # for a guarantee: released


def deposit_form_check(
    chosen: DepositForm, permitted: Iterable[DepositForm], accepted: Iterable[DepositForm]
) -> Decision[DepositForm]:
    """Art. 15 para 2 / 第十五条第二款 (R24): the enterprise chooses among the forms its deposit's rules permit, and
    the holding department may not accept fewer of them (e.g. cash only where a guarantee is permitted)."""
    permitted_set, accepted_set = set(permitted), set(accepted)
    if chosen not in permitted_set:
        raise RuleRefusal(f"{chosen} is not a form the rules permit for this deposit", basis=(ART15_FORM,))
    refused = sorted(permitted_set - accepted_set)
    if refused:
        raise RuleRefusal(
            "the department restricts the enterprise's choice: it does not accept " + ", ".join(refused),
            basis=(ART15_FORM,),
        )
    return Decision[DepositForm](value=chosen, reason=f"{chosen}, chosen by the enterprise", basis=(ART15_FORM,))


def refund_due(triggered_on: dt.date, working_days: int) -> Decision[Deadline]:
    """Art. 15 para 2 / 第十五条第二款 (R25): the deposit is returned within the time its rules prescribe, counted
    from the day the guaranteed matter ended or its cause ceased."""
    due = add_working_days(triggered_on, working_days)
    return Decision[Deadline](
        value=due, reason=f"released {triggered_on}; {working_days} working days → {due.date}", basis=(ART15_REFUND,)
    )


def next_deposit_state(state: DepositState, target: DepositState) -> Decision[DepositState]:
    """Art. 15 para 2 / 第十五条第二款 (R25): held → release triggered → refunded, in that order."""
    allowed = {
        (DepositState.HELD, DepositState.RELEASE_TRIGGERED),
        (DepositState.RELEASE_TRIGGERED, DepositState.REFUNDED),
    }
    if (state, target) not in allowed:
        raise IllegalTransition(f"a deposit that is {state} cannot become {target}", basis=(ART15_REFUND,))
    return Decision[DepositState](value=target, reason=f"{state} → {target}", basis=(ART15_REFUND,))
