"""notify add/list/remove/test/run against real servers on 127.0.0.1: an HTTP
server standing in for each group-chat robot, an SMTP server (aiosmtpd) with
STARTTLS and login. Nothing here leaves this computer."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import stat
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from posguide.errors import DataError

T = {"POSGUIDE_TODAY": "2026-11-23"}


class Robot:
    """An HTTP server on 127.0.0.1 that records every POST and answers as told."""

    def __init__(self) -> None:
        self.posts: list[dict[str, Any]] = []
        self.answers: list[tuple[int, Any]] = []  # consumed first; then `default`
        self.default: tuple[int, Any] = (200, {"errcode": 0, "errmsg": "ok"})
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers["Content-Length"])
                raw = self.rfile.read(length)
                parts = urlsplit(self.path)
                robot.posts.append({"path": parts.path, "query": parse_qs(parts.query),
                                    "headers": dict(self.headers),
                                    "body": json.loads(raw.decode("utf-8"))})
                status, answer = robot.answers.pop(0) if robot.answers else robot.default
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str = "/cgi-bin/webhook/send?key=test-key-0123456789abcdef") -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def robot() -> Iterator[Robot]:
    r = Robot()
    yield r
    r.close()


def shop(cli, name: str = "shop1", sim_expires: str = "2026-12-05",
         purchased: str = "2026-11-01", today: str = "2026-11-23") -> None:
    """A terminal whose only trouble on 2026-11-23 is its SIM card (due soon)."""
    r = cli("init", "--no-input", "--name", name, "--purchased", purchased,
            "--activated", purchased, "--serial", "N5-0012345", "--support-phone", "95016",
            "--sim-expires", sim_expires, "--location", "front desk",
            env={"POSGUIDE_TODAY": today})
    assert r.exit_code == 0, r.output


def texts(robot: Robot) -> list[str]:
    return [p["body"]["text"]["content"] for p in robot.posts]


# --- the robots' formats --------------------------------------------------------

def test_wecom_gets_its_text_message_with_the_fix_commands(cli, robot) -> None:
    shop(cli)
    assert cli("notify", "add", "webhook", robot.url(), "--format", "wecom").exit_code == 0
    r = cli("notify", "run", env=T)
    assert r.exit_code == 0, r.output
    assert "wecom: sent 1 item." in r.out
    [post] = robot.posts
    assert post["path"] == "/cgi-bin/webhook/send"
    assert post["headers"]["Content-Type"] == "application/json; charset=utf-8"
    body = post["body"]
    assert set(body) == {"msgtype", "text"} and body["msgtype"] == "text"
    content = body["text"]["content"]
    assert content.startswith("posguide: 1 thing needs attention (2026-11-23)")
    assert "shop1 (front desk)" in content
    assert "[!] SIM card expires in 12 days (2026-12-05)" in " ".join(content.split())
    assert "    posguide sim-swap\n" in content and "posguide record sim-renewal" in content
    assert len(content.encode()) <= 2048


def test_dingtalk_signs_as_dingtalk_documents(cli, robot) -> None:
    shop(cli)
    secret = "SECtest0123456789"
    url = robot.url("/robot/send?access_token=tok0123456789abcdef")
    assert cli("notify", "add", "webhook", url, "--format", "dingtalk",
               "--secret", secret).exit_code == 0
    before = int(time.time() * 1000)
    assert cli("notify", "run", env=T).exit_code == 0
    [post] = robot.posts
    assert post["body"]["msgtype"] == "text"
    assert "posguide sim-swap" in post["body"]["text"]["content"]
    q = post["query"]
    assert q["access_token"] == ["tok0123456789abcdef"]
    stamp = q["timestamp"][0]
    assert before <= int(stamp) <= int(time.time() * 1000)
    expected = base64.b64encode(hmac.new(secret.encode(), f"{stamp}\n{secret}".encode(),
                                         hashlib.sha256).digest()).decode()
    assert q["sign"] == [expected]  # parse_qs undid the URL encoding


def test_feishu_signs_in_the_body_and_says_code_zero(cli, robot) -> None:
    shop(cli)
    robot.default = (200, {"code": 0, "msg": "success", "data": {}})
    secret = "feishu-secret-xyz"
    url = robot.url("/open-apis/bot/v2/hook/0123abcd-4567-89ef-0123-456789abcdef")
    assert cli("notify", "add", "webhook", url, "--format", "feishu", "--secret", secret,
               "--name", "team").exit_code == 0
    assert cli("notify", "run", env=T).exit_code == 0
    [post] = robot.posts
    body = post["body"]
    assert body["msg_type"] == "text" and "posguide sim-swap" in body["content"]["text"]
    stamp = body["timestamp"]
    assert abs(int(stamp) - time.time()) < 60
    key = f"{stamp}\n{secret}".encode()
    assert body["sign"] == base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()


def test_plain_json_carries_the_findings_as_status_json_does(cli, robot) -> None:
    shop(cli)
    robot.default = (204, None)
    assert cli("notify", "add", "webhook", robot.url("/hook"), "--name", "mine").exit_code == 0
    assert cli("notify", "run", env=T).exit_code == 0
    body = robot.posts[0]["body"]
    assert body["source"] == "posguide" and body["schema"] == 1 and body["lang"] == "en"
    assert body["title"] == "posguide: 1 thing needs attention (2026-11-23)"
    [term] = body["terminals"]
    assert term["name"] == "shop1"
    status = json.loads(cli("status", "--json", env=T).stdout)["terminals"][0]["findings"]
    assert term["findings"] == [f for f in status if f["code"] == "sim_expiry"]
    assert term["findings"][0]["fix"] == "posguide sim-swap"


def test_a_robot_that_refuses_is_a_failure_kept_for_later(cli, robot) -> None:
    shop(cli)
    cli("notify", "add", "webhook", robot.url(), "--format", "wecom")
    robot.answers = [(200, {"errcode": 93000, "errmsg": "invalid webhook url"})]
    r = cli("notify", "run", env=T)
    assert r.exit_code == 1
    assert "errcode 93000: invalid webhook url" in r.err and "tried again" in r.err
    r = cli("notify", "list", env=T)
    assert "failed 2026-11-23" in r.out and "1 item waiting since 2026-11-23" in r.out
    assert cli("notify", "run", env=T).exit_code == 0
    assert len(robot.posts) == 2 and texts(robot)[0] == texts(robot)[1]
    assert "delivered 2026-11-23" in cli("notify", "list").out
    assert "nothing new" in cli("notify", "run", env=T).out
    assert len(robot.posts) == 2


# --- what is sent when ----------------------------------------------------------

def test_second_run_the_same_day_sends_nothing_and_a_sim_turning_critical_goes_at_once(
        cli, robot) -> None:
    shop(cli)
    cli("notify", "add", "webhook", robot.url(), "--format", "wecom")
    assert "sent 1 item" in cli("notify", "run", env=T).out
    r = cli("notify", "run", env=T)
    assert r.exit_code == 0 and "nothing new" in r.out
    assert len(robot.posts) == 1
    # A new warning the same day waits for tomorrow: one message a day.
    shop(cli, "shop2", sim_expires="2026-12-01")
    r = cli("notify", "run", env=T)
    assert "1 new item waits for tomorrow" in r.out and len(robot.posts) == 1
    # shop1's SIM card runs out: critical goes at once, with what was waiting.
    assert cli("profile", "set", "sim.expires", "2026-11-22", "-t", "shop1",
               env=T).exit_code == 0
    r = cli("notify", "run", env=T)
    assert "sent 2 items" in r.out, r.output
    text = texts(robot)[1]
    assert text.index("shop1") < text.index("shop2")  # the expired one first
    assert "[x] SIM card expired yesterday" in " ".join(text.split())
    assert "    posguide sim-swap\n" in text  # shop1 is the default terminal
    assert "posguide sim-swap --terminal shop2" in text
    assert "nothing new" in cli("notify", "run", env=T).out
    # The next day: nothing changed, nothing sent.
    assert "nothing new" in cli("notify", "run", env={"POSGUIDE_TODAY": "2026-11-24"}).out
    assert len(robot.posts) == 2


def test_fixed_then_due_again_is_news_again(cli, robot) -> None:
    shop(cli)
    cli("notify", "add", "webhook", robot.url(), "--format", "wecom")
    cli("notify", "run", env=T)
    assert cli("record", "sim-renewal", "--expires", "2027-11-30", env=T).exit_code == 0
    assert "nothing new" in cli("notify", "run", env=T).out
    # A year later the card is due again: the channel hears of it.
    r = cli("notify", "run", env={"POSGUIDE_TODAY": "2027-11-10"})
    assert "sent" in r.out
    assert "SIM card expires in 20 days" in " ".join(texts(robot)[-1].split())


def test_messages_come_in_the_channels_language(cli, robot) -> None:
    shop(cli)
    assert cli("--lang", "zh", "notify", "add", "webhook", robot.url(),
               "--format", "wecom").exit_code == 0
    assert cli("notify", "run", env=T).exit_code == 0  # the run itself in English
    text = texts(robot)[0]
    assert text.startswith("posguide：有 1 项需要处理（2026-11-23）")
    assert "流量卡" in text and "posguide sim-swap" in text


def test_a_fleet_too_long_for_wecom_is_sent_in_parts_most_urgent_first(cli, robot) -> None:
    for i in range(30):
        shop(cli, f"shop{i:02d}", sim_expires="2026-11-20" if i == 29 else "2026-12-05")
    cli("notify", "add", "webhook", robot.url(), "--format", "wecom")
    r = cli("notify", "run", env=T)
    assert r.exit_code == 0
    first = texts(robot)[0]
    assert len(first.encode()) <= 2048
    assert first.split("\n\n")[1].startswith("shop29")  # the expired card leads
    assert "more, in the next message" in first
    sent = int(r.out.split("sent ")[1].split()[0])
    assert 0 < sent < 30
    days = iter(f"2026-11-{d}" for d in range(24, 31))
    while "nothing new" not in (r := cli("notify", "run", env={"POSGUIDE_TODAY": next(days)})).out:
        assert r.exit_code == 0
    said = "".join(texts(robot))
    assert all(f"shop{i:02d} (front desk)" in said for i in range(30))
    assert all(len(x.encode()) <= 2048 for x in texts(robot))


# --- the list, secrets, files ---------------------------------------------------

def test_list_masks_secrets_and_json_never_holds_them(cli, robot, home: Path) -> None:
    shop(cli)
    key = "abcdef0123456789secretkey9f"
    secret = "SECdontshowme0123456789"
    cli("notify", "add", "webhook", robot.url(f"/cgi-bin/webhook/send?key={key}"),
        "--format", "wecom")
    cli("notify", "add", "webhook", robot.url("/robot/send?access_token=tok0123456789xyz"),
        "--format", "dingtalk", "--secret", secret)
    plain = cli("notify", "list", env={"POSGUIDE_WIDTH": "200"})
    data = cli("notify", "list", "--json")
    for out in (plain.stdout, data.stdout, plain.stderr):
        assert key not in out and secret not in out and "tok0123456789xyz" not in out
    assert "send?key=ab…9f" in plain.out
    channels = json.loads(data.stdout)["channels"]
    assert channels[0]["url"].endswith("/cgi-bin/webhook/send?key=ab…9f")
    assert channels[1]["signed"] is True and "secret" not in channels[1]
    for name in ("notify.toml",):
        mode = stat.S_IMODE((home / name).stat().st_mode)
        assert mode == 0o600, oct(mode)
    assert key in (home / "notify.toml").read_text()  # it must be kept somewhere
    cli("notify", "run", env=T)
    assert stat.S_IMODE((home / "notify-state.json").stat().st_mode) == 0o600
    assert key not in (home / "notify-state.json").read_text()


def test_remove_forgets_the_channel_and_its_state(cli, robot, home: Path) -> None:
    shop(cli)
    cli("notify", "add", "webhook", robot.url(), "--format", "wecom", "--name", "a")
    cli("notify", "add", "webhook", robot.url(), "--format", "wecom", "--name", "b")
    cli("notify", "run", env=T)
    assert cli("notify", "remove", "a").exit_code == 0
    state = json.loads((home / "notify-state.json").read_text())
    assert list(state["channels"]) == ["b"]
    r = cli("notify", "remove", "a")
    assert r.exit_code == 2 and "No channel named a" in r.err and "b" in r.err
    assert [c["name"] for c in json.loads(cli("notify", "list", "--json").stdout)
            ["channels"]] == ["b"]


@pytest.mark.parametrize(("args", "says"), [
    (["notify", "add", "fax"], "desktop | webhook | email"),
    (["notify", "add", "webhook"], "needs its address"),
    (["notify", "add", "webhook", "http://example.com/hook"], "https://"),
    (["notify", "add", "webhook", "ftp://127.0.0.1/x"], "https://"),
    (["notify", "add", "webhook", "https://x.example/h", "--format", "slack"], "--format"),
    (["notify", "add", "webhook", "https://x.example/h", "--secret", "s"], "no signing"),
    (["notify", "add", "desktop", "--host", "x"], "--host does not apply"),
    (["notify", "add", "email", "--host", "smtp.example.com", "--from", "me@example.com"],
     "--to"),
    (["notify", "add", "email", "--host", "smtp.example.com", "--from", "me", "--to",
      "a@example.com"], "not an email address"),
    (["notify", "add", "email", "--host", "smtp.example.com", "--from", "me@example.com",
      "--to", "a@example.com", "--security", "none"], "in the clear"),
    (["notify", "add", "desktop", "--name", "a b"], "--name"),
    # A login with no password would only fail at the first send.
    (["notify", "add", "email", "--host", "smtp.example.com", "--user", "me@example.com",
      "--from", "me@example.com", "--to", "a@example.com"], "--user needs --password-file"),
])
def test_add_refuses_bad_input_clearly(cli, home: Path, args: list[str], says: str) -> None:
    r = cli(*args)
    assert r.exit_code == 2, r.output
    assert says in r.err
    assert not (home / "notify.toml").exists()


def test_a_broken_notify_toml_names_the_key(cli, home: Path) -> None:
    shop(cli)
    (home / "notify.toml").write_text('schema = 1\n[channels.x]\nkind = "webhook"\n'
                                      'url = "https://h.example/x"\nformat = "wecom"\n'
                                      'colour = "red"\n')
    r = cli("notify", "run", env=T)
    assert r.exit_code == 3 and "channels.x.colour" in r.err


def test_the_robot_formats_are_checked_data() -> None:
    from posguide.channels import load_robots

    robots = load_robots()
    assert set(robots) == {"wecom", "dingtalk", "feishu", "json"}
    with pytest.raises(DataError, match="x.body"):
        load_robots('[x]\nname = {en="a", zh="b"}\nbody = {text = "{txt}"}\n')
    with pytest.raises(DataError, match="x.signing"):
        load_robots('[x]\nname = {en="a", zh="b"}\nsigning = "rot13"\nbody = {t = "{text}"}\n')
    with pytest.raises(DataError, match="x.name"):
        load_robots('[x]\nname = {en="a"}\nbody = {t = "{text}"}\n')


# --- no profile: exit 3 ----------------------------------------------------------

def test_a_wrong_home_is_exit_3_not_silence(cli, tmp_path: Path) -> None:
    wrong = str(tmp_path / "typo")
    r = cli("status", "--all", "--check", env={"POSGUIDE_HOME": wrong})
    assert r.exit_code == 3 and "No terminal profile in" in r.err and "--home" in r.err
    r = cli("notify", "run", env={"POSGUIDE_HOME": wrong})
    assert r.exit_code == 3 and "No terminal profile in" in r.err
    assert cli("status", env={"POSGUIDE_HOME": wrong}).exit_code == 0  # a person is told
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "profile.toml").write_text("schema = [")
    r = cli("status", "--check", env={"POSGUIDE_HOME": str(tmp_path / "bad")})
    assert r.exit_code == 3


def test_no_channels_says_how_to_add_one(cli) -> None:
    shop(cli)
    r = cli("notify", "run", env=T)
    assert r.exit_code == 2 and "posguide notify add" in r.err
    assert "posguide notify add desktop" in cli("notify", "list").out


# --- desktop --------------------------------------------------------------------

def fake_program(folder: Path, name: str, script: str) -> None:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(0o755)


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands in for notify-send")
def test_desktop_uses_notify_send(cli, tmp_path: Path, monkeypatch) -> None:
    shop(cli)
    bin_ = tmp_path / "bin"
    log = tmp_path / "notify-send.log"
    fake_program(bin_, "notify-send", f'printf "%s\\n" "$@" > "{log}"\n')
    monkeypatch.setenv("PATH", f"{bin_}:/usr/bin:/bin")
    assert cli("notify", "add", "desktop").exit_code == 0
    r = cli("notify", "test", "desktop", env=T)
    assert r.exit_code == 0 and "test message sent" in r.out
    assert "posguide: test message" in log.read_text()
    assert cli("notify", "run", env=T).exit_code == 0
    args = log.read_text().split("\n")
    assert args[0] == "--app-name=posguide"
    assert args[1] == "posguide: 1 thing needs attention (2026-11-23)"
    assert "posguide sim-swap" in log.read_text()


def test_desktop_without_notify_send_fails_clearly(cli, tmp_path: Path, monkeypatch) -> None:
    shop(cli)
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    cli("notify", "add", "desktop")
    r = cli("notify", "run", env=T)
    assert r.exit_code == 1 and "no notify-send" in r.err
    [channel] = json.loads(cli("notify", "list", "--json").stdout)["channels"]
    assert "no notify-send" in channel["state"]["last"]["error"]
    assert channel["state"]["pending"]["items"] == 1


def test_desktop_commands_per_platform(tmp_path: Path, monkeypatch) -> None:
    from posguide.channels import desktop_command

    for program in ("osascript", "powershell"):
        fake_program(tmp_path, program, "")
    monkeypatch.setenv("PATH", str(tmp_path))
    argv, env = desktop_command('Say "hi"', "a\\b", "darwin")
    assert argv[1:] == ["-e", 'display notification "a\\\\b" with title "Say \\"hi\\""']
    argv, env = desktop_command("T", "body", "win32")
    assert Path(argv[0]).name == "powershell" and "ToastNotificationManager" in argv[-1]
    # Windows drops a toast from an app ID it does not know, without an error:
    # PowerShell's own, registered on every Windows, never "posguide".
    assert ("CreateToastNotifier('{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}"
            "\\WindowsPowerShell\\v1.0\\powershell.exe')") in argv[-1]
    assert "'posguide'" not in argv[-1]
    assert env == {"POSGUIDE_TITLE": "T", "POSGUIDE_TEXT": "body"}


# --- email ----------------------------------------------------------------------

def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _self_signed(folder: Path) -> tuple[Path, Path]:
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class Mailbox:
    """An SMTP server on 127.0.0.1 that refuses mail while `failing` is set."""

    def __init__(self, folder: Path, tls: bool) -> None:
        import ssl

        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult

        self.messages: list[Any] = []
        self.failing = False
        self.logins: list[tuple[bytes, bytes]] = []
        box = self

        class Handler:
            async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
                if box.failing:
                    return "451 4.3.0 try again later"
                from email import message_from_bytes

                box.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
                return "250 OK"

        def authenticator(server: Any, session: Any, envelope: Any, mechanism: str,
                          auth_data: Any) -> AuthResult:
            box.logins.append((auth_data.login, auth_data.password))
            ok = auth_data.login == b"me@example.com" and auth_data.password == b"app-code-1"
            return AuthResult(success=ok, handled=False)

        kwargs: dict[str, Any] = {"authenticator": authenticator}
        if tls:
            cert, key = _self_signed(folder)
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(cert, key)
            kwargs.update(tls_context=context, require_starttls=True, auth_require_tls=True)
            self.cafile = cert
        else:
            kwargs.update(auth_require_tls=False)
        self.port = _free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port,
                                     **kwargs)
        self.controller.start()

    def close(self) -> None:
        self.controller.stop()


@pytest.fixture
def mailbox(tmp_path: Path, monkeypatch) -> Iterator[Mailbox]:
    box = Mailbox(tmp_path, tls=True)
    monkeypatch.setenv("POSGUIDE_SMTP_CAFILE", str(box.cafile))
    yield box
    box.close()


def add_email(cli, box: Mailbox, tmp_path: Path, password: str = "app-code-1") -> None:
    secret = tmp_path / "smtp-pass"
    secret.write_text(password + "\n")
    secret.chmod(0o600)
    r = cli("notify", "add", "email", "--host", "127.0.0.1", "--port", str(box.port),
            "--user", "me@example.com", "--password-file", str(secret),
            "--from", "me@example.com", "--to", "team@example.com", "--to", "boss@example.com")
    assert r.exit_code == 0, r.output


def test_email_over_starttls_fails_then_recovers_and_arrives_once(cli, mailbox, tmp_path,
                                                                  home: Path) -> None:
    shop(cli)
    add_email(cli, mailbox, tmp_path)
    assert "app-code-1" not in (home / "notify.toml").read_text()  # only the file's path
    mailbox.failing = True
    r = cli("notify", "run", env=T)
    assert r.exit_code == 1 and "try again later" in r.err
    assert "1 item waiting since 2026-11-23" in cli("notify", "list").out
    mailbox.failing = False
    r = cli("notify", "run", env=T)
    assert r.exit_code == 0 and "sent 1 item" in r.out
    assert "nothing new" in cli("notify", "run", env=T).out
    [(rcpt, mail)] = mailbox.messages
    assert rcpt == ["team@example.com", "boss@example.com"]
    assert mail["Subject"] == "posguide: 1 thing needs attention (2026-11-23)"
    assert mail["From"] == "me@example.com"
    assert mail["Message-ID"].startswith("<posguide.")
    assert "posguide sim-swap" in mail.get_payload(decode=True).decode()
    assert set(mailbox.logins) == {(b"me@example.com", b"app-code-1")}


def test_email_wrong_password_says_so(cli, mailbox, tmp_path) -> None:
    shop(cli)
    add_email(cli, mailbox, tmp_path, password="wrong")
    r = cli("notify", "test", env=T)
    assert r.exit_code == 1 and "did not accept the login of me@example.com" in r.err
    assert not mailbox.messages


def test_plain_smtp_to_this_computer(cli, tmp_path) -> None:
    box = Mailbox(tmp_path, tls=False)
    try:
        shop(cli)
        r = cli("notify", "add", "email", "--host", "127.0.0.1", "--port", str(box.port),
                "--security", "none", "--from", "me@example.com", "--to", "me@example.com")
        assert r.exit_code == 0, r.output
        assert cli("notify", "test", env=T).exit_code == 0
        [(_, mail)] = box.messages
        assert mail["Subject"] == "posguide: test message"
    finally:
        box.close()


# --- a crash mid-send -----------------------------------------------------------

CRASHER = Path(__file__).with_name("notify_crasher.py")


def crash_run(home: Path, stage: str) -> int:
    import subprocess
    import sys

    env = {**os.environ, "POSGUIDE_HOME": str(home), "POSGUIDE_TODAY": "2026-11-23"}
    done = subprocess.run([sys.executable, str(CRASHER), stage], env=env, timeout=60,
                          capture_output=True, text=True, check=False)
    return done.returncode


@pytest.mark.parametrize(("stage", "first", "total"), [
    ("before-send", 0, 1),     # killed before it went: sent once, by the next run
    ("after-save", 1, 1),      # killed after "delivered" was saved: never again
    ("after-send", 1, 2),      # the documented window: sent, killed before the save
])
def test_a_kill_mid_send_never_repeats_what_was_recorded_as_delivered(
        cli, robot, home: Path, stage: str, first: int, total: int) -> None:
    import signal

    shop(cli)
    cli("notify", "add", "webhook", robot.url(), "--format", "wecom")
    assert crash_run(home, stage) == -signal.SIGKILL
    assert len(robot.posts) == first
    json.loads((home / "notify-state.json").read_text())  # whole, never torn
    r = cli("notify", "run", env=T)
    assert r.exit_code == 0, r.output
    assert len(robot.posts) == total
    # Killed while "sending", the next run cannot know whether it went: it says so.
    maybe = [("may have seen it already" in x) for x in texts(robot)]
    assert maybe == {"before-send": [True], "after-send": [False, True],
                     "after-save": [False]}[stage]
    assert "nothing new" in cli("notify", "run", env=T).out
    assert len(robot.posts) == total


def test_state_is_shared_by_one_run_at_a_time(cli, robot, home: Path) -> None:
    from filelock import FileLock

    shop(cli)
    cli("notify", "add", "webhook", robot.url(), "--format", "wecom")
    with FileLock(str(home / ".notify.lock")):
        r = cli("notify", "run", env={**T, "POSGUIDE_LOCK_TIMEOUT": "0.2"})
    assert r.exit_code == 3 and "Another posguide is sending" in r.err
    assert not robot.posts


@pytest.mark.parametrize("text", [
    "not json",
    "[]",
    '{"schema": 1, "channels": {"wecom": {"delivered": 5}}}',
    '{"schema": 1, "channels": {"wecom": {"delivered": {"shop1/sim_expiry": "awful"}}}}',
    '{"schema": 1, "channels": {"wecom": {"pending": {"id": 1}}}}',
    '{"schema": 1, "channels": {"wecom": {"last_sent": "yesterday"}}}',
    '{"schema": 1, "channels": {"wecom": {"last": {"date": "2026-11-23", "ok": "yes"}}}}',
    "[" * 100000,
])
def test_a_damaged_state_file_stops_with_a_message(cli, robot, home: Path, text: str) -> None:
    shop(cli)
    cli("notify", "add", "webhook", robot.url(), "--format", "wecom")
    (home / "notify-state.json").write_text(text)
    for args in (["notify", "run"], ["notify", "list"]):
        r = cli(*args, env=T)
        assert r.exit_code == 3, r.output
        assert "notify-state.json cannot be read. Delete it" in r.err
    assert not robot.posts


@pytest.mark.parametrize(("text", "key"), [
    ('schema = 1\n[channels.x]\nkind = "email"\nhost = "h.example"\nport = 587\n'
     'security = "starttls"\nsender = "a@b.example"\nto = ["c@d.example"]\nuser = 5\n',
     "channels.x"),
    ('schema = 1\n[channels.x]\nkind = "webhook"\nformat = "wecom"\n', "channels.x.url"),
    ('schema = 2\n', "schema"),
    ('schema = 1\n[channels."a b"]\nkind = "desktop"\n', 'channels.a b'),
    ("x = " + "[" * 100000, "-"),
])
def test_a_damaged_notify_toml_stops_with_the_key(cli, home: Path, text: str, key: str) -> None:
    shop(cli)
    (home / "notify.toml").write_text(text)
    r = cli("notify", "list")
    assert r.exit_code == 3, r.output
    assert f"notify.toml cannot be used: {key}" in r.err


def test_a_retry_keeps_its_message_id_only_while_it_says_the_same(cli, robot, home: Path) -> None:
    shop(cli)
    cli("notify", "add", "webhook", robot.url(), "--format", "wecom")
    robot.default = (500, {"errcode": -1})

    def pending() -> dict[str, Any]:
        state = json.loads((home / "notify-state.json").read_text())
        return state["channels"]["wecom"]["pending"]

    assert cli("notify", "run", env=T).exit_code == 1
    first = pending()
    assert first["status"] == "failed" and "HTTP 500" in first["error"]
    assert cli("notify", "run", env=T).exit_code == 1
    assert pending()["id"] == first["id"] and pending()["tries"] == 2
    shop(cli, "shop2", sim_expires="2026-11-20")  # something more to say
    assert cli("notify", "run", env=T).exit_code == 1
    assert pending()["id"] != first["id"] and len(pending()["items"]) == 2
    assert pending()["since"] == "2026-11-23"


def test_why_a_send_failed_is_said_in_the_runs_language(cli, robot) -> None:
    shop(cli)
    cli("notify", "add", "webhook", robot.url(), "--format", "wecom")  # an English channel
    robot.default = (500, {"errcode": -1})
    r = cli("--lang", "zh", "notify", "run", env=T)
    assert r.exit_code == 1
    assert "服务器返回 HTTP 500" in r.err and "下次运行时会重试" in r.err
    robot.default = (200, {"errcode": 0})
    assert cli("--lang", "zh", "notify", "run", env=T).exit_code == 0
    assert texts(robot)[-1].startswith("posguide: 1 thing needs attention")  # the channel's


# --- addresses that carry a key -------------------------------------------------

KEY = "0123456789abcdef-SECRET"


@pytest.mark.parametrize("bad", [
    f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={KEY} ",  # inside, after strip: no
    f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=01 23{KEY}",
    f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={KEY}\nx=1",
    f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={KEY}\x7f",
    f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={KEY}\u200b",
])
def test_an_address_with_a_space_or_control_character_is_refused_at_add(
        cli, home: Path, bad: str) -> None:
    r = cli("notify", "add", "webhook", bad)
    if bad.endswith(" "):  # surrounding spaces are a copying habit: taken away
        assert r.exit_code == 0, r.output
        assert KEY not in r.output and f"key={KEY[:2]}…{KEY[-2:]}" in r.out
        return
    assert r.exit_code == 2, r.output
    assert "space, line break or other invisible character" in " ".join(r.err.split())
    assert KEY not in r.output and "SECRET" not in r.output
    assert not (home / "notify.toml").exists()
    r = cli("--lang", "zh", "notify", "add", "webhook", bad)
    assert r.exit_code == 2 and "空格、换行或其他不可见字符" in "".join(r.err.split())
    assert KEY not in r.output


def test_an_http_address_to_another_computer_is_refused_with_its_key_masked(cli) -> None:
    r = cli("notify", "add", "webhook", f"http://hook.example.com/send?key={KEY}")
    assert r.exit_code == 2 and "https://" in r.err
    assert KEY not in r.output and f"key={KEY[:2]}…{KEY[-2:]}" in r.err


@pytest.mark.parametrize("url", [
    f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=01 23{KEY}",
    f"http://hook.example.com/send?key={KEY}",
    f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={KEY}\tx",
])
def test_a_hand_edited_bad_address_is_exit_3_naming_the_file_not_the_key(
        cli, robot, home: Path, url: str) -> None:
    shop(cli)
    (home / "notify.toml").write_text(
        f'schema = 1\n[channels.w]\nkind = "webhook"\nurl = {json.dumps(url)}\n'
        'format = "wecom"\n')
    for args in (["notify", "run"], ["notify", "list"], ["--lang", "zh", "notify", "run"]):
        r = cli(*args, env=T)
        assert r.exit_code == 3, (args, r.output)
        assert str(home / "notify.toml") in "".join(r.err.split()) and "channels.w" in r.err
        assert KEY not in r.output and "Traceback" not in r.output
    assert not (home / "notify-state.json").exists()  # nothing was marked "sending"


def test_a_send_urllib_refuses_is_a_failed_send_that_names_no_key(monkeypatch) -> None:
    """Whatever gets past check_url (an address from an older posguide),
    urllib's own refusal (http.client.InvalidURL, not a URLError) is a failed
    send with the key masked, not a crash that leaves the message "sending"."""
    from posguide.channels import Outgoing, SendError, send_webhook

    message = Outgoing("id1", "title", "text", "en", [])
    for url in (f"http://127.0.0.1:9/send?key={KEY}\x01x",
                f"http://127.0.0.1:9/send?key=01 23{KEY}",
                f"http://127.0.0.1:9/{KEY}{KEY}/x y"):
        with pytest.raises(SendError) as info:
            send_webhook({"url": url, "format": "json"}, message, 0.0)
        assert KEY not in info.value.message and "SECRET" not in info.value.message
        assert info.value.message.startswith("could not reach it")


def test_a_control_character_in_a_saved_address_never_crashes_notify_run(
        cli, robot, home: Path, monkeypatch) -> None:
    """The run itself: a channel whose address urllib refuses is failed, kept
    for the next run, and said without the key (exit 1, not 70)."""
    import posguide.channels as channels

    shop(cli)
    assert cli("notify", "add", "webhook", robot.url(f"/send?key={KEY}"),
               "--format", "json").exit_code == 0
    real = channels.webhook_request

    def broken(settings, message, now):  # type: ignore[no-untyped-def]
        url, body = real(settings, message, now)
        return url + "\x01", body

    monkeypatch.setattr(channels, "webhook_request", broken)
    r = cli("notify", "run", env=T)
    assert r.exit_code == 1, r.output
    assert "not sent" in r.err and KEY not in r.output
    state = json.loads((home / "notify-state.json").read_text())
    assert state["channels"]["json"]["pending"]["status"] == "failed"
    assert KEY not in (home / "notify-state.json").read_text()
    assert not robot.posts


def test_a_login_without_a_password_file_in_notify_toml_is_exit_3(cli, home: Path) -> None:
    shop(cli)
    (home / "notify.toml").write_text(
        'schema = 1\n[channels.m]\nkind = "email"\nhost = "smtp.example.com"\nport = 587\n'
        'security = "starttls"\nsender = "a@b.example"\nto = ["c@d.example"]\n'
        'user = "a@b.example"\n')
    r = cli("notify", "run", env=T)
    assert r.exit_code == 3 and "channels.m" in r.err and "--password-file" in r.err


@pytest.mark.parametrize(("text", "en", "zh"), [
    ("schema = 2\n", "schema: expected schema = 1.", "schema：应为 schema = 1。"),
    ('schema = 1\nchannels = 5\n', "channels: expected a table", "channels：应为表"),
    ('schema = 1\n[channels.x]\nkind = "fax"\n',
     "channels.x.kind: expected one of desktop | webhook | email",
     "channels.x.kind：应为以下之一：desktop | webhook | email"),
    ('schema = 1\n[channels.x]\nkind = "desktop"\nlang = "fr"\n',
     "channels.x.lang: expected one of en | zh", "channels.x.lang：应为以下之一：en | zh"),
    (b"schema = 1\n# \xff\n", "the file is not UTF-8 text", "文件不是 UTF-8 文本"),
])
def test_a_broken_notify_toml_is_explained_in_both_languages(
        cli, home: Path, text: str | bytes, en: str, zh: str) -> None:
    shop(cli)
    path = home / "notify.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    r = cli("notify", "list")
    assert r.exit_code == 3 and en in " ".join(r.err.split()), r.err
    r = cli("--lang", "zh", "notify", "list")
    assert r.exit_code == 3 and "".join(zh.split()) in "".join(r.err.split()), r.err


def test_a_held_message_says_only_a_turn_to_critical_goes_at_once(cli, robot) -> None:
    shop(cli)
    cli("notify", "add", "webhook", robot.url(), "--format", "wecom")
    assert cli("notify", "run", env=T).exit_code == 0
    shop(cli, "shop2")  # new, but only a warning: it waits for tomorrow
    r = cli("notify", "run", env=T)
    assert "unless something turns critical" in " ".join(r.out.split())
    r = cli("--lang", "zh", "notify", "run", env=T)
    assert "除非有事项变为紧急" in "".join(r.out.split())
