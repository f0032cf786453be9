"""Competent departments for the business environment (Art. 3): the provincial development-and-reform department
by the article itself; every city and county government must designate one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from hunan_shared.legal import Decision

from .basis import art

ART3 = art(
    "Art. 3 / 第三条",
    "省人民政府发展和改革部门是全省优化营商环境工作的主管部门；市州、县市区人民政府应当明确优化营商环境工作的主管部门",
)
PROVINCE = "430000"
REFORM_DEPARTMENT = "发展和改革"


def designation_valid(division: str, department: str) -> Decision[bool]:
    """Art. 3 / 第三条 (R1): the province's competent department is its development-and-reform department (发展和改革
    委员会); a city or county government chooses its own."""
    if division == PROVINCE and REFORM_DEPARTMENT not in department:
        return Decision[bool](
            value=False, reason="the provincial competent department is the development-and-reform one", basis=(ART3,)
        )
    return Decision[bool](value=True, reason=f"{department} designated for {division}", basis=(ART3,))


def designation_gaps(required: Sequence[str], designated: Iterable[str]) -> Decision[tuple[str, ...]]:
    """Art. 3 / 第三条 (R1): every city (市州) and county (县市区) government must designate its competent department;
    the value lists the divisions that have not."""
    done = set(designated)
    gaps = tuple(code for code in required if code not in done)
    reason = "every division has designated" if not gaps else f"{len(gaps)} division(s) without a competent department"
    return Decision[tuple[str, ...]](value=gaps, reason=reason, basis=(ART3,))
