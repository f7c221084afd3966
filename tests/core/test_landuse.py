"""Land-use compatibility: code splitting, alias resolution, the shipped table and the check."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from planner.io.landuse import LandUseTable, _norm_alias, split_codes

TABLE_PATH = Path(__file__).resolve().parents[2] / "resources" / "land_use.toml"


@pytest.fixture(scope="module")
def table() -> LandUseTable:
    return LandUseTable.load()


@pytest.fixture(scope="module")
def raw() -> dict:
    with TABLE_PATH.open("rb") as f:
        return tomllib.load(f)


# ---- split_codes ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("R2", ["R2"]),
        ("070102", ["070102"]),
        ("R2/B1", ["R2", "B1"]),
        ("R2／B1", ["R2", "B1"]),  # full-width slash (CAD layer names)
        ("R2、B1", ["R2", "B1"]),
        ("R2,B1", ["R2", "B1"]),
        ("R2，B1", ["R2", "B1"]),
        ("R2+B1", ["R2", "B1"]),
        ("R2＋B1", ["R2", "B1"]),
        ("R2;B1", ["R2", "B1"]),
        ("R2；B1", ["R2", "B1"]),
        ("R2 B1", ["R2", "B1"]),
        ("0701/09", ["0701", "09"]),
        ("100101/100102", ["100101", "100102"]),
        ("100101(080403)", ["100101", "080403"]),
        ("100101（080403）", ["100101", "080403"]),
        ("R2B1", ["R2", "B1"]),
        ("B1B2", ["B1", "B2"]),
        ("r2b1", ["R2", "B1"]),
        ("1001v", ["1001"]),
        ("1207V", ["1207"]),
        ("YDGIS-070102", ["070102"]),
        ("YDGIS_R2", ["R2"]),
        ("Ｒ２", ["R2"]),  # full-width letters and digits, NFKC
        ("  R2  ", ["R2"]),
        ("R2/R2", ["R2"]),
        ("", []),
        ("   ", []),
        (None, []),
        (70102, ["070102"]),  # numeric field lost the leading zero
        (70102.0, ["070102"]),
        (float("nan"), []),
    ],
)
def test_split_codes(text, expected):
    assert split_codes(text) == expected


# ---- the check -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "use", "expected"),
    [
        # housing
        ("R2", "住宅", True),
        ("070102", "住宅", True),
        ("R2/B1", "住宅", True),
        ("0701/09", "住宅", True),
        ("R2B1", "住宅", True),
        ("1207v/070102", "住宅", True),
        ("M1", "住宅", False),
        ("100101", "住宅", False),
        ("100101/100102", "住宅", False),
        ("0702", "住宅", False),
        ("R22", "住宅", False),
        ("B1", "公寓", False),
        # commercial
        ("R2/B1", "商业", True),
        ("R2", "商业", False),
        ("R22", "商业", True),
        ("0702", "商铺", True),
        ("B2", "商业", False),
        ("B1", "酒店", True),
        ("B14", "商业", False),
        ("090104", "宾馆", True),
        ("0902", "办公", True),
        ("0901", "办公", False),
        # industrial
        ("M1", "工业", True),
        ("100101", "厂房", True),
        ("070102", "工业", False),
        ("M2", "宿舍", True),
        ("M2", "宾馆", False),
        ("W1", "仓库", True),
        ("W1", "工业", False),
        # education and services
        ("100101(080403)", "学校", True),
        ("A33", "教学楼", True),
        ("080404", "幼儿园", True),
        ("A35", "办公", False),
        ("A1", "办公", True),
        # ancillary: on any land that allows some building, never on roads, buffer green or 留白
        ("M2", "门卫", True),
        ("R2", "设备用房", True),
        ("1401", "公厕", True),
        ("G1", "门卫", True),
        ("G1", "住宅", False),
        ("G2", "门卫", False),
        ("S1", "门卫", False),
        ("1207", "配电房", False),
        ("16", "门卫", False),
        ("16", "住宅", False),
        ("01", "住宅", False),
        ("E1", "住宅", False),
        # prefix fallback: R23 is not listed, so R2 applies; 090301 is a 2020 trial code with its own entry
        ("R23", "住宅", True),
        ("090301", "商业", True),
        ("090302", "体育馆", True),
        # cannot tell
        ("R2", "不知道是什么", None),
        ("R2", "", None),
        ("R2", None, None),
        ("X9", "住宅", None),
        ("", "住宅", None),
        (None, "住宅", None),
        ("05H1", "商业", None),  # a 三调 code is not 05 湿地
        ("H11", "住宅", None),  # listed, but too coarse to decide
        # a mixed code with an unknown component: allowed if a known one allows it, otherwise undecided
        ("R2/X9", "住宅", True),
        ("R2/X9", "工业", None),
        # multi-use buildings need every use allowed
        ("R2/B1", "住宅/商业", True),
        ("R2", "住宅/商业", False),
        ("R2", "住宅/不知道", None),
        ("M1", "住宅/不知道", False),
    ],
)
def test_check(table, code, use, expected):
    assert table.check(code, use) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("住宅", "residential"),
        (" 住宅 ", "residential"),
        ("Residential", "residential"),
        ("  RESIDENTIAL\t", "residential"),
        ("Guard  House", "ancillary"),
        ("Ｒｅｓｉｄｅｎｔｉａｌ", "residential"),  # full-width Latin, NFKC
        ("residential", "residential"),
        ("商业", "commercial"),
        ("Retail", "commercial"),
        ("办公", "office"),
        ("行政办公", "public_admin"),  # the zh name of public_admin
        ("public_admin", "public_admin"),  # the id itself
        ("工业", "industrial"),
        ("门卫", "ancillary"),
        ("高层住宅", "residential"),  # height qualifier stripped
        ("高层住宅楼", "residential"),
        ("商业建筑", "commercial"),
        ("Office building", "office"),
        ("老年公寓", "welfare"),  # a longer alias beats 公寓
        ("", None),
        (None, None),
        ("不知道", None),
        ("住宅/商业", None),  # several uses: no single id
        ("楼", None),
    ],
)
def test_normalise_use(table, text, expected):
    assert table.normalise_use(text) == expected


def test_allowed_uses(table):
    assert table.allowed_uses("R2") == {"residential", "dormitory", "ancillary"}
    assert table.allowed_uses("R2/B1") == {"residential", "dormitory", "commercial", "hotel", "ancillary"}
    assert table.allowed_uses("R2/X9") == table.allowed_uses("R2")
    assert table.allowed_uses("S1") == frozenset()
    assert table.allowed_uses("X9") is None
    assert table.allowed_uses("H11") is None
    assert table.allowed_uses("") is None


def test_unknown_codes(table):
    assert table.unknown_codes("R2/X9") == ["X9"]
    assert table.unknown_codes("H11/R2") == ["H11"]
    assert table.unknown_codes("R2B1") == []
    assert table.unknown_codes("") == []


def test_names(table):
    assert table.use_name("residential") == "住宅"
    assert table.use_name("residential", "en") == "Residential"
    assert table.use_name("nonsense") == "nonsense"
    assert table.land_use_name("070102") == "二类城镇住宅用地"
    assert table.land_use_name("R2/B1") == "二类居住用地 / 商业用地"
    assert table.land_use_name("R2/X9", "en") == "Class-2 residential land / X9"
    assert table.land_use_name("X9") is None
    assert table.land_use_name("") is None


# ---- the shipped table is consistent ------------------------------------------------------------------


def test_every_referenced_use_exists(raw):
    uses = set(raw["uses"])
    assert raw["ancillary_use"] in uses
    for code, spec in raw["land_use"].items():
        assert set(spec.get("uses", ())) <= uses, code
        assert spec.get("zh"), code


def test_every_alias_maps_to_exactly_one_use(raw):
    owner: dict[str, str] = {}
    for use_id, spec in raw["uses"].items():
        for alias in (use_id, spec["zh"], spec["en"], *spec["aliases"]):
            key = _norm_alias(alias)
            assert owner.setdefault(key, use_id) == use_id, f"{alias!r}: {owner[key]} and {use_id}"


def test_every_land_use_key_is_a_single_code(raw, table):
    for code in raw["land_use"]:
        assert split_codes(code) == [code], code
    assert len(table.land_uses) == len(raw["land_use"])


# ---- loading errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[uses.a]\nzh="甲"\naliases=["x"]\n[uses.b]\nzh="乙"\naliases=[" X "]\n', "belongs to both"),
        ('[uses.a]\nzh="甲"\n[land_use]\n"R2" = { zh = "二类", uses = ["b"] }\n', "unknown uses"),
        ('[uses.a]\nzh="甲"\n[land_use]\n"R2/B1" = { zh = "混合", uses = ["a"] }\n', "single land-use code"),
        ('ancillary_use = "z"\n[uses.a]\nzh="甲"\n', "ancillary_use"),
    ],
)
def test_load_rejects_inconsistent_table(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        LandUseTable.load(path)


def test_ancillary_anywhere_off(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text(
        'ancillary_use = "ancillary"\nancillary_anywhere = false\n'
        '[uses.residential]\nzh="住宅"\n[uses.ancillary]\nzh="附属"\naliases=["门卫"]\n'
        '[land_use]\n"R2" = { zh = "二类居住用地", uses = ["residential"] }\n',
        encoding="utf-8",
    )
    t = LandUseTable.load(path)
    assert t.check("R2", "门卫") is False
    assert t.check("R2", "住宅") is True
