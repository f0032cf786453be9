"""Domain errors raised by the disability rules; the service maps them to problem+json responses."""

from __future__ import annotations

from hunan_shared.legal import IllegalTransition, RuleRefusal


class DisabilityRuleError(RuleRefusal):
    """Base class: the input breaks a rule of the plan or of a background standard (422 through rule_errors)."""


class InvalidIdentityNumber(DisabilityRuleError):
    """An 18-digit resident identity number (公民身份号码) fails a GB 11643-1999 check."""


class InvalidCertificateNumber(DisabilityRuleError):
    """A third-generation disability certificate number (第三代残疾人证号) is malformed or inconsistent."""


class IllegalCaseTransition(DisabilityRuleError, IllegalTransition):
    """An emergency assistance case cannot take this action from its current status."""

    def __init__(self, status: str, action: str, why: str):
        super().__init__(f"cannot {action} a case in status {status}: {why}")
        self.status = status
        self.action = action


class NoLiaisonAvailable(DisabilityRuleError):
    """Cases need a liaison (包保联系人) but the roster is empty."""


class NoSubsidyStandard(DisabilityRuleError, LookupError):
    """No subsidy standard is in force for the division (or any division above it) in that month."""


class DuplicateRenovationDemand(DisabilityRuleError, IllegalTransition):
    """A household already has an active home accessibility renovation demand (W7: one per household)."""


class DibaoApplicationDecided(DisabilityRuleError, IllegalTransition):
    """A single-person 低保 application was already decided (R2)."""
