"""`posguide terminal import|export`: fleets as CSV, all or nothing, with real files."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from conftest import TODAY, files_in
from posguide.profile import FIELD_ORDER

ENV = {"POSGUIDE_TODAY": TODAY}
HEADER = ",".join(FIELD_ORDER)


def write(path: Path, text: str, bom: bool = False) -> Path:
    path.write_bytes((("\ufeff" if bom else "") + text).encode("utf-8"))
    return path


def show(cli, name: str) -> dict:
    r = cli("-t", name, "profile", "show", "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


GOOD = (
    "name,purchased,brand,serial,support_phone,fee_rate,sim.iccid,sim.expires,location\n"
    "shop1,2024-03-01,Lakala,N5-0012345,95016,0.60,89860012345678901238,2026-12-05,东门\n"
    "店铺2,2025-01-10,拉卡拉,,4001234567,,,,\n"
)


@pytest.mark.parametrize("bom", [False, True])
def test_import_adds_every_row(cli, home: Path, tmp_path: Path, bom: bool) -> None:
    r = cli("terminal", "import", str(write(tmp_path / "fleet.csv", GOOD, bom)), env=ENV)
    assert r.exit_code == 0, r.output
    assert "2 new terminal(s), 0 updated" in r.out
    assert "'shop1' is the default terminal" in r.out
    one = show(cli, "shop1")
    assert one["brand"] == "Lakala" and one["serial"] == "N5-0012345"
    assert one["fee_rate"] == "0.60" and one["location"] == "东门"
    assert one["sim"] == {"carrier": None, "iccid": "89860012345678901238",
                          "expires": "2026-12-05", "plan": None}
    two = show(cli, "店铺2")
    assert two["brand"] == "拉卡拉" and two["support_phone"] == "4001234567"
    assert two["serial"] is None and two["service_years"] == 3
    assert json.loads(cli("terminal", "list", "--json").stdout)["default"] == "shop1"
    assert stat.S_IMODE((home / "profile.toml").stat().st_mode) == 0o600


def test_a_bad_row_imports_nothing_and_every_problem_is_listed(cli, terminal, home: Path,
                                                              tmp_path: Path) -> None:
    before = files_in(home)
    text = (
        "name,purchased,activated,brand,sim.iccid,merchant_no\n"  # line 1
        "ok1,2024-03-01,,,,\n"  # 2: fine
        "bad1,2024-02-30,,,,123\n"  # 3: two bad fields
        ",2024-03-01,,,,\n"  # 4: no name
        "\"bad 2\",2024-03-01,2024-01-01,4111 1111 1111 1111,,\n"  # 5: name, card number
        "ok2,2024-03-01,2024-01-01,,,\n"  # 6: activated before purchased
        "bad3,,,,8986001234567890123,\n"  # 7: no purchase date, ICCID check digit
        "ok1,2024-03-01,,,,\n"  # 8: a second ok1
        "main,2024-03-01,,,,\n"  # 9: already in the profile
    )
    r = cli("terminal", "import", str(write(tmp_path / "f.csv", text)), env=ENV)
    assert r.exit_code == 2, r.output
    err = r.err
    assert "Nothing was imported" in err
    for expected in [
        "line 3: purchased (Purchase date): '2024-02-30' is not a real calendar date",
        "line 3: merchant_no (Merchant number): '123' has 3 characters; a merchant number has 15",
        "line 4, name (Name): not given",
        "line 5: name (Name): 'bad 2' is not a valid name",
        "line 5: brand (Brand) looks like it contains a bank card number",
        "line 6: activated (2024-01-01) is before purchased (2024-03-01)",
        "line 7: sim.iccid (SIM ICCID): the last digit",
        "import again with --force",
        "line 8, name (Name): 'ok1' is already on line 2",
        "line 9, name (Name): 'main' is already in your profile",
        "--update",
    ]:
        assert expected in err, expected
    assert "line 2:" not in err and "line 2," not in err
    assert files_in(home) == before  # not a byte changed


def test_problems_in_chinese(cli, tmp_path: Path) -> None:
    path = write(tmp_path / "f.csv", "name,purchased\n店1,2024-02-30\n")
    r = cli("--lang", "zh", "terminal", "import", str(path), env=ENV)
    assert r.exit_code == 2
    assert "未导入任何内容" in r.err
    assert "第 2 行：purchased（购买日期）：“2024-02-30”在日历上不存在" in r.err


def test_header_problems(cli, home: Path, tmp_path: Path) -> None:
    r = cli("terminal", "import", str(write(tmp_path / "a.csv", "name,purchased,colour\n")))
    assert r.exit_code == 2
    assert "line 1: unknown column 'colour'." in r.err and "sim.expires" in r.err
    r = cli("terminal", "import", str(write(tmp_path / "b.csv", "purchased,brand\n2024-01-01,X\n")))
    assert r.exit_code == 2 and "no 'name' column" in r.err
    r = cli("terminal", "import", str(write(tmp_path / "c.csv", "name,name\nx,y\n")))
    assert r.exit_code == 2 and "'name' appears twice" in r.err
    r = cli("terminal", "import", str(write(tmp_path / "d.csv", "")))
    assert r.exit_code == 2 and "is empty" in r.err
    r = cli("terminal", "import", str(write(tmp_path / "e.csv", "name,purchased\n\n")))
    assert r.exit_code == 2 and "no terminals" in r.err
    (tmp_path / "gbk.csv").write_bytes("name,purchased\n店,2024-01-01\n".encode("gbk"))
    r = cli("terminal", "import", str(tmp_path / "gbk.csv"))
    assert r.exit_code == 2 and "not UTF-8" in r.err and "CSV UTF-8" in r.err
    r = cli("terminal", "import", str(tmp_path / "missing.csv"))
    assert r.exit_code == 2 and "missing.csv" in r.err
    assert "Traceback" not in r.output
    assert not (home / "profile.toml").exists()


def test_unknown_columns_and_bad_rows_are_reported_in_one_go(cli, terminal, home: Path,
                                                             tmp_path: Path) -> None:
    before = files_in(home)
    text = ("name,purchased,notes,iccid,brand,brand\n"
            "x,2024-02-30,call Li,,,\n"
            "y,2024-01-01,,,4111 1111 1111 1111,\n"
            "z,2024-01-01,,,Lakala,\n")
    r = cli("terminal", "import", str(write(tmp_path / "f.csv", text)), env=ENV)
    assert r.exit_code == 2, r.output
    assert "Nothing was imported from" in r.err and "4 problem(s) to fix first." in r.err
    lines = r.stderr.splitlines()
    first = lines.index("  line 1: unknown columns 'notes', 'iccid' (did you mean 'sim.iccid'?).")
    assert lines[first:first + 8] == [
        "  line 1: unknown columns 'notes', 'iccid' (did you mean 'sim.iccid'?).",
        "    Columns are the field names of `posguide profile show --json`:",
        "    name, brand, model, serial, terminal_id, merchant_no, merchant_name,",
        "    mcc, location, purchased, activated, service_years, support_phone,",
        "    fee_rate, fee_cap, sim.carrier, sim.iccid, sim.expires, sim.plan,",
        "    fees.debit, fees.debit_cap, fees.credit, fees.qr, fees.per_transaction,",
        "    fees.yearly",
        "  line 1: the column 'brand' appears twice.",
    ]
    # The rows are still checked, field by field, for the known columns; the
    # unknown ones are not read ("call Li" is no problem of its own).
    assert "line 2: purchased (Purchase date): '2024-02-30' is not a real calendar date" in r.err
    assert "line 3: brand (Brand) looks like it contains a bank card number" in r.err
    assert "line 4" not in r.err and "call Li" not in r.err
    assert files_in(home) == before


def test_without_a_name_column_the_fields_are_still_checked(cli, tmp_path: Path) -> None:
    text = "Purchased,sim.expires\n2024-02-30,2027-01-31\n2024-01-01,soon\n"
    path = write(tmp_path / "f.csv", text)
    r = cli("--lang", "zh", "terminal", "import", str(path), env=ENV)
    assert r.exit_code == 2
    assert "有 3 处问题" in r.err
    assert "第 1 行：缺少 name 列" in r.err
    assert "第 2 行：purchased" in r.err and "第 3 行：sim.expires" in r.err
    assert r.err.count("需要名称") == 1  # said once for the header, not for every row


def test_a_chinese_list_of_columns_is_broken_between_names(cli, tmp_path: Path) -> None:
    path = write(tmp_path / "f.csv", "name,purchased,备注,sim_iccid\n")
    r = cli("--lang", "zh", "terminal", "import", str(path), env={"POSGUIDE_WIDTH": "80"})
    assert r.exit_code == 2
    lines = r.stderr.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("  第 1 行"))
    assert lines[first:first + 7] == [
        "  第 1 行：未知的列：“备注”、“sim_iccid”（是否应为“sim.iccid”？）。",
        "    列名应为 `posguide profile show --json` 中的字段名：",
        "    name、brand、model、serial、terminal_id、merchant_no、merchant_name、",
        "    mcc、location、purchased、activated、service_years、support_phone、",
        "    fee_rate、fee_cap、sim.carrier、sim.iccid、sim.expires、sim.plan、",
        "    fees.debit、fees.debit_cap、fees.credit、fees.qr、fees.per_transaction、",
        "    fees.yearly",
    ]


def test_spreadsheet_leftovers_are_tolerated(cli, tmp_path: Path) -> None:
    # Spreadsheets add trailing commas, blank rows, CRLF, spaces and capitals in headers.
    text = " Name ,PURCHASED,\r\nshop1,2024-03-01,\r\n,,\r\n\r\n"
    r = cli("terminal", "import", str(write(tmp_path / "f.csv", text)), env=ENV)
    assert r.exit_code == 0, r.output
    assert show(cli, "shop1")["purchased"] == "2024-03-01"
    path = write(tmp_path / "g.csv", "name,purchased,\nx,2024-03-01,oops\n")
    r = cli("terminal", "import", str(path))
    assert r.exit_code == 2 and "line 2: a value in column 3" in r.err
    path = write(tmp_path / "h.csv", "name,purchased\nx,2024-03-01,oops\n")
    r = cli("terminal", "import", str(path))
    assert r.exit_code == 2 and "line 2: 3 cells" in r.err


def test_line_numbers_count_quoted_line_breaks(cli, tmp_path: Path) -> None:
    text = 'name,purchased,location\na,2024-03-01,"two\nlines"\nb,2024-02-30,\n'
    r = cli("terminal", "import", str(write(tmp_path / "f.csv", text)), env=ENV)
    assert r.exit_code == 2
    assert "line 2: location (Location) contains control characters" in r.err
    assert "line 4: purchased" in r.err


def test_confirmable_values_need_force(cli, tmp_path: Path) -> None:
    path = write(tmp_path / "f.csv", "name,purchased,support_phone,sim.iccid\n"
                                     "a,2024-03-01,13812345678,89860012345678901239\n"
                                     "b,2024-03-01,13812345678,89860012345678901247\n")
    r = cli("terminal", "import", str(path), env=ENV)
    assert r.exit_code == 2
    assert "4 problem(s)" in r.err
    # The reason is given once, on the first line that needs it...
    assert "line 2: support_phone (Support phone): 13812345678 is a mobile number" in r.err
    assert "line 2: sim.iccid (SIM ICCID)" in r.err and "should be 8" in r.err
    assert r.err.count("sales agent or a scam") == 1
    # ...later rows point back to it.
    assert ("line 3, support_phone (Support phone): 13812345678 needs confirming too, "
            "for the same reason as on line 2.") in r.err
    assert ("line 3, sim.iccid (SIM ICCID): 89860012345678901247 needs confirming too, "
            "for the same reason as on line 2.") in r.err
    # What --force does and why it is safe to use, once at the end.
    assert r.err.endswith("If these values are right (for example, they were confirmed before "
                          "the file was exported), import again with --force; everything "
                          "else is still checked.")
    r = cli("terminal", "import", str(path), "--force", env=ENV)
    assert r.exit_code == 0, r.output
    data = show(cli, "a")
    assert data["support_phone"] == "13812345678"
    assert data["sim"]["iccid"] == "89860012345678901239"


def _confirmed_fleet(cli) -> None:
    for name, iccid in (("a", "89860012345678901239"), ("b", "89860012345678901247")):
        assert cli("init", "--no-input", "--name", name, "--purchased", "2024-03-01",
                   "--support-phone", "138 1234 5678", "--sim-iccid", iccid, "--force",
                   env=ENV).exit_code == 0


def test_round_trip_through_a_pipe_into_a_new_home(cli, home: Path, tmp_path: Path) -> None:
    # posguide terminal export | posguide --home NEW terminal import - [--force]
    _confirmed_fleet(cli)
    exported = cli("terminal", "export").stdout
    new = tmp_path / "new-home"
    r = cli("--home", str(new), "terminal", "import", "-", input=exported, env=ENV)
    assert r.exit_code == 2
    assert "confirmed before the file was exported" in r.err and "--force" in r.err
    assert not (new / "profile.toml").exists()
    r = cli("--home", str(new), "terminal", "import", "-", "--force", input=exported, env=ENV)
    assert r.exit_code == 0, r.output
    assert (new / "profile.toml").read_bytes() == (home / "profile.toml").read_bytes()


def test_update_does_not_ask_again_about_values_already_saved(cli, home: Path,
                                                              tmp_path: Path) -> None:
    # Export, change a cell in a spreadsheet, import with --update: the mobile number
    # and the ICCIDs were confirmed when they were saved, and are not asked about again.
    _confirmed_fleet(cli)
    exported = tmp_path / "fleet.csv"
    assert cli("terminal", "export", str(exported)).exit_code == 0
    edited = exported.read_text(encoding="utf-8-sig").replace(",2024-03-01,", ",2024-03-02,", 1)
    write(exported, edited, bom=True)
    r = cli("terminal", "import", str(exported), "--update", env=ENV)
    assert r.exit_code == 0, r.output
    assert "0 new terminal(s), 2 updated" in r.out
    assert show(cli, "a")["purchased"] == "2024-03-02"
    assert show(cli, "a")["support_phone"] == "13812345678"
    # Without --update the row's name is the only problem: add --update and it works.
    r = cli("terminal", "import", str(exported), env=ENV)
    assert r.exit_code == 2 and "2 problem(s)" in r.err and "mobile" not in r.err
    # A value that differs from the saved one is new, and needs confirming.
    other = tmp_path / "other.csv"
    write(other, "name,support_phone,sim.iccid\n"
                 "a,13900000000,89860012345678901239\n"
                 "b,,89860012345678901254\n")
    before = files_in(home)
    r = cli("terminal", "import", str(other), "--update", env=ENV)
    assert r.exit_code == 2
    assert "line 2: support_phone (Support phone): 13900000000 is a mobile number" in r.err
    assert "line 3: sim.iccid (SIM ICCID): the last digit of 89860012345678901254" in r.err
    assert "line 2: sim.iccid" not in r.err and "2 problem(s)" in r.err
    assert files_in(home) == before


def test_confirmations_in_chinese(cli, tmp_path: Path) -> None:
    path = write(tmp_path / "f.csv", "name,purchased,support_phone\n"
                                     "a,2024-03-01,13812345678\nb,2024-03-01,13812345678\n")
    r = cli("--lang", "zh", "terminal", "import", str(path), env={**ENV, "POSGUIDE_WIDTH": "80"})
    assert r.exit_code == 2
    assert "第 3 行，support_phone（客服电话）：13812345678 同样需要确认，原因见第 2 行。" in r.err
    assert r.stderr.splitlines()[-2:] == [
        "手机号客服电话和校验位不符的 ICCID 需要确认，而批量导入时无法逐个询问。",
        "如果号码无误（例如导出前已确认过），请加 --force 重新导入，其他检查照常进行。",
    ]


def test_update_replaces_only_the_given_fields(cli, terminal, tmp_path: Path) -> None:
    path = write(tmp_path / "f.csv", "name,brand,sim.expires,purchased\n"
                                     "main,Newland,2027-06-30,\n"
                                     "new1,,,2025-05-05\n")
    r = cli("terminal", "import", str(path), env=ENV)
    assert r.exit_code == 2 and "--update" in r.err
    assert show(cli, "main")["brand"] == "Lakala"
    r = cli("terminal", "import", str(path), "--update", env=ENV)
    assert r.exit_code == 0, r.output
    assert "1 new terminal(s), 1 updated" in r.out
    main = show(cli, "main")
    assert main["brand"] == "Newland" and main["sim"]["expires"] == "2027-06-30"
    # Empty and absent cells keep what was saved.
    assert main["purchased"] == "2024-03-01" and main["serial"] == "N5-0012345"
    assert main["sim"]["iccid"] == "89860012345678901238"
    assert show(cli, "new1")["purchased"] == "2025-05-05"
    assert json.loads(cli("terminal", "list", "--json").stdout)["default"] == "main"


def test_update_checks_the_merged_terminal(cli, terminal, home: Path, tmp_path: Path) -> None:
    before = files_in(home)
    path = write(tmp_path / "f.csv", "name,activated\nmain,2020-01-01\n")
    r = cli("terminal", "import", str(path), "--update", env=ENV)
    assert r.exit_code == 2
    assert "line 2: activated (2020-01-01) is before purchased (2024-03-01)" in r.err
    assert files_in(home) == before


def test_import_is_one_locked_write(cli, terminal, home: Path, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from filelock import FileLock


    monkeypatch.setenv("POSGUIDE_LOCK_TIMEOUT", "0.2")
    before = files_in(home)
    path = write(tmp_path / "f.csv", "name,purchased\nx,2024-03-01\n")
    with FileLock(str(home / ".lock")):
        r = cli("terminal", "import", str(path), env=ENV)
    assert r.exit_code == 3
    assert files_in(home) == before
    assert cli("terminal", "import", str(path), env=ENV).exit_code == 0
    assert (home / "profile.toml.bak").read_bytes() == before["profile.toml"]


def test_export_to_stdout_and_to_a_file(cli, terminal, tmp_path: Path) -> None:
    r = cli("terminal", "export")
    assert r.exit_code == 0
    assert not r.stdout.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0] == FIELD_ORDER
    assert dict(zip(rows[0], rows[1], strict=True)) == {
        "name": "main", "brand": "Lakala", "model": "", "serial": "N5-0012345",
        "terminal_id": "", "merchant_no": "", "merchant_name": "", "mcc": "", "location": "",
        "purchased": "2024-03-01",
        "activated": "2024-03-05", "service_years": "3", "support_phone": "95016",
        "fee_rate": "0.60", "fee_cap": "", "sim.carrier": "China Mobile",
        "sim.iccid": "89860012345678901238", "sim.expires": "2026-12-05", "sim.plan": "",
        "fees.debit": "", "fees.debit_cap": "", "fees.credit": "", "fees.qr": "",
        "fees.per_transaction": "", "fees.yearly": "",
    }
    target = tmp_path / "out" / "fleet.csv"
    target.parent.mkdir(mode=0o755)
    r = cli("terminal", "export", str(target))
    assert r.exit_code == 0 and "Wrote 1 terminal(s)" in r.out
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + HEADER.encode() + b"\r\n")  # BOM, RFC 4180 CRLF
    assert raw[3:] == cli("terminal", "export").stdout.encode()  # the same bytes, less the BOM
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    # The user's own folder keeps its mode (the home's 0700 rule is not applied).
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o755
    assert [p.name for p in target.parent.iterdir()] == ["fleet.csv"]  # no temp file left


def test_a_mistyped_path_is_a_usage_error(cli, terminal, tmp_path: Path) -> None:
    """Exit 2 when the path the user typed leads nowhere, for import and export alike."""
    r = cli("terminal", "export", str(tmp_path / "no-such-folder" / "fleet.csv"))
    assert r.exit_code == 2, r.output
    assert (f"Cannot write {tmp_path}/no-such-folder/fleet.csv: the folder "
            f"{tmp_path}/no-such-folder does not exist") in r.err
    assert not (tmp_path / "no-such-folder").exists()
    a_file = write(tmp_path / "a-file", "x")
    r = cli("terminal", "export", str(a_file / "fleet.csv"))
    assert r.exit_code == 2 and "does not exist" in r.err
    r = cli("terminal", "import", str(tmp_path / "missing.csv"))
    assert r.exit_code == 2
    assert f"{tmp_path}/missing.csv: there is no such file" in r.err
    r = cli("terminal", "import", str(a_file / "fleet.csv"))
    assert r.exit_code == 2 and "no such file" in r.err
    r = cli("--lang", "zh", "terminal", "import", str(tmp_path / "missing.csv"))
    assert r.exit_code == 2 and "找不到文件" in r.err


def test_a_file_that_cannot_be_read_is_a_data_error(cli, terminal, home: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Exit 3 when the file is there but unreadable (the tests may run as root, so
    the operating system's refusal is simulated)."""
    path = write(tmp_path / "fleet.csv", "name,purchased\nx,2024-03-01\n")
    real = os.open
    before = files_in(home)
    for code, says in ((errno.EACCES, "permission denied"), (errno.EIO, "Input/output error")):
        def refuse(name: Any, flags: int, *args: Any, code: int = code, **kw: Any) -> int:
            if os.fspath(name) == str(path):
                raise OSError(code, os.strerror(code), str(name))
            return real(name, flags, *args, **kw)

        with monkeypatch.context() as m:
            m.setattr(os, "open", refuse)
            r = cli("terminal", "import", str(path), env=ENV)
        assert r.exit_code == 3, r.output
        assert f"Cannot read {path}: {says}" in r.err
    assert files_in(home) == before


