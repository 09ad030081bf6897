"""Merchant numbers and receipts: `merchant decode`, `receipt check`, the
shipped tables (validated like the checklists), the home's own entries, and
`mcc` in the profile."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from conftest import TODAY

DATA = Path(__file__).resolve().parent.parent / "src" / "posguide" / "data"
ENV = {"POSGUIDE_TODAY": TODAY}

OWN_NO = "822581058120001"  # Lakala, Guangzhou, restaurant
OWN = ["--merchant-no", OWN_NO, "--merchant-name", "快乐面馆有限公司", "--mcc", "5812",
       "--terminal-id", "AB12CD34"]


@pytest.fixture
def shop(cli):
    """A restaurant whose own merchant number, name, MCC and terminal ID are saved."""
    r = cli("init", "--no-input", "--purchased", "2024-03-01", "--support-phone", "95016",
            *OWN, env=ENV)
    assert r.exit_code == 0, r.output
    return r


# ------------------------------------------------------------------ decode


@pytest.mark.parametrize(("number", "acquirer", "region", "mcc", "fee_class", "sequence"), [
    # UnionPay's inter-bank region codes
    ("102-5810-8398-6056", "Industrial and Commercial Bank of China (ICBC)", "Guangzhou",
     "Charities and social service organisations", "welfare", "6056"),
    ("105 2900 5813 0392", "China Construction Bank (CCB)", "Shanghai",
     "Bars and other drinking places", "standard", "0392"),
    ("806-5840-5411-0007", "China UnionPay Merchant Services", "Shenzhen",
     "Supermarkets and grocery stores", "preferential", "0007"),
    # the national administrative code, as a few acquirers write it
    ("822440158120001", "Lakala Payment", "Guangzhou", "Restaurants", "standard", "0001"),
    ("836-3100-5541-0100", "Suixingfu Payment", "Shanghai", "Fuel stations", "preferential",
     "0100"),
])
def test_decode_reads_each_part(cli, number, acquirer, region, mcc, fee_class,
                                sequence) -> None:
    r = cli("merchant", "decode", number)
    assert r.exit_code == 0, r.output
    assert acquirer in r.out and region in r.out and mcc in r.out
    assert {"standard": "Fee class: standard (标准类)",
            "preferential": "Fee class: preferential (优惠类)",
            "welfare": "Fee class: public welfare (减免类)"}[fee_class] in r.out
    assert "cannot show what business the shop really does" in r.out
    data = json.loads(cli("merchant", "decode", number, "--json").stdout)
    assert data["acquirer"]["name"]["en"] == acquirer
    assert data["mcc"]["fee_class"] == fee_class and data["sequence"] == sequence
    assert [m["name"]["en"] for m in data["region"]["meanings"]] == [region]


def test_decode_says_which_region_convention_it_may_be(cli) -> None:
    r = cli("merchant", "decode", "102581083986056")
    assert "Guangzhou, in UnionPay's inter-bank region codes, which most acquirers" in r.out
    assert "As a national administrative code" in r.out and "not one posguide knows" in r.out
    r = cli("merchant", "decode", "822440158120001")
    assert "Guangzhou, if the acquirer writes the national administrative code" in r.out
    data = json.loads(cli("merchant", "decode", "822440158120001", "--json").stdout)
    assert data["region"]["meanings"][0]["convention"] == "national"
    r = cli("merchant", "decode", "822999958120001")
    assert "Not in posguide's short list of region codes" in r.out
    assert json.loads(cli("merchant", "decode", "822999958120001", "--json").stdout)[
        "region"]["meanings"] == []
    r = cli("--lang", "zh", "merchant", "decode", "822440158120001")
    assert "国家行政区划代码" in r.out and "广州市" in r.out


def test_a_code_known_in_both_conventions_shows_both(cli, home: Path) -> None:
    (home / "data").mkdir(parents=True)
    (home / "data" / "regions.toml").write_text(
        '[unionpay.1100]\nen = "Tianjin"\nzh = "天津"\nsource = "test"\n', encoding="utf-8")
    r = cli("merchant", "decode", "102110058120001")
    assert "Either Tianjin (UnionPay's inter-bank region code" in r.out
    assert "or Beijing (the national administrative code" in r.out
    assert "does not say which" in r.out


def test_letters_in_the_sequence_decode(cli) -> None:
    r = cli("merchant", "decode", "822-5810-5812-0a1b")
    assert r.exit_code == 0, r.output
    assert "822 5810 5812 0A1B" in r.out
    assert json.loads(cli("merchant", "decode", "8225810581200A1", "--json").stdout)[
        "sequence"] == "00A1"


def test_unknown_acquirer_and_mcc_say_so(cli) -> None:
    data = json.loads(cli("merchant", "decode", "999581099990001", "--json").stdout)
    assert data["acquirer"]["name"] is None and data["mcc"]["fee_class"] is None
    r = cli("merchant", "decode", "999581099990001")
    assert r.exit_code == 0
    assert "Not in posguide's list. This part names the bank or payment company" in r.out
    assert "its fee class is not known here" in r.out


@pytest.mark.parametrize(("number", "en", "zh"), [
    ("12x", "'12x' has 3 characters; a merchant number has 15", "“12x”有 3 位，商户号应为 15 位"),
    ("1025810839860561", "has 16 characters", "有 16 位"),
    ("102-5810-8398-605!", "holds characters a merchant number does not have (!)",
     "里有商户号不会有的字符（!）"),
    ("", "nothing given", "没有输入"),
])
def test_garbage_is_a_usage_error_naming_the_field(cli, number: str, en: str, zh: str) -> None:
    r = cli("merchant", "decode", number)
    assert r.exit_code == 2, r.output
    assert en in r.err and "Traceback" not in r.output and r.stdout == ""
    r = cli("--lang", "zh", "merchant", "decode", number)
    assert r.exit_code == 2
    assert "".join(zh.split()) in "".join(r.stderr.split())


@pytest.mark.parametrize(("number", "unreadable", "still_read"), [
    ("1A2581083986056", "'1A2' is not 3 digits", "Charities and social service organisations"),
    ("10258X0839860AB", "'58X0' is not 4 digits", "Industrial and Commercial Bank of China"),
    ("1025810B3986056", "'B398' is not 4 digits", "Guangzhou"),
])
def test_letters_outside_the_sequence_decode_leniently(cli, number: str, unreadable: str,
                                                       still_read: str) -> None:
    """DESIGN.md 10: read what can be read, mark the rest unknown, exit 0."""
    r = cli("merchant", "decode", number)
    assert r.exit_code == 0, r.output
    out = " ".join(r.out.split())
    assert unreadable in out and "some acquirers number their merchants their own way" in out
    assert still_read in out
    data = json.loads(cli("merchant", "decode", number, "--json").stdout)
    parts = [data["acquirer"]["name"], data["region"]["meanings"], data["mcc"]["name"]]
    assert sum(1 for p in parts if not p) == 1  # only the part with a letter is unknown
    r = cli("--lang", "zh", "merchant", "decode", number)
    assert r.exit_code == 0 and "无法按通常的编排解读" in "".join(r.out.split())


def test_decode_in_chinese(cli) -> None:
    r = cli("--lang", "zh", "merchant", "decode", "102-5810-8398-6056")
    assert r.exit_code == 0
    for words in ("中国工商银行（银行）", "按银联跨行业务地区代码", "广州", "慈善及社会服务机构",
                  "收费类别：减免类", "顺序号"):
        assert words in r.out.replace(" ", ""), words


# ------------------------------------------------------------------ the tables


def load(name: str) -> dict:
    with open(DATA / f"{name}.toml", "rb") as fh:
        return tomllib.load(fh)


def test_shipped_tables_load_through_the_engine() -> None:
    from posguide.merchant import builtin_tables

    tables = builtin_tables()
    assert len(tables.acquirers) == len(load("acquirers")["acquirers"])
    assert len(tables.mccs) == len(load("mcc")["mcc"])
    assert len(tables.regions) == sum(len(v) for v in load("regions").values())


def test_every_entry_has_both_languages_and_a_source() -> None:
    tables = {"acquirers": load("acquirers")["acquirers"], "mcc": load("mcc")["mcc"],
              **{f"regions.{c}": v for c, v in load("regions").items()}}
    for table, entries in tables.items():
        for code, entry in entries.items():
            where = f"{table}.{code}"
            assert code.isdigit() and len(code) == (3 if table == "acquirers" else 4), where
            for key in ("en", "zh", "source"):
                assert isinstance(entry[key], str) and entry[key].strip(), where
            assert any("\u4e00" <= ch <= "\u9fff" for ch in entry["zh"]), where
            assert not any("\u4e00" <= ch <= "\u9fff" for ch in entry["en"]), where


def test_the_domain_brief_codes_are_shipped_with_their_fee_class() -> None:
    acquirers = load("acquirers")["acquirers"]
    assert {code: a["zh"] for code, a in acquirers.items()} == {
        "102": "中国工商银行", "105": "中国建设银行", "802": "银联商务", "806": "银联商务",
        "811": "银联商务", "822": "拉卡拉支付", "836": "随行付支付"}
    mcc = load("mcc")["mcc"]
    classes = {
        "standard": ["5812", "5813", "5814", "5311", "5331", "5499", "5691", "5999", "7230",
                     "7011"],
        "preferential": ["5411", "4900", "5541", "5542", "4111", "4131"],
        "welfare": ["8062", "8211", "8351", "8398"],
    }
    for fee_class, codes in classes.items():
        for code in codes:
            assert mcc[code]["class"] == fee_class, code
    regions = load("regions")
    assert regions["unionpay"]["2900"]["en"] == "Shanghai"
    assert regions["unionpay"]["5810"]["en"] == "Guangzhou"


def test_every_group_and_class_has_words() -> None:
    from posguide.i18n import catalogue
    from posguide.merchant import FEE_CLASSES

    known = catalogue("merchant")
    for fee_class in FEE_CLASSES:
        assert f"merchant.class.{fee_class}" in known
        assert f"merchant.class_long.{fee_class}" in known
    keys = [f"merchant.check.{f}.{s}" for f in ("merchant_no", "name", "terminal_id", "mcc")
            for s in ("match", "unknown")]
    keys += ["merchant.check.merchant_no.mismatch", "merchant.check.name.mismatch",
             "merchant.check.terminal_id.mismatch", "merchant.check.name.match.shortened",
             "merchant.check.mcc.near.same_kind",
             "merchant.check.terminal_id.mismatch.another_terminal"]
    keys += [f"merchant.check.mcc.mismatch.{d}" for d in
             ("cheaper", "dearer", "other_kind", "unlisted")]
    keys += [f"merchant.what.{f}" for f in ("merchant_no", "name", "terminal_id", "mcc")]
    keys += [f"merchant.part.{p}" for p in ("acquirer", "region", "mcc", "sequence")]
    keys += [f"merchant.acquirer_{k}" for k in ("bank", "payment_company")]
    assert [k for k in keys if k not in known] == []


def test_home_entries_add_to_the_shipped_tables(cli, home: Path) -> None:
    (home / "data").mkdir(parents=True)
    (home / "data" / "acquirers.toml").write_text(
        '[acquirers.999]\nen = "Test Pay"\nzh = "测试支付"\nkind = "payment-company"\n'
        'source = "my contract"\n', encoding="utf-8")
    (home / "data" / "mcc.toml").write_text(
        '[mcc.7999]\nen = "Recreation services"\nzh = "娱乐服务"\nclass = "standard"\n'
        'group = "leisure"\nsource = "ISO 18245"\n', encoding="utf-8")
    data = json.loads(cli("merchant", "decode", "999581079990001", "--json").stdout)
    assert data["acquirer"]["name"]["zh"] == "测试支付"
    assert data["mcc"]["name"]["en"] == "Recreation services"
    # the shipped entries are still there
    assert json.loads(cli("merchant", "decode", "102581083986056", "--json").stdout)[
        "acquirer"]["name"] is not None


@pytest.mark.parametrize(("file", "text", "says"), [
    ("mcc.toml", '[mcc.7999]\nen = "X"\nzh = "娱乐"\nclass = "cheap"\ngroup = "leisure"\n'
     'source = "s"\n', "key 'mcc.7999.class': 'cheap' is not one of standard, preferential"),
    ("mcc.toml", '[mcc.799]\nen = "X"\nzh = "娱乐"\nclass = "standard"\ngroup = "leisure"\n'
     'source = "s"\n', "key 'mcc.799': the code must be 4 digits"),
    ("mcc.toml", '[mcc.7999]\nen = "X"\nzh = "娱乐"\nclass = "standard"\ngroup = "leisure"\n',
     "key 'mcc.7999.source': missing"),
    ("acquirers.toml", '[acquirers.999]\nen = "X"\nzh = ""\nkind = "bank"\nsource = "s"\n',
     "key 'acquirers.999.zh': must be a text in quotes"),
    ("acquirers.toml", '[acquirer.999]\nen = "X"\n', "key 'acquirer': unknown table"),
    ("regions.toml", '[unionpay.2900]\nen = "X"\nzh = "上"\nsource = "s"\nextra = 1\n',
     "key 'unionpay.2900.extra': unknown key"),
    ("regions.toml", '[unionpay.2900\n', "Expected"),
])
def test_a_bad_home_table_stops_with_exit_3_naming_file_and_key(cli, home: Path, file: str,
                                                                text: str, says: str) -> None:
    (home / "data").mkdir(parents=True)
    (home / "data" / file).write_text(text, encoding="utf-8")
    r = cli("merchant", "decode", "102581083986056")
    assert r.exit_code == 3, r.output
    assert str(home / "data" / file) in r.err.replace("\n", "") or file in r.err
    assert says in r.err


def test_tables_are_read_only_by_the_commands_that_need_them(cli, shop, monkeypatch) -> None:
    import posguide.merchant as merchant

    def refuse(*args, **kwargs):
        raise AssertionError("tables read")

    monkeypatch.setattr(merchant, "load_tables", refuse)
    assert cli("status", env=ENV).exit_code in (0, 1)
    assert cli("profile", "set", "brand", "Lakala").exit_code == 0
    assert cli("history").exit_code == 0


# ------------------------------------------------------------------ mcc in the profile


def test_mcc_in_init_profile_and_csv(cli, shop, home: Path, tmp_path: Path) -> None:
    shown = json.loads(cli("profile", "show", "--json").stdout)
    assert shown["mcc"] == "5812" and shown["merchant_name"] == "快乐面馆有限公司"
    assert 'mcc = "5812"' in (home / "profile.toml").read_text(encoding="utf-8")
    r = cli("profile", "show")
    assert "Business type code" in r.out and "5812 Restaurants (standard fees)" in r.out
    r = cli("profile", "set", "mcc", "5411")
    assert r.exit_code == 0 and "from 5812 to 5411" in r.out
    r = cli("terminal", "export")
    header, row = r.stdout.splitlines()[:2]
    assert "mcc" in header.split(",") and "5411" in row.split(",")
    csv_path = tmp_path / "f.csv"
    csv_path.write_text("name,purchased,mcc\nshop2,2024-03-01,7230\nshop3,2024-03-01,1234\n",
                        encoding="utf-8")
    r = cli("terminal", "import", str(csv_path), env=ENV)
    assert r.exit_code == 2
    assert "line 3" in r.err and "1234 is not in posguide's list of business types" in r.err
    assert "line 2" not in r.err


def test_an_unknown_mcc_must_be_confirmed(cli, shop) -> None:
    r = cli("profile", "set", "mcc", "1234")
    assert r.exit_code == 2
    assert "1234 is not in posguide's list" in r.err and "--force" in r.err
    assert cli("profile", "set", "mcc", "1234", "--force").exit_code == 0
    r = cli("--lang", "zh", "init", "--no-input", "--name", "b", "--purchased", "2024-03-01",
            "--mcc", "1234")
    assert r.exit_code == 2 and "不在 posguide 收录的经营类别里" in r.err
    for bad in ("58a2", "581", "58120"):
        r = cli("profile", "set", "mcc", bad)
        assert r.exit_code == 2 and "is not a business type code. It has 4 digits" in r.err


def test_an_mcc_from_the_homes_own_table_needs_no_confirmation(cli, shop, home: Path) -> None:
    (home / "data").mkdir()
    (home / "data" / "mcc.toml").write_text(
        '[mcc.7999]\nen = "Recreation services"\nzh = "娱乐服务"\nclass = "standard"\n'
        'group = "leisure"\nsource = "ISO 18245"\n', encoding="utf-8")
    assert cli("profile", "set", "mcc", "7999").exit_code == 0
    # In a fresh process too, where nothing has resolved the home before the
    # value is checked (and with --home rather than $POSGUIDE_HOME).
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "POSGUIDE_HOME"}
    done = subprocess.run([sys.executable, "-m", "posguide", "--home", str(home), "profile",
                           "set", "mcc", "7999"], env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60)
    assert done.returncode == 0, done.stderr


def test_an_unknown_mcc_is_asked_about_in_a_checklist(cli, shop) -> None:
    # The activation checklist's `mcc` step: 1234 is shown and refused (n),
    # then 5812 is taken.
    from posguide.checklist import load_builtin

    steps = load_builtin("activation").steps
    lines = []
    for step in steps:
        if step.sets == "mcc":
            lines += ["1234", "n", "5812"]
        elif step.kind == "input":
            lines.append({"merchant_no": OWN_NO, "support_phone": "95016", "fee_rate": "0.6",
                          "activated": "2024-03-05", "terminal_id": "AB12CD34",
                          "sim.expires": "+1y"}.get(step.sets or "", "N5-0012345"))
        else:
            lines.append("y")
    r = cli("checklist", "activation", input="\n".join(lines) + "\n", env=ENV)
    assert r.exit_code == 0, r.output
    assert "1234 is not in posguide's list" in r.out
    assert json.loads(cli("profile", "show", "--json").stdout)["mcc"] == "5812"


# ------------------------------------------------------------------ receipt check


def test_a_receipt_that_matches_exits_0(cli, shop) -> None:
    r = cli("receipt", "check", "--merchant-no", "822-5810-5812-0001", "--name", "快乐面馆",
            "--terminal-id", "ab12cd34")
    assert r.exit_code == 0, r.output
    assert "This receipt is yours" in r.out
    assert "merchant number, merchant name, terminal ID, business type" in r.out
    assert "shortened form of yours" in r.out
    assert "Restaurants (5812, standard fees), as in your records" in r.out
    assert "What to do" not in r.out


def test_another_merchant_number_is_foreign(cli, shop) -> None:
    r = cli("receipt", "check", "--merchant-no", "822581058129999")
    assert r.exit_code == 1
    assert "does not match your own records: 1 thing differs" in r.out
    assert "the receipt shows 822-5810-5812-9999, but yours is 822-5810-5812-0001" in r.out
    assert "二清" in r.out
    assert "take no more card payments with this terminal" in r.out
    data = json.loads(cli("receipt", "check", "--merchant-no", "822581058129999",
                          "--json").stdout)
    assert data["verdict"] == "mismatch" and data["kinds"] == ["foreign"]
    assert data["findings"][0] == {"field": "merchant_no", "status": "mismatch",
                                   "kind": "foreign", "receipt": "822581058129999",
                                   "own": OWN_NO, "detail": None,
                                   "other_terminal": None}


def test_another_name_is_foreign(cli, shop) -> None:
    r = cli("receipt", "check", "--merchant-no", OWN_NO, "--name", "某某贸易有限公司")
    assert r.exit_code == 1
    assert "the receipt shows '某某贸易有限公司', but yours is '快乐面馆有限公司'" in r.out
    data = json.loads(cli("receipt", "check", "--merchant-no", OWN_NO, "--name",
                          "某某贸易有限公司", "--json").stdout)
    assert data["kinds"] == ["foreign"]
    assert [f["status"] for f in data["findings"] if f["field"] == "name"] == ["mismatch"]


def test_another_terminal_id_is_foreign(cli, shop) -> None:
    r = cli("receipt", "check", "--merchant-no", OWN_NO, "--terminal-id", "ZZ999999")
    assert r.exit_code == 1
    assert "the receipt shows ZZ999999, but this terminal's is AB12CD34" in r.out
    r = cli("receipt", "check", "--merchant-no", OWN_NO, "--terminal-id", "ZZ9")
    assert r.exit_code == 2 and "terminal_id" in r.err


@pytest.mark.parametrize(("number", "mcc", "detail", "says"), [
    # a restaurant's sale as a supermarket: the classic 跳码, to a cheaper class
    (OWN_NO, "5411", "cheaper", "Supermarkets and grocery stores (5411, preferential: lower"
     " fees), but your business is Restaurants (5812, standard fees). Booking sales under a"
     " business type with lower card fees is called 跳码"),
    (OWN_NO, "8398", "cheaper", "Charities and social service organisations (8398, public"
     " welfare: lowest fees)"),
    (OWN_NO, "7011", "other_kind", "a different kind of business from yours"),
    (OWN_NO, "9999", "unlisted", "code 9999 (not in posguide's list)"),
    # read from the receipt's merchant number when --mcc is not given
    ("822581054110001", None, "cheaper", "The business type code (MCC) was read from the 8th"
     " to 11th characters of the merchant number"),
])
def test_another_business_type_is_jump(cli, shop, number, mcc, detail, says) -> None:
    args = ["receipt", "check", "--merchant-no", number] + (["--mcc", mcc] if mcc else [])
    r = cli(*args)
    assert r.exit_code == 1, r.output
    assert says in r.out
    assert "三单一致" in r.out and "云闪付" in r.out
    data = json.loads(cli(*args, "--json").stdout)
    finding = next(f for f in data["findings"] if f["field"] == "mcc")
    assert (finding["status"], finding["kind"], finding["detail"]) == ("mismatch", "jump",
                                                                       detail)
    assert "jump" in data["kinds"]


def test_a_dearer_business_type_says_you_may_pay_more(cli, shop) -> None:
    assert cli("profile", "set", "mcc", "5411").exit_code == 0
    r = cli("receipt", "check", "--merchant-no", OWN_NO, "--mcc", "5812")
    assert r.exit_code == 1
    assert "That type has higher card fees than yours" in r.out
    assert "Keep this receipt." in r.out and "take no more card payments" not in r.out


def test_the_same_kind_of_business_is_a_note_not_a_mismatch(cli, shop) -> None:
    r = cli("receipt", "check", "--merchant-no", OWN_NO, "--mcc", "5814")
    assert r.exit_code == 0, r.output
    assert "same kind of business with the same fees" in r.out
    assert "posguide profile set mcc CODE" in r.out
    data = json.loads(cli("receipt", "check", "--merchant-no", OWN_NO, "--mcc", "5814",
                          "--json").stdout)
    assert data["verdict"] == "match"
    assert data["findings"][1]["status"] == "near"


def test_every_kind_at_once_in_both_languages(cli, shop) -> None:
    args = ["receipt", "check", "--merchant-no", "822290054110042", "--name", "XX贸易",
            "--terminal-id", "ZZ999999"]
    r = cli(*args)
    assert r.exit_code == 1
    assert "4 things differ" in r.out
    assert "What to do now:" in r.out
    assert "Call your provider's support number, 95016 (saved in your profile" in r.out
    assert "Never call a number from an advert" in r.out
    assert "posguide checklist legit-check" in r.out
    r = cli("--lang", "zh", *args)
    assert r.exit_code == 1
    out = r.out.replace(" ", "")
    for words in ("有4处不一致", "商户号不对", "商户名称不对", "终端号不对", "经营类别不对",
                  "这叫“跳码”", "二清", "现在请这样做", "三单一致", "云闪付",
                  "客服电话95016", "不要拨打广告、短信或来电里给的号码",
                  "postguidechecklistlegit-check".replace("postguide", "posguide")):
        assert words in out, words


def test_what_is_not_saved_cannot_be_compared(cli) -> None:
    r = cli("init", "--no-input", "--purchased", "2024-03-01", env=ENV)
    assert r.exit_code == 0
    r = cli("receipt", "check", "--merchant-no", OWN_NO, "--name", "快乐面馆", "--terminal-id",
            "AB12CD34")
    assert r.exit_code == 1
    assert "cannot tell yet whether this receipt is yours" in r.out
    assert "Take yours from your contract or the official merchant app (not from a receipt" in r.out
    for command in ("posguide profile set merchant_no NUMBER",
                    "posguide profile set merchant_name NAME",
                    "posguide profile set terminal_id ID", "posguide profile set mcc CODE"):
        assert command in r.out, command
    assert "Restaurants (5812, standard fees)" in r.out
    data = json.loads(cli("receipt", "check", "--merchant-no", OWN_NO, "--json").stdout)
    assert data["verdict"] == "incomplete"
    assert {f["status"] for f in data["findings"]} == {"unknown"}


def test_partly_compared_says_what_matched_and_what_is_missing(cli) -> None:
    assert cli("init", "--no-input", "--purchased", "2024-03-01", "--merchant-no",
               OWN_NO).exit_code == 0
    r = cli("receipt", "check", "--merchant-no", OWN_NO)
    assert r.exit_code == 1
    assert "Nothing on this receipt differs from your records, but some of it" in r.out
    assert "Merchant number 822-5810-5812-0001 is yours" in r.out


def test_commands_name_the_terminal_when_it_is_not_the_default(cli, shop) -> None:
    assert cli("init", "--no-input", "--name", "shop2", "--purchased", "2024-03-01",
               env=ENV).exit_code == 0
    r = cli("receipt", "check", "--terminal", "shop2", "--merchant-no", OWN_NO)
    assert r.exit_code == 1
    assert "posguide profile set merchant_no NUMBER --terminal shop2" in r.out


def test_without_a_support_number_it_says_where_to_find_one(cli) -> None:
    assert cli("init", "--no-input", "--purchased", "2024-03-01", "--merchant-no",
               OWN_NO).exit_code == 0
    r = cli("receipt", "check", "--merchant-no", "102581083986056")
    assert r.exit_code == 1
    assert "Call the support number printed on your contract or on the terminal's sticker" in r.out
    assert "posguide profile set support_phone NUMBER" in r.out


def test_a_mobile_support_number_is_warned_about(cli) -> None:
    assert cli("init", "--no-input", "--purchased", "2024-03-01", "--merchant-no", OWN_NO,
               "--support-phone", "13812345678", "--force").exit_code == 0
    r = cli("receipt", "check", "--merchant-no", "102581083986056")
    assert "That is a mobile number" in r.out


def test_missing_merchant_number_when_piped_is_a_usage_error(cli, shop) -> None:
    r = cli("receipt", "check", "--name", "x", input="")
    assert r.exit_code == 2
    assert "Missing --merchant-no: the merchant number printed on the receipt" in r.err
    r = cli("--lang", "zh", "receipt", "check", input="")
    assert r.exit_code == 2 and "缺少 --merchant-no" in r.err


def test_bad_receipt_values_name_the_field(cli, shop) -> None:
    card = "6222 0212 3456 7890 128"  # passes Luhn: never stored, never echoed
    r = cli("receipt", "check", "--merchant-no", OWN_NO, "--name", card)
    assert r.exit_code == 2 and "merchant_name" in r.err
    r = cli("receipt", "check", "--merchant-no", "12345")
    assert r.exit_code == 2 and "has 5 characters; a merchant number has 15" in r.err
    r = cli("receipt", "check", "--merchant-no", OWN_NO, "--mcc", "58")
    assert r.exit_code == 2 and "is not a business type code" in r.err


def test_receipt_check_without_a_profile(cli) -> None:
    r = cli("receipt", "check", "--merchant-no", OWN_NO)
    assert r.exit_code == 2 and "posguide init" in r.err


# ------------------------------------------------------------------ for the statement audit


def test_foreign_fields_compares_a_record_with_the_terminal() -> None:
    from datetime import date

    from posguide.merchant import foreign_fields
    from posguide.profile import Terminal

    term = Terminal(name="t", purchased=date(2024, 3, 1), merchant_no=OWN_NO,
                    terminal_id="AB12CD34")
    assert foreign_fields(term, "822-5810-5812-0001", "ab12cd34") == ()
    assert foreign_fields(term, "822581058129999", "AB12CD34") == ("merchant_no",)
    assert foreign_fields(term, OWN_NO, "ZZ999999") == ("terminal_id",)
    assert foreign_fields(term, "102581083986056", "ZZ999999") == ("merchant_no", "terminal_id")
    assert foreign_fields(term, None, "") == ()  # nothing shown: nothing differs
    assert foreign_fields(Terminal(name="u", purchased=date(2024, 3, 1)), OWN_NO, "X") == ()


@pytest.mark.parametrize(("receipt", "own", "how"), [
    ("快乐面馆", "快乐面馆有限公司", "shortened"),
    ("ＨＡＰＰＹ Noodles", "happy  noodles", "match"),
    ("快乐面馆（天河店）", "快乐面馆天河店", "match"),
    ("某某贸易", "快乐面馆", "mismatch"),
    ("面", "快乐面馆", "mismatch"),  # one character is not a name
    # Another shop's name that holds the own one is not a cut of it.
    ("好又多便利店", "便利店", "mismatch"),
    ("快乐面馆天河二店", "快乐面馆", "mismatch"),
    # A cut must still be most of a short name, or 4 characters of a long one.
    ("便利店", "好又多便利店", "mismatch"),
    ("好又多便利", "好又多便利店", "shortened"),
    ("好又多便利店", "深圳市好又多便利店有限公司", "shortened"),
    ("ABC", "ABC Mart", "mismatch"),
    ("ABC Mar", "ABC Mart", "shortened"),
])
def test_names_are_compared_as_receipts_print_them(receipt: str, own: str, how: str) -> None:
    from posguide.merchant import compare_names

    assert compare_names(receipt, own) == how


def test_status_does_not_import_the_merchant_module(shop, home: Path) -> None:
    """Start-up stays as it was: the tables' module is loaded by its commands only."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "POSGUIDE_HOME": str(home), "POSGUIDE_TODAY": TODAY}
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "posguide", "status"],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode in (0, 1), done.stderr
    assert "posguide.profile" in done.stderr  # the profile (with its mcc) was read
    assert "posguide.merchant" not in done.stderr


