"""The plan's quantified targets that carry a deadline (Plan 6(三), 专栏2/5/6, Plan 8(二), 9(三), 10(二)): each has an
id, a kind (at least / at most), a value, a deadline and its section, and one pure judgement of a figure on a date.
The sector caps (T-R41/T-R42) are judged by `rules/sectors.py::cap_trajectory`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from hunan_emergency.rules.basis import InvalidInput, decide, plan_basis
from hunan_shared.legal import Basis, Decision


class TargetKind(StrEnum):
    AT_LEAST = "AT_LEAST"  # 达到 / 以上 / 不少于: reached-or-more meets
    AT_MOST = "AT_MOST"  # 以内 / 不高于: at-or-below meets


class TargetStatus(StrEnum):
    MET = "MET"
    PENDING = "PENDING"  # not (yet) met, deadline ahead
    ABOVE_TARGET = "ABOVE_TARGET"  # an at-most target exceeded before its deadline
    BREACHED = "BREACHED"  # not met on or after the deadline
    STRIVE_MISSED = "STRIVE_MISSED"  # a 争取/力争 target not met on or after the deadline
    NO_DATA = "NO_DATA"


@dataclass(frozen=True)
class PlanTarget:
    id: str
    name: str
    kind: TargetKind
    value: Decimal  # a count, or a share (1 = 100 %)
    share: bool
    deadline: date
    binding: bool
    article: str
    text: str

    @property
    def basis(self) -> Basis:
        return plan_basis(self.article, self.text)


def _t(
    id: str,
    name: str,
    kind: TargetKind,
    value: str,
    deadline: date,
    article: str,
    text: str,
    *,
    share: bool = False,
    binding: bool = True,
) -> PlanTarget:
    return PlanTarget(id, name, kind, Decimal(value), share, deadline, binding, article, text)


AT_LEAST, AT_MOST = TargetKind.AT_LEAST, TargetKind.AT_MOST
END_2021, END_2022, END_2025 = date(2021, 12, 31), date(2022, 12, 31), date(2025, 12, 31)
SECTOR = "Plan 6(三) / 第六章（三）"

# Ids are stable (RULES.md "Targets"): T-S… sector targets of Plan 6(三), T-C… capacity and network targets.
PLAN_TARGETS: dict[str, PlanTarget] = {
    t.id: t
    for t in (
        _t(
            "T-S1",
            "煤矿视频监控四级联网率",
            AT_LEAST,
            "1",
            END_2021,
            f"{SECTOR} 煤矿",
            "2021年底前，所有煤矿实现视频监控省、市、县、矿四级联网",
            share=True,
        ),
        _t(
            "T-S11",
            "尾矿库在线监测系统安装率",
            AT_LEAST,
            "1",
            date(2022, 6, 30),
            f"{SECTOR} 非煤矿山",
            "2022年6月底前，尾矿库在线监测系统安装达到100%，并实现全面联网",
            share=True,
        ),
        _t(
            "T-S12",
            "非煤矿山机械化作业率",
            AT_LEAST,
            "1",
            END_2025,
            f"{SECTOR} 非煤矿山",
            "到2025年底，露天非煤矿山全部实现机械化开采，地下非煤矿山…高危作业岗位全部实现机械化作业",
            share=True,
        ),
        _t(
            "T-S14",
            "重点危化企业监测报警、紧急切断、自动化系统装备率和有效投用率",
            AT_LEAST,
            "1",
            END_2025,
            f"{SECTOR} 危险化学品",
            "装备率和有效投用率达到100%",
            share=True,
        ),
        _t(
            "T-S15",
            "硝化、氯化、氟化、重氮化、过氧化工艺上下游配套装置自动化率",
            AT_LEAST,
            "1",
            END_2022,
            f"{SECTOR} 危险化学品",
            "2022年底前…上下游配套装置实现自动化控制",
            share=True,
        ),
        _t(
            "T-S16",
            "人口密集区危化企业和沿江一公里化工企业搬迁改造完成率",
            AT_LEAST,
            "1",
            END_2025,
            f"{SECTOR} 危险化学品",
            "到2025年底…搬迁改造工作全面完成",
            share=True,
        ),
        _t(
            "T-S19",
            "地级以上城市消防物联网监控系统建成率",
            AT_LEAST,
            "1",
            END_2021,
            f"{SECTOR} 消防",
            "2021年底前，地级以上城市建成消防物联网监控系统",
            share=True,
        ),
        _t(
            "T-S24A",
            "工业园区安全风险评估完成率",
            AT_LEAST,
            "1",
            END_2022,
            f"{SECTOR} 工业园区",
            "2022年底前，园区安全风险评估完成率…达到100%",
            share=True,
        ),
        _t(
            "T-S24B",
            "工业园区安全监管信息共享平台建成率",
            AT_LEAST,
            "1",
            END_2022,
            f"{SECTOR} 工业园区",
            "集约化可视化安全监管信息共享平台建成率…达到100%",
            share=True,
        ),
        _t("T-C8", "智能化煤矿", AT_LEAST, "20", END_2025, "专栏5", "建成不少于20座的多类型、多模式智能化煤矿"),
        _t(
            "T-C11",
            "森林火灾高风险县临时机降点（坪）",
            AT_LEAST,
            "95",
            END_2025,
            "Plan 8(二) / 第八章（二）",
            "建设95个森林火灾高风险县临时机降点（坪）",
        ),
        _t("T-C14", "省级应急物资储备库", AT_LEAST, "3", END_2025, "专栏6", "配套建成3个省级应急物资储备库"),
        _t(
            "T-C15",
            "县市区应急物资储备库覆盖率",
            AT_LEAST,
            "1",
            END_2025,
            "专栏6",
            "各县市区建立应急物资储备库",
            share=True,
        ),
        _t(
            "T-C20",
            "灾害多发易发地区应急广播主动发布终端人口覆盖率",
            AT_LEAST,
            "0.95",
            END_2022,
            "Plan 10(二) / 第十章（二）",
            "2022年底前…应急广播主动发布终端人口覆盖率达到95%以上",
            share=True,
        ),
        _t(
            "T-C22A",
            "安全发展工作示范县",
            AT_LEAST,
            "15",
            END_2025,
            "Plan 10(二) / 第十章（二）",
            "到2025年，争取创建15个安全发展工作示范县",
            binding=False,
        ),
        _t(
            "T-C24",
            "具有辐射引领作用的宣教、实训和实操考试基地",
            AT_LEAST,
            "2",
            END_2025,
            "Plan 9(三) / 第九章（三）",
            "遴选培育2个以上具有辐射引领作用的…特种作业人员实操考试基地",
        ),
        _t(
            "T-C25",
            "特种作业人员实操考试基地",
            AT_MOST,
            "50",
            END_2025,
            "Plan 9(三) / 第九章（三）",
            "特种作业人员实操考试基地…全省控制在50家以内",
        ),
    )
}


def target_status(target: PlanTarget, value: Decimal | None, as_of: date) -> Decision[TargetStatus]:
    """A figure against one target on `as_of` (the target's section is its basis): an at-least target is MET
    once reached (exactly the value meets, 达到), PENDING before its deadline, BREACHED from it (STRIVE_MISSED
    for a 争取 target); an at-most target is MET while at or below, ABOVE_TARGET before and BREACHED from its
    deadline when above (R59)."""
    if value is not None and (value < 0 or (target.share and value > 1)):
        raise InvalidInput(f"{target.id}: {value} is not a {'share (0–1)' if target.share else 'count'}")
    if value is None:
        status = TargetStatus.NO_DATA
    else:
        met = value >= target.value if target.kind is TargetKind.AT_LEAST else value <= target.value
        if met:
            status = TargetStatus.MET
        elif as_of < target.deadline:
            status = TargetStatus.PENDING if target.kind is TargetKind.AT_LEAST else TargetStatus.ABOVE_TARGET
        else:
            status = TargetStatus.BREACHED if target.binding else TargetStatus.STRIVE_MISSED
    sign = "≥" if target.kind is TargetKind.AT_LEAST else "≤"
    return decide(
        status,
        f"{target.id}: {value if value is not None else 'no figure'} against {sign} {target.value} "
        f"by {target.deadline} on {as_of} → {status.value}",
        target.basis,
    )
