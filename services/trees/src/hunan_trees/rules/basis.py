"""Citations into 湖南省古树名木保护办法 (order 306), one constant per article the rules use."""

from __future__ import annotations

from hunan_shared.legal import Basis, cite

DOCUMENT = "湖南省古树名木保护办法"


def art(article: str, note: str | None = None) -> Basis:
    return cite(DOCUMENT, article, note)


ART2 = art("Art. 2 / 第二条", "分布在原始林外，经依法认定公布的古树名木")
ART3 = art("Art. 3 / 第三条", "古树：树龄在一百年以上；名木：具有重要历史、文化、观赏与科学价值或者重要纪念意义")
ART10 = art("Art. 10 / 第十条", "五百年以上一级、三百年以上不满五百年二级、一百年以上不满三百年三级；名木实行一级保护")
ART11 = art("Art. 11 / 第十一条", "县级人民政府每十年组织开展一次古树名木资源普查")
ART13 = art("Art. 13 / 第十三条", "一级古树和名木由省、二级由市州、三级由县级人民政府认定和公布")
ART16 = art("Art. 16 / 第十六条", "按照用地范围确定养护责任人；不明确或者有异议的由县级主管部门确定")
ART17 = art("Art. 17 / 第十七条", "无偿提供养护知识培训和技术指导")
ART18 = art("Art. 18 / 第十八条", "遭受自然损害等异常情况及时报告")
ART19 = art("Art. 19 / 第十九条", "自接到异常情况报告之日起五个工作日内进行处理")
ART23 = art("Art. 23 / 第二十三条", "生境保护范围按照不小于树冠垂直投影外五米划定；缩小须报认定的人民政府批准")
ART24 = art("Art. 24 / 第二十四条", "禁止擅自移植、采伐，损伤树体，在生境保护范围内新建建筑物、修建道路、敷设管线等")
ART25 = art("Art. 25 / 第二十五条", "建设单位应当采取避让措施；国家和省重点建设项目无法避让的施工前制定保护方案并备案")
ART26 = art("Art. 26 / 第二十六条", "就近保护性移植的三种情形")
ART27 = art("Art. 27 / 第二十七条", "移植方案、落实费用、依法审批；专家论证并以听证会、公示等形式征求公众意见")
ART28 = art("Art. 28 / 第二十八条", "移植及移植后五年内复壮、养护费用由县级以上人民政府或者申请移植单位承担")
ART29 = art("Art. 29 / 第二十九条", "五个工作日内组织死亡鉴定；按等级报相应主管部门注销档案")
ART30 = art("Art. 30 / 第三十条", "采伐的三种情形，依法办理审批手续")
ART33 = art("Art. 33 / 第三十三条", "责令停止、限期恢复原状或者采取补救措施，可处五百元以上五千元以下罚款")
ART35 = art("Art. 35 / 第三十五条", "树龄八十年以上不满一百年树木的保护可以参照本办法执行")
ART36 = art("Art. 36 / 第三十六条", "自2022年3月12日起施行")
FLOW3 = cite(
    "Hunan suite design (a declared disaster schedules post-disaster inspections; see RULES.md)",
    "[DESIGN]",
    "灾害宣布后对受灾区域内登记古树名木安排灾后巡查（自然损害的报告与处理，第十八、十九条）",
)
