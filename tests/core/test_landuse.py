"""Land-use compatibility: code splitting, alias resolution, the shipped table and the check."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from planner.io.landuse import Judgement, LandUseTable, _norm_alias, split_codes

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
        # letter-only mixed codes (商住兼容): each letter is a class; a lower-case second letter is the
        # compatible (兼容) use, which a parcel allows as well
        ("RB", ["R", "B"]),
        ("BR", ["B", "R"]),
        ("Rb", ["R", "B"]),
        ("rb", ["R", "B"]),
        ("BM", ["B", "M"]),  # bxgis: B/M 总部及研发用地
        ("YD", ["YD"]),  # Y is no class letter: left whole (and unknown)
        ("RBX", ["RBX"]),
        # words in brackets qualify the code and are dropped; codes in brackets are secondary uses
        ("R21(安置)", ["R21"]),
        ("R21（安置）", ["R21"]),  # full-width brackets
        ("M1(创)", ["M1"]),
        ("M1【新】", ["M1"]),
        ("R2(商业/B1)", ["R2", "B1"]),
        ("070102(安置)/0901", ["070102", "0901"]),
        # a local eight-digit code (09010501 加油加气站用地) stored as a number lost its leading zero
        (9010501, ["09010501"]),
        ("9010501", ["09010501"]),
        (9010501.0, ["09010501"]),
        ("10010101", ["10010101"]),
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
        # commercial. Plain R2 is R21 + R22: the shops of R22 stand on it (it was False while a class read as its
        # housing subclass only).
        ("R2/B1", "商业", True),
        ("R2", "商业", True),
        ("R21", "工业", False),
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
        # prefix fallback: R23 is not a GB 50137-2011 code, so R2 applies; 090301 is a 2020 trial code with its
        # own entry
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
        ("R2", "住宅/商业", True),  # was False: R2 holds R22's shops
        ("R2", "住宅/工业", False),
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


COMMUNITY = {"commercial", "education", "medical", "welfare", "cultural", "sports", "public_admin", "utility"}


def test_allowed_uses(table):
    # R2 = R21 (housing) + R22 (its service facilities): it was only R21's uses before classes took the union.
    assert table.allowed_uses("R21") == {"residential", "dormitory", "ancillary"}
    assert table.allowed_uses("R2") == {"residential", "dormitory", "ancillary"} | COMMUNITY
    assert table.allowed_uses("R2/B1") == table.allowed_uses("R2") | {"hotel"}
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


# ---- a class allows the union of its subclasses --------------------------------------------------------


@pytest.mark.parametrize("use", ["商业", "社区用房", "幼儿园", "养老", "社区卫生服务站", "住宅"])
@pytest.mark.parametrize("code", ["R2", "R", "07"])
def test_residential_class_holds_its_service_facilities(table, code, use):
    # R2 = R21 住宅用地 + R22 服务设施用地; 07 = 0701 城镇住宅 + 0702 城镇社区服务设施 + 0703 + 0704.
    assert table.judge(code, use) == Judgement("allowed")


def test_union_is_computed_not_written(raw, table):
    # A class entry in the file lists no uses: the loader takes the union of its subclasses.
    for section in ("land_use", "land_use_2020"):
        codes = raw[section]
        for code, spec in codes.items():
            if any(other != code and other.startswith(code) for other in codes):
                assert "uses" not in spec, (section, code)
    assert "uses" not in raw["land_use"]["R2"]
    assert table.lookup("B2").uses == {"office", "rnd", "ancillary"}  # B21, B22 office; B29 office, 研发
    assert table.lookup("0903", "2020").uses == {"commercial", "sports", "ancillary"}  # 090301 + 090302


def test_union_with_an_undecided_subclass(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text(
        '[uses.a]\nzh="甲"\n[uses.b]\nzh="乙"\n[uses.c]\nzh="丙"\n'
        '[land_use]\n"P" = { zh = "类" }\n"P1" = { zh = "一", uses = ["a"] }\n"P2" = { zh = "二", uses = ["b"] }\n'
        '"P3" = { zh = "三" }\n"Q" = { zh = "类二" }\n"Q1" = { zh = "一", uses = ["a"] }\n',
        encoding="utf-8",
    )
    t = LandUseTable.load(path)
    assert t.lookup("P").uses == {"a", "b"} and not t.lookup("P").complete
    assert t.check("P", "甲") is True and t.check("P", "乙") is True
    assert t.judge("P", "丙") == Judgement("unknown", reasons=("undecided",))  # P3 might allow it
    assert t.check("Q", "丙") is False  # Q's only subclass is decided
    assert t.unknown_codes("P/Q") == ["P"]


# ---- ancillary uses (附属/配套) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "use", "use_id"),
    [
        ("A33", "办公楼", "office"),  # a school's own office building
        ("A33", "行政楼", "public_admin"),
        ("A33", "图书馆", "cultural"),
        ("080403", "办公楼", "office"),
        ("A32", "图书馆", "cultural"),
        ("A31", "办公楼", "office"),
        ("A5", "办公楼", "office"),
        ("080601", "办公楼", "office"),
        ("080601", "图书馆", "cultural"),
        ("0805", "办公楼", "office"),
        ("080501", "行政楼", "public_admin"),  # 0805's list applies to its subclasses
        ("0807", "卫生服务站", "medical"),
        ("070102", "商业", "commercial"),  # community facilities on housing land
        ("R21", "社区用房", "public_admin"),
        ("0701", "幼儿园", "education"),
        ("1401", "商店", "commercial"),  # a park's kiosk
        ("M2", "研发楼", "rnd"),
        ("110101", "办公", "office"),
    ],
)
def test_ancillary(table, code, use, use_id):
    code_part = split_codes(code)[0]
    assert table.judge(code, use) == Judgement("ancillary", ((use_id, code_part),))
    assert table.check(code, use) is True  # allowed: the engine warns instead of finding a violation


@pytest.mark.parametrize(
    ("code", "use", "expected"),
    [
        ("R21/B1", "商业", Judgement("allowed")),  # B1 allows it outright: no warning
        ("070102", "住宅/商业", Judgement("ancillary", (("commercial", "070102"),))),
        ("070102", "工业/商业", Judgement("not_allowed")),
        ("A35", "办公", Judgement("not_allowed")),  # offices on research land: still the abuse to catch
        ("A33", "住宅", Judgement("not_allowed")),
        ("1402", "商店", Judgement("not_allowed")),  # buffer green: nothing
        ("A33/X9", "办公", Judgement("ancillary", (("office", "A33"),))),
        ("M1", "门卫", Judgement("allowed")),  # the small ancillary structures stay allowed everywhere
    ],
)
def test_ancillary_combined(table, code, use, expected):
    assert table.judge(code, use) == expected


# ---- 研发, entertainment and sports -----------------------------------------------------------------------


def test_rnd_is_its_own_use(table):
    assert table.normalise_use("研发") == "rnd"
    assert table.normalise_use("研发楼") == "rnd"
    assert table.normalise_use("R&D") == "rnd"
    assert table.normalise_use("科研楼") == "research"
    assert table.normalise_use("研究所") == "research"


@pytest.mark.parametrize(
    ("code", "use", "expected"),
    [
        ("M1", "研发", True),
        ("100101", "研发楼", True),
        ("M1(创)", "研发", True),
        ("10010101", "研发中心", True),  # the local 创新型产业用地 is a 100101
        ("B2", "研发", True),  # through B29 其他商务用地 (技术服务)
        ("B29", "研发", True),
        ("0902", "研发", True),
        ("A35", "研发", True),
        ("0802", "研发", True),
        ("B21", "研发", False),  # finance and insurance
        ("M1", "研究所", False),  # a research institute is not 研发
        ("0903", "体育馆", True),
        ("0903", "健身房", True),
        ("0903", "商业", True),
    ],
)
def test_rnd_and_sports(table, code, use, expected):
    assert table.check(code, use) is expected


@pytest.mark.parametrize("edition", [None, "2020", "2023"])
def test_0903_allows_sports_in_either_edition(table, edition):
    # 2020: 0903 娱乐康体 = 090301 娱乐 + 090302 康体; 2023: 0903 娱乐用地 took in both (CCTool old->new table).
    assert table.judge("0903", "体育馆", edition) == Judgement("allowed")


# ---- numeric codes: leading zero, fallback, the whole code list -------------------------------------------


@pytest.mark.parametrize(
    ("code", "use", "expected"),
    [
        ("9010501", "加油站", True),  # -> 09010501, a local subclass of 090105 公用设施营业网点用地
        (9010501, "商业", True),
        ("9010501", "住宅", False),
        ("070104", "住宅", True),  # not a national code: falls back to 0701
        ("1601", "住宅", False),  # a local 城镇留白用地: 16 has no subclasses, so 16 applies
        ("0799", "住宅", None),  # 07 has subclasses and 0799 is none of them: unknown, not 07
        ("123", "住宅", None),  # -> 0123, not 01 耕地
        ("1001011", "工业", None),  # -> 01001011: nothing; odd-length codes are not read by prefix either
    ],
)
def test_numeric_codes(table, code, use, expected):
    assert table.check(code, use) is expected


def test_every_2023_code_is_listed(table):
    # The code lists of CCTool1.1: 新版用地用海_DM_to_MC.xlsx (2023) has 175 codes, 用地用海_DM_to_MC.xlsx
    # (2020 trial) 169.
    assert len(table.editions["2023"]) == 175
    assert len(table.editions["2020"]) == 169
    assert {c for c in table.editions["2023"] if len(c) == 2} == {f"{k:02d}" for k in range(1, 25)}
    assert table.land_use_name("2001") == "港口用海"
    assert table.land_use_name("2204") == "排污倾倒用海"
    assert table.land_use_name("24", "en") == "Other sea areas"


@pytest.mark.parametrize(
    ("code", "use", "expected"),
    [
        ("1803", "住宅", Judgement("not_allowed")),  # 捕捞海域: open fishing ground
        ("2002", "仓库", Judgement("not_allowed")),  # 航运用海
        ("24", "住宅", Judgement("not_allowed")),  # 其他海域: no use assigned yet
        ("2001", "仓库", Judgement("unknown", reasons=("undecided",))),  # 港口用海: approved as 海域使用
        ("19", "工业", Judgement("unknown", reasons=("undecided",))),
        ("2204", "住宅", Judgement("unknown", reasons=("undecided",))),  # a 2023-only sea code
    ],
)
def test_sea_codes(table, code, use, expected):
    assert table.judge(code, use) == expected


# ---- editions -----------------------------------------------------------------------------------------


def test_a_2020_trial_code_tells_the_edition(table):
    editions = table.editions_of(["0603", "070102", "R2"])
    assert (editions.letters, editions.digits) == ("2011", "2020")
    assert editions.notes() == [("land_use_edition_found", {"edition": "2020", "codes": ["0603"]})]
    assert table.judge("0603", "养殖场", editions) == Judgement("allowed")
    assert table.land_use_name("0903", edition=editions) == "娱乐康体用地"
    assert table.land_use_name("0903", edition="2023") == "娱乐用地"
    assert table.land_use_name("0602", edition=editions) == "种植设施建设用地"
    assert table.land_use_name("0602") == "设施农用地"


def test_a_2023_only_code_tells_the_edition_quietly(table):
    editions = table.editions_of(["060201", "0901"])
    assert editions.digits == "2023"
    assert editions.notes() == []


def test_mixed_2020_and_2023_codes(table):
    editions = table.editions_of(["090301", "0603", "060201", "1311"])
    assert editions.digits is None
    assert editions.notes() == [("land_use_editions_mixed", {
        "edition": "2020", "codes": ["090301", "0603"], "other_edition": "2023", "other_codes": ["060201"]})]
    # Each code only one edition has is read by it; 1311 (2020 干渠, 2023 水工设施用地) only where both agree.
    assert table.judge("090301", "商业", editions) == Judgement("allowed")
    assert table.judge("060201", "温室", editions) == Judgement("allowed")
    assert table.judge("1311", "泵站", editions) == Judgement("unknown", reasons=("edition",))
    assert table.judge("1311", "住宅", editions) == Judgement("not_allowed")  # neither allows housing


@pytest.mark.parametrize(("edition", "expected"), [(None, None), ("2020", False), ("2023", True)])
def test_a_code_whose_meaning_changed_needs_the_edition(table, edition, expected):
    # 1311: 干渠 (a canal: no building) in the 2020 trial, 水工设施用地 (utility buildings) in 2023.
    assert table.check("1311", "泵站", edition) is expected


def test_declared_edition_against_the_codes(table):
    editions = table.editions_of(["090301", "070102"], "2023")
    assert editions.digits == "2023"
    assert editions.notes() == [("land_use_edition_conflict", {"edition": "2023", "other_edition": "2020",
                                                               "codes": ["090301"]})]
    assert table.judge("090301", "体育馆", editions) == Judgement("not_allowed")  # 2020's 090301 娱乐用地
    assert table.judge("090302", "体育馆", editions) == Judgement("allowed")
    with pytest.raises(ValueError, match="1985"):
        table.editions_of(["R2"], "1985")


def test_gbj_137_90_codes_are_not_judged(table):
    # C 公共设施用地 exists only in GBJ 137-90 (2011 split it into A and B): the plan's letter codes are read by
    # 1990, whose classes differ, and not judged with 2011 meanings.
    editions = table.editions_of(["C2", "R2", "M1", "S2"])
    assert editions.letters == "1990"
    assert editions.notes() == [("land_use_edition_found", {"edition": "1990", "codes": ["C2"]})]
    for code, use in (("C2", "商业"), ("R2", "住宅"), ("M1", "住宅"), ("S2", "地铁站")):
        assert table.judge(code, use, editions) == Judgement("unknown", reasons=("old_edition",)), code
    assert table.land_use_name("G1", edition=editions) == "公共绿地"
    assert table.land_use_name("G1") == "公园绿地"
    assert table.unknown_codes("C2") == ["C2"]


def test_declared_1990(table):
    assert table.judge("M1", "工业", "1990") == Judgement("unknown", reasons=("old_edition",))
    editions = table.editions_of(["M1", "B1"], "1990")
    assert editions.notes() == [("land_use_edition_conflict", {"edition": "1990", "other_edition": "2011",
                                                               "codes": ["B1"]})]
    assert table.judge("B1", "商业", editions) == Judgement("allowed")  # 1990 has no B: read by 2011


def test_local_letter_codes_do_not_make_a_plan_1990(table):
    # R23 is a GBJ 137-90 code, U4 and S11 are 1990 codes too, but also local extensions of 2011 classes
    # (bxgis: U4 干渠, S11 城市快速路): read by GB 50137-2011 through their class.
    editions = table.editions_of(["R23", "U4", "S11", "R2"])
    assert editions.letters == "2011" and editions.notes() == []
    assert table.check("R23", "住宅", editions) is True
    assert table.check("S11", "住宅", editions) is False


def test_mixed_1990_and_2011_codes(table):
    editions = table.editions_of(["C2", "B1", "R2"])
    assert editions.letters is None
    assert editions.notes()[0][0] == "land_use_editions_mixed"
    assert table.judge("B1", "商业", editions) == Judgement("allowed")
    assert table.judge("C2", "商业", editions) == Judgement("unknown", reasons=("old_edition",))
    assert table.judge("R2", "住宅", editions) == Judgement("unknown", reasons=("edition",))
    assert table.edition_pair("R2", editions) == ("1990", "2011")
    assert table.edition_pair("B1", editions) is None
    assert table.edition_pair("070102/1311") == ("2020", "2023")


# ---- sources ------------------------------------------------------------------------------------------


def test_every_entry_says_where_it_comes_from(raw, table):
    for edition, entries in table.editions.items():
        for code, entry in entries.items():
            assert entry.source, (edition, code)
            assert set(entry.source) <= set(raw["sources"]), (edition, code)
    assert table.lookup("R21").source == ("gb50137", "planner")
    assert table.lookup("100101").source == ("guide2023", "industry2008", "mapping", "planner")
    assert table.lookup("C2").source == ("gbj137",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[sources]\na = "x"\n[uses.a]\nzh="甲"\n[land_use]\n"R2" = { zh = "二", source = ["b"] }\n', "unknown sources"),
        ('[uses.a]\nzh="甲"\n[land_use_2020]\n"R2" = { zh = "二" }\n', "letter code"),
        ('[uses.a]\nzh="甲"\n[land_use_1990]\n"0701" = { zh = "住" }\n', "letter codes"),
        ('[uses.a]\nzh="甲"\n[land_use]\n"R2" = { zh = "二", editions = ["2023"] }\n', "letter code"),
        ('[uses.a]\nzh="甲"\n[land_use]\n"0701" = { zh = "住", editions = ["2011"] }\n', "editions must be"),
        ('[uses.a]\nzh="甲"\n[land_use]\n"0701" = { zh = "住", ancillary = ["b"] }\n', "unknown uses"),
    ],
)
def test_load_rejects_inconsistent_editions(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        LandUseTable.load(path)
