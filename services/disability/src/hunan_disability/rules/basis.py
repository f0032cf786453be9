"""Citations used by every disability rule: the plan itself, its requirement ids, and background standards."""

from __future__ import annotations

from hunan_shared.legal import Basis, cite

PLAN = '湖南省"十四五"残疾人保障和发展规划'
# Background sources ([BG] in the catalogue): national standards and policies outside the plan.
GB_11643 = "GB 11643-1999 公民身份号码"
GB_T_26341 = "GB/T 26341-2010 残疾人残疾分类和分级"
CERTIFICATE_SCHEME = "第三代残疾人证编号规则（中国残联）"
TWO_SUBSIDIES_POLICY = "国发〔2015〕52号 关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见"
EMPLOYMENT_REGULATION = "残疾人就业条例 / 残疾人就业保障金征收使用管理办法"
PROJECT_DESIGN = "项目设计（requirements catalogue [D]）"


def plan(section: str, rule_id: str, note: str | None = None) -> Basis:
    """A citation into the plan: section as printed (e.g. '专栏6·6') plus the catalogue rule id (e.g. 'R57')."""
    return cite(PLAN, f"{section} ({rule_id})", note)


def background(document: str, article: str, note: str | None = None) -> Basis:
    """A citation into a background standard the plan relies on but does not state."""
    return cite(document, article, note)


def design(rule_id: str, note: str) -> Basis:
    """A project design choice recorded in RULES.md 'Design choices' (catalogue tag [D])."""
    return cite(PROJECT_DESIGN, rule_id, note)