def test_a_terminal_id_of_another_of_your_terminals_is_named(cli, shop) -> None:
    assert cli("init", "--no-input", "--name", "shop2", "--purchased", "2024-03-01",
               "--terminal-id", "CD34EF56", env=ENV).exit_code == 0
    r = cli("receipt", "check", "--merchant-no", OWN_NO, "--terminal-id", "CD34EF56")
    assert r.exit_code == 1
    assert "CD34EF56 is not this terminal's (AB12CD34) but that of your terminal 'shop2'" in r.out
    assert "posguide receipt check --terminal shop2" in r.out
    data = json.loads(cli("receipt", "check", "--merchant-no", OWN_NO, "--terminal-id",
                          "CD34EF56", "--json").stdout)
    finding = data["findings"][1]
    assert (finding["detail"], finding["other_terminal"]) == ("another_terminal", "shop2")


def test_another_shops_name_holding_yours_is_a_mismatch(cli) -> None:
    assert cli("init", "--no-input", "--purchased", "2024-03-01", "--merchant-no", OWN_NO,
               "--merchant-name", "便利店", env=ENV).exit_code == 0
    r = cli("receipt", "check", "--merchant-no", OWN_NO, "--name", "好又多便利店")
    assert r.exit_code == 1, r.output
    assert "the receipt shows '好又多便利店', but yours is '便利店'" in r.out


