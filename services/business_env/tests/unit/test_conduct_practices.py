"""MONITOR rules: every practice classifies under one of R16, R26, R28, R38, R64, R82, R90, R91 with its article."""

from __future__ import annotations

from hunan_business_env.rules.conduct_practices import MONITORED_RULES, Practice, classify_practice, practices_of

ARTICLES = {
    "R16": "Art. 11 para 2 / 第十一条第二款",
    "R26": "Art. 16 / 第十六条",
    "R28": "Art. 17 para 2 / 第十七条第二款",
    "R38": "Art. 21 para 2 / 第二十一条第二款",
    "R64": "Art. 31 para 2 / 第三十一条第二款",
    "R82": "Art. 41 para 1 / 第四十一条第一款",
    "R90": "Art. 45 paras 1–2 / 第四十五条第一款至第二款",
    "R91": "Art. 45 para 3 / 第四十五条第三款",
}


def test_every_practice_has_a_monitored_rule_and_its_article():
    for practice in Practice:
        decision = classify_practice(practice)
        assert decision.value.rule in MONITORED_RULES
        assert decision.basis[0].article == ARTICLES[decision.value.rule]
    assert {r for r in MONITORED_RULES if practices_of(r)} == set(MONITORED_RULES)


def test_examples_route_to_the_competent_body():
    assert classify_practice(Practice.INTEREST_SPLIT_INTO_FEES).value.rule == "R16"
    assert classify_practice(Practice.OBSTRUCTED_WITHDRAWAL).value.respondent_type == "TRADE_ASSOCIATION"
    assert "公安" in classify_practice(Practice.OBSTRUCTED_CONSTRUCTION).value.routed_to
    assert classify_practice(Practice.PRINCIPAL_ACCOMPANIMENT).value.rule == "R82"
    assert practices_of("R90") == (
        Practice.OVER_AUTHORITY,
        Practice.OVER_SCOPE,
        Practice.OVER_AMOUNT,
        Practice.OVER_TIME_LIMIT,
    )