@pytest.mark.parametrize(("code", "says"), [
    (errno.EACCES, "Cannot write {}: permission denied. Choose a folder you may write to"),
    (errno.ENOSPC, "Could not write {}: the disk is full"),
])
def test_an_export_that_cannot_be_written_is_a_data_error(
        cli, terminal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        code: int, says: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    real_open = os.open

    def refuse(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file).startswith(str(folder)):
            raise OSError(code, os.strerror(code), str(file))
        return real_open(file, *args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(os, "open", refuse)
        r = cli("terminal", "export", str(folder / "fleet.csv"))
    assert r.exit_code == 3, r.output
    assert says.format(folder / "fleet.csv") in r.err
    assert "--home" not in r.err  # the export is the user's own file, not the home
    assert list(folder.iterdir()) == []


def test_export_without_a_profile(cli) -> None:
    r = cli("terminal", "export")
    assert r.exit_code == 2 and "posguide init" in r.err


def test_formula_cells_are_defused_and_round_trip(cli, tmp_path: Path) -> None:
    values = {"a1": "=1+1", "a2": "+86 shop", "a3": "-front", "a4": "@SUM(A1)"}
    rows = "".join(f'{name},2024-03-01,"{loc}"\n' for name, loc in values.items())
    path = write(tmp_path / "in.csv", "name,purchased,location\n" + rows)
    assert cli("terminal", "import", str(path), env=ENV).exit_code == 0
    out = tmp_path / "out.csv"
    assert cli("terminal", "export", str(out)).exit_code == 0
    exported = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [row["location"] for row in exported] == ["'=1+1", "'+86 shop", "'-front", "'@SUM(A1)"]
    other = tmp_path / "other-home"
    assert cli("--home", str(other), "terminal", "import", str(out), env=ENV).exit_code == 0
    for name, loc in values.items():
        r = cli("--home", str(other), "-t", name, "profile", "show", "--json")
        assert json.loads(r.stdout)["location"] == loc


def test_export_then_import_gives_the_same_profile(cli, home: Path, tmp_path: Path) -> None:
    full = ["--brand", "拉卡拉", "--model", "Q1", "--serial", "SN-0001",
            "--terminal-id", "A1B2C3D4",
            "--merchant-no", "822100000000001", "--location", "东门, \"北\" 柜台",
            "--activated", "2024-03-05", "--service-years", "5", "--support-phone", "13812345678",
            "--fee-rate", "0.385", "--fee-cap", "20.5", "--sim-carrier", "中国移动",
            "--sim-iccid", "89860012345678901239", "--sim-expires", "2026-12-05",
            "--sim-plan", "年卡 30G", "--force"]
    assert cli("init", "--no-input", "--name", "总店", "--purchased", "2024-03-01", *full,
               env=ENV).exit_code == 0
    assert cli("init", "--no-input", "--name", "kiosk_2", "--purchased", "2025-07-01",
               env=ENV).exit_code == 0
    exported = tmp_path / "fleet.csv"
    assert cli("terminal", "export", str(exported)).exit_code == 0
    other = tmp_path / "empty-home"
    r = cli("--home", str(other), "terminal", "import", str(exported), "--force", env=ENV)
    assert r.exit_code == 0, r.output
    assert (other / "profile.toml").read_bytes() == (home / "profile.toml").read_bytes()
    # Without --force the confirmed mobile number and check digit are asked about again.
    third = tmp_path / "third-home"
    r = cli("--home", str(third), "terminal", "import", str(exported), env=ENV)
    assert r.exit_code == 2 and "--force" in r.err


def test_help_and_chinese_output(cli, tmp_path: Path) -> None:
    r = cli("--lang", "zh", "terminal", "import", str(write(tmp_path / "f.csv", GOOD)), env=ENV)
    assert r.exit_code == 0
    assert "新增 2 台终端，更新 0 台" in r.out
    r = cli("--lang", "zh", "terminal", "export", str(tmp_path / "o.csv"))
    assert "已将 2 台终端写入" in r.out
    r = cli("--lang", "zh", "terminal", "import", "--help")
    assert "--update" in r.stdout and "空单元格保留原值" in r.out


def test_what_spreadsheets_do_to_dates_and_long_numbers(cli, tmp_path: Path) -> None:
    # Saved again by a spreadsheet: dates as 2024/3/1, long numbers rounded to 8.986E+19.
    text = ("name,purchased,activated,sim.expires,sim.iccid,merchant_no\n"
            "a,2024/3/1,2024.3.5,2027-1-31,,\n"
            "b,2024/3/1,,,8.98600E+19,8.221E+14\n")
    path = write(tmp_path / "f.csv", text)
    r = cli("terminal", "import", str(path), env=ENV)
    assert r.exit_code == 2
    assert "line 3, sim.iccid (SIM ICCID): '8.98600E+19' is how a spreadsheet shows" in r.err
    assert "line 3, merchant_no (Merchant number): '8.221E+14'" in r.err
    assert "formatted as Text" in r.err and "line 2" not in r.err
    path = write(tmp_path / "g.csv", text.split("b,")[0])
    assert cli("terminal", "import", str(path), env=ENV).exit_code == 0
    a = show(cli, "a")
    assert (a["purchased"], a["activated"], a["sim"]["expires"]) == (
        "2024-03-01", "2024-03-05", "2027-01-31")


def test_import_from_stdin(cli, terminal, tmp_path: Path) -> None:
    exported = cli("terminal", "export").stdout.replace("\r\nmain,", "\r\ncopy,")
    r = cli("terminal", "import", "-", input=exported, env=ENV)
    assert r.exit_code == 0, r.output
    assert "Imported standard input: 1 new terminal(s)" in r.out
    assert show(cli, "copy")["serial"] == "N5-0012345"
    r = cli("terminal", "import", "-", input="name\n", env=ENV)
    assert r.exit_code == 2 and "standard input has column names but no terminals" in r.err
