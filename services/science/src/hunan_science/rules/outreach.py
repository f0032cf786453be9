"""Content funding (R33, 三(二)1–2: 繁荣科普文艺创作和产品研发资助计划, 科幻产业发展扶持计划) and rumour
debunking (R34, 三(二)4: 科学辟谣平台; the 舆情引导 stream of an emergency campaign, 三(四)1)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from enum import StrEnum

from hunan_science.rules.basis import ScienceRuleError, decide, design, plan
from hunan_science.rules.campaigns import CampaignState
from hunan_science.rules.content import ContentState
from hunan_shared.legal import Basis, Decision


class FundingCategory(StrEnum):
    """What the two funding plans of 三(二)1–2 name (the Chinese words in the comments)."""

    ORIGINAL_WORK = "ORIGINAL_WORK"  # 优秀科普原创作品
    MAJOR_THEME = "MAJOR_THEME"  # 四个面向 重大题材科普创作
    SOCIAL_MEDIA = "SOCIAL_MEDIA"  # 社交媒体、短视频平台开展科普宣传
    ANIMATION = "ANIMATION"  # 动漫
    SHORT_VIDEO = "SHORT_VIDEO"  # 短视频
    GAME = "GAME"  # 游戏
    PRODUCT_RD = "PRODUCT_RD"  # 科普产品研发与创新, 展教品研发
    CREATION_TEAM = "CREATION_TEAM"  # 科普创作和展教品研发示范团队
    CREATOR_TALENT = "CREATOR_TALENT"  # 科普创作研发人才、领军人物
    SCI_FI = "SCI_FI"  # 科幻创作、科幻影视
    SCI_FI_PLATFORM = "SCI_FI_PLATFORM"  # 科幻创作交流平台、产品开发共享平台、科学顾问库


_SECTION: Mapping[FundingCategory, tuple[str, str]] = {
    **{
        c: ("三(二)1", "实施繁荣科普文艺创作和产品研发资助计划")
        for c in (
            FundingCategory.ORIGINAL_WORK,
            FundingCategory.MAJOR_THEME,
            FundingCategory.SOCIAL_MEDIA,
            FundingCategory.ANIMATION,
            FundingCategory.SHORT_VIDEO,
            FundingCategory.GAME,
            FundingCategory.PRODUCT_RD,
            FundingCategory.CREATION_TEAM,
            FundingCategory.CREATOR_TALENT,
        )
    },
    FundingCategory.SCI_FI: ("三(二)2", "实施科幻产业发展扶持计划……加强科幻影视创作"),
    FundingCategory.SCI_FI_PLATFORM: ("三(二)2", "搭建高水平科幻创作交流平台和产品开发共享平台"),
}


def funding_basis(category: FundingCategory) -> Basis:
    section, words = _SECTION[FundingCategory(category)]
    return plan(section, "R33", words)


def grant(category: FundingCategory, amount: Decimal, work_state: ContentState | None) -> Decision[bool]:
    """R33 / 三(二)1–2: a grant under one of the two funding plans. The plan sets no amounts or award criteria,
    so the rule checks what it does say: the purpose is one the plan names, the amount is positive, and a
    grant tied to a library work does not go to a work the expert review rejected (三(四)1 专家队伍; a draft may
    be funded — production comes before review). Returns True when the grant may be recorded."""
    basis = funding_basis(category)
    if amount <= 0:
        raise ScienceRuleError("a grant has a positive amount")
    if work_state is not None and ContentState(work_state) is ContentState.REJECTED:
        return decide(False, "the work was rejected by the expert review", basis, plan("三(四)1", "R22", "专家审核"))
    return decide(True, f"{FundingCategory(category).value} under {basis.article}", basis)


class DebunkChannel(StrEnum):
    """Where a rebuttal is carried (三(二)4 platforms)."""

    RUMOUR_PLATFORM = "rumour_platform"  # 科学辟谣平台
    SCIENCE_PLATFORMS = "science_platforms"  # 科普中国、科普湖南
    COUNTY_MEDIA_CENTRES = "county_media_centres"
    PARTNER_MEDIA = "partner_media"  # 红网、新湖南、时刻新闻


def debunk(
    rebuttal_state: ContentState, campaign_state: CampaignState | None, channels: Iterable[str]
) -> Decision[bool]:
    """R34 / 三(二)4 「科学辟谣平台」 with 三(四)1 「舆情引导」: a rumour is answered by a rebuttal from the
    library that the expert team approved (an unreviewed or rejected work is never published as the science
    answer); tied to an emergency campaign, the campaign must still run (its opinion-guidance stream). The
    rebuttal always goes to the rumour-debunking platform. True when the debunk may be published."""
    basis = [plan("三(二)4", "R34", "打造省级权威科学传播网络平台和科学辟谣平台")]
    if DebunkChannel.RUMOUR_PLATFORM.value not in set(channels):
        raise ScienceRuleError("a debunk is always carried on the rumour-debunking platform (rumour_platform)")
    if ContentState(rebuttal_state) is not ContentState.APPROVED:
        return decide(False, f"the rebuttal is {rebuttal_state}: only expert-approved content answers a rumour", *basis)
    if campaign_state is not None:
        basis.append(plan("三(四)1", "R23", "及时做好政策解读、知识普及和舆情引导"))
        if CampaignState(campaign_state) is not CampaignState.LAUNCHED:
            return decide(False, "the campaign is closed: its opinion guidance has ended", *basis)
    return decide(True, "expert-approved rebuttal", *basis, design("R34", "rebuttals come from the reviewed library"))