def test_your_own_number_carrying_another_mcc_is_a_question_not_jump(cli) -> None:
    """The MCC sits in the number by convention only: on the merchant's own
    number, a code that differs from the contract's is for the acquirer to
    explain, not 跳码."""
    own = "822581058126056"  # carries 5812; the contract says 5311
    assert cli("init", "--no-input", "--purchased", "2024-03-01", "--merchant-no", own,
               "--mcc", "5311", env=ENV).exit_code == 0
    r = cli("receipt", "check", "--merchant-no", own)
    assert r.exit_code == 0, r.output
    out = " ".join(r.out.split())
    assert "your merchant number carries Restaurants (5812" in out
    assert "your contract says Department stores (5311" in out or "your contract says" in out
    assert "ask your acquirer which business type you are registered under" in out
    assert "What to do" not in out
    data = json.loads(cli("receipt", "check", "--merchant-no", own, "--json").stdout)
    assert data["verdict"] == "match" and data["kinds"] == []
    [mcc] = [f for f in data["findings"] if f["field"] == "mcc"]
    assert (mcc["status"], mcc["detail"]) == ("near", "own_number")
    r = cli("--lang", "zh", "receipt", "check", "--merchant-no", own)
    assert r.exit_code == 0 and "请向收单机构问清您登记的是哪个经营类别" in "".join(r.out.split())
    # The receipt printing that code itself, or another number carrying it, still is.
    assert cli("receipt", "check", "--merchant-no", own, "--mcc", "5812").exit_code == 1
    assert cli("receipt", "check", "--merchant-no", "822581058129999").exit_code == 1


