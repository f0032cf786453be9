"""Citations into 湖南省优化营商环境规定 (order 307) and the trees Measures where W14 relies on them."""

from __future__ import annotations

from hunan_shared.legal import Basis, cite

DOCUMENT = "湖南省优化营商环境规定"
TREES_DOCUMENT = "湖南省古树名木保护办法"
DISABILITY_PLAN = '湖南省"十四五"残疾人保障和发展规划'
DESIGN = "Hunan suite design (design decision, see RULES.md)"


def art(article: str, note: str | None = None) -> Basis:
    return cite(DOCUMENT, article, note)


ART4 = art("Art. 4 / 第四条", "依照规定决策实施、勤勉尽责、未牟取私利的，依法予以免责或者减轻责任")
ART6 = art("Art. 6 / 第六条", "市州、县市区人民政府不得组织开展营商环境评价")
ART7 = art("Art. 7 / 第七条", "各类市场主体依法平等使用公共服务资源、生产要素，平等适用政策，公平参与竞争")
ART10 = art("Art. 10 / 第十条", "六个事项一件事，全流程网上办理、一次办结")
ART14 = art("Art. 14 / 第十四条", "惠企政策清单：实施部门、政策依据、政策期限……监督方式等要素")
ART14_NO_APPLICATION = art(
    "Art. 14 para 2 / 第十四条第二款",
    "通过政府部门信息共享、大数据分析等方式，实现符合条件的企业免予申报、直接享受优惠政策",
)
ART15 = art("Art. 15 / 第十五条", "涉企收费目录清单；不得擅自设立收费项目、提高收费标准、扩大收费范围")
ART18 = art("Art. 18 / 第十八条", "不得要求在本地设立分支机构、拥有办公面积、缴纳社保；不得以特定区域业绩奖项为条件")
ART19 = art("Art. 19 / 第十九条", "不得以行政区划调整、政府换届、机构或者职能调整以及相关责任人更替等为由违约毁约")
ART20 = art(
    "Art. 20 / 第二十条", "未发生或者已清偿债权债务、费用、工资、社保、补偿金、税款，全体投资人书面承诺的，可以简易注销"
)
ART26_EFFICIENCY = art(
    "Art. 26 para 2 / 第二十六条第二款",
    "运用行政效能电子监察系统，对各级各类政务服务全过程进行实时监测、预警纠错和效能评价",
)
ART22 = art("Art. 22 / 第二十二条", "不得含有其他、有关等模糊性兜底要求；不得要求办事指南规定之外的申请材料")
ART25 = art("Art. 25 / 第二十五条", "不得以已开通线上办理渠道为由拒绝申请人采用线下办理方式")
ART27 = art(
    "Art. 27 / 第二十七条",
    "电子证照库可以获得业务办理所需电子证照的，不得拒绝办理或者要求申请人提供纸质证照，但依法需要收回证照原件的除外",
)
ART29 = art("Art. 29 / 第二十九条", "区域评估费用不得由市场主体承担；施工图审查零跑腿、零接触、零付费")
ART32 = art("Art. 32 / 第三十二条", "较严重不良信用记录或者曾作出虚假承诺等情形，在信用修复前不适用告知承诺")
ART37 = art("Art. 37 / 第三十七条", "信用较好、风险较低的优化检查频次；违法失信、风险较高的增加检查频次")
ART38 = art(
    "Art. 38 / 第三十八条",
    "对新技术、新产业、新业态、新模式实行包容审慎监管……设定监管底线；监管强度与存在风险相匹配",
)
ART39 = art("Art. 39 / 第三十九条", "在抽查任务完成后二十个工作日内向社会公开抽查检查结果")
ART39_PLAN = art(
    "Art. 39 para 1 / 第三十九条第一款", "“双随机、一公开”全覆盖；部门联合抽查年度工作计划，防止多头执法、重复检查"
)
ART39_KEY = art(
    "Art. 39 para 2 / 第三十九条第二款", "食品药品安全、安全生产等特殊行业、重点领域依法实行全覆盖的重点监管"
)
ART39_WITHHOLD = art("Art. 39 para 1 / 第三十九条第一款", "除依法不适合公开的情形外，抽查检查结果向社会公示")
ART43 = art("Art. 43 / 第四十三条", "不得违法普遍停产停业，不得违法停水停电停气停网")
ART44 = art("Art. 44 / 第四十四条", "书面提供相关事实依据的，应当及时处理并反馈结果")
ART50 = art("Art. 50 / 第五十条", "问题建账、过程记账、办结销账；及时反馈结果；接受对办理程序和结果的评价")
ART51 = art("Art. 51 / 第五十一条", "行政机关、公职人员违纪违法的，应当移送纪检监察机关")
ART53 = art("Art. 53 / 第五十三条", "自2022年1月1日起施行")
TREES_ART25 = cite(TREES_DOCUMENT, "Art. 25 / 第二十五条", "避让；国家和省重点建设项目施工前制定保护方案并备案")
ACCESSIBILITY_IN_STEP = cite(
    DISABILITY_PLAN, "三(五)1 (R68)", "无障碍设施与主体工程同步设计、同步施工、同步验收投入使用"
)
REOPEN_ON_UNSATISFIED = cite(
    DESIGN,
    "complaint reopening",
    "Art. 50 accepts the complainant's rating but names no consequence; an unsatisfied rating of the result reopens "
    "the account once (W1), the threshold and the new handling limit being settings",
)
SLA = cite(DESIGN, "complaint SLA", "Art. 50 sets no number of days; the working-day limits are settings")