@pytest.mark.parametrize("typed", [
    "８２２５８１０５８１２０００１",  # full-width digits, as a Chinese input method types
    "822·5810·5812·0001",
    "822－5810－5812－0001",
    "822 5810 5812 0001",
    "822/5810/5812/0001",
])
def test_a_merchant_number_is_read_the_same_by_profile_and_receipt(cli, typed: str) -> None:
    assert cli("init", "--no-input", "--purchased", "2024-03-01", "--mcc", "5812",
               env=ENV).exit_code == 0
    r = cli("profile", "set", "merchant_no", typed)
    assert r.exit_code == 0, r.output
    assert json.loads(cli("profile", "show", "--json").stdout)["merchant_no"] == OWN_NO
    assert cli("receipt", "check", "--merchant-no", typed).exit_code == 0
    assert cli("merchant", "decode", typed).exit_code == 0


@pytest.mark.parametrize(("typed", "en", "zh"), [
    ("82258105812000", "has 14 characters; a merchant number has 15", "有 14 位"),
    ("822581058120001!", "holds characters a merchant number does not have (!)",
     "里有商户号不会有的字符（!）"),
])
def test_profile_and_receipt_refuse_a_merchant_number_in_the_same_words(
        cli, typed: str, en: str, zh: str) -> None:
    assert cli("init", "--no-input", "--purchased", "2024-03-01", env=ENV).exit_code == 0
    for args in (["profile", "set", "merchant_no", typed],
                 ["receipt", "check", "--merchant-no", typed]):
        r = cli(*args)
        assert r.exit_code == 2 and en in " ".join(r.err.split()), (args, r.err)
        r = cli("--lang", "zh", *args)
        assert r.exit_code == 2 and "".join(zh.split()) in "".join(r.err.split())
    # A letter anywhere is accepted (decode then says which part it cannot read).
    assert cli("profile", "set", "merchant_no", "82A581058120001").exit_code == 0


def test_the_receipt_example_quotes_the_name_as_cmd_exe_understands(cli, shop) -> None:
    r = cli("receipt", "check")
    assert r.exit_code == 2 and '--name "SHOP NAME"' in r.err and "'SHOP NAME'" not in r.err


def test_parse_field_checks_an_mcc_against_the_home_it_is_given(home: Path) -> None:
    """No module-wide "current home": the home's own MCC entries count only
    where the caller passes the home."""
    from datetime import date

    from posguide.errors import NeedsConfirmation
    from posguide.home import Home
    from posguide.profile import parse_field

    (home / "data").mkdir(parents=True, exist_ok=True)
    (home / "data" / "mcc.toml").write_text(
        '[mcc.1234]\nen = "Other shops"\nzh = "其他商店"\nclass = "standard"\n'
        'group = "retail"\nsource = "test"\n', encoding="utf-8")
    today = date(2026, 11, 23)
    assert parse_field("mcc", "1234", today, home=Home(home)) == "1234"
    with pytest.raises(NeedsConfirmation):
        parse_field("mcc", "1234", today)
    assert parse_field("mcc", "1234", today, force=True) == "1234"
