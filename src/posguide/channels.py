"""How a message leaves the machine: a desktop notification, a group-chat
robot or plain JSON over HTTP, or an email.

The robots' message formats are data (`data/robots.toml`), checked when they
are loaded. Everything here is I/O on purpose and imported only by `notify`:
urllib, smtplib and subprocess cost start-up time nobody else should pay.
"""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import DataError, PosguideError, UsageError
from .i18n import t

TIMEOUT = 15.0  # seconds for one HTTP request or SMTP session
PLACEHOLDERS = ("{title}", "{text}", "{lang}", "{terminals}")
SIGNINGS = ("none", "dingtalk", "feishu")
LOOPBACK = ("127.0.0.1", "localhost", "::1")
# Windows PowerShell's registered AppUserModelID (see desktop_command).
POWERSHELL_APP_ID = (r"{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}"
                     r"\WindowsPowerShell\v1.0\powershell.exe")


class SendError(PosguideError):
    """A channel did not take the message; `message` says why, for `notify list`."""

    exit_code = 1


@dataclass(frozen=True)
class Robot:
    key: str
    name: Mapping[str, str]
    hosts: tuple[str, ...]
    ok: tuple[str, ...]
    max_bytes: int | None
    signing: str
    body: Mapping[str, Any]


@dataclass(frozen=True)
class Outgoing:
    """What a channel sends: made by notify.compose in the channel's language."""

    id: str  # the same for every try of one message (email's Message-ID)
    title: str
    text: str
    lang: str
    terminals: list[dict[str, Any]]


def load_robots(raw: str | None = None, source: str = "robots.toml") -> dict[str, Robot]:
    """The robot formats, checked: a wrong entry names the file and the key."""
    from .tomlfile import read_toml

    if raw is None:
        raw = resources.files("posguide").joinpath("data/robots.toml").read_text("utf-8")

    def bad(key: str, problem: str) -> DataError:
        return DataError(t("notify.robots_bad", file=source, key=key, problem=problem))

    data = read_toml(raw, source, lambda detail: bad("-", detail))

    robots: dict[str, Robot] = {}
    for key, entry in data.items():
        if not isinstance(entry, dict):
            raise bad(key, "a table")
        unknown = set(entry) - {"name", "hosts", "ok", "max_bytes", "signing", "body"}
        if unknown:
            raise bad(f"{key}.{sorted(unknown)[0]}", "no such key")
        name = entry.get("name")
        if not isinstance(name, dict) or not all(
                isinstance(name.get(lang), str) and name[lang] for lang in ("en", "zh")):
            raise bad(f"{key}.name", "en and zh")
        hosts, ok = entry.get("hosts", []), entry.get("ok", [])
        for field, value in (("hosts", hosts), ("ok", ok)):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise bad(f"{key}.{field}", "a list of strings")
        max_bytes = entry.get("max_bytes")
        if max_bytes is not None and (not isinstance(max_bytes, int) or max_bytes < 200):
            raise bad(f"{key}.max_bytes", "a number of bytes, at least 200")
        signing = entry.get("signing", "none")
        if signing not in SIGNINGS:
            raise bad(f"{key}.signing", " | ".join(SIGNINGS))
        body = entry.get("body")
        if not isinstance(body, dict):
            raise bad(f"{key}.body", "a table")
        used = _placeholders(body)
        if "{text}" not in used:
            raise bad(f"{key}.body", 'a value "{text}"')
        stray = [s for s in used if s not in PLACEHOLDERS]
        if stray:
            raise bad(f"{key}.body", f"unknown placeholder {stray[0]}")
        robots[key] = Robot(key, name, tuple(hosts), tuple(ok), max_bytes, signing, body)
    return robots


@cache
def robots() -> dict[str, Robot]:
    return load_robots()


def _placeholders(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [p for v in value.values() for p in _placeholders(v)]
    if isinstance(value, list):
        return [p for v in value for p in _placeholders(v)]
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return [value]
    return []


def fill(template: Any, values: Mapping[str, Any]) -> Any:
    """The body with each placeholder value replaced (never str.format: a
    brace in a terminal's name must not be read as one)."""
    if isinstance(template, dict):
        return {k: fill(v, values) for k, v in template.items()}
    if isinstance(template, list):
        return [fill(v, values) for v in template]
    if isinstance(template, str) and template in values:
        return values[template]
    return template


def robot_for_url(url: str) -> str:
    """The robot a webhook address belongs to, by its host; `json` otherwise."""
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").lower()
    for key, robot in robots().items():
        if host in robot.hosts:
            return key
    return "json"


def check_url(url: str) -> str:
    """An address posguide may post to: https, or http to this machine only
    (a robot's key must not cross the network in the clear). No spaces or
    control characters inside it: urllib would refuse them only when sending,
    and a pasted address with a line break in it is a copying slip. The
    message shows the address with its key masked: it ends up on screens
    and in logs."""
    from urllib.parse import urlsplit

    value = url.strip()
    if any(ch.isspace() or unicodedata.category(ch)[0] == "C" for ch in value):
        raise UsageError(t("notify.url_spaces", url=mask_url(value)))
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018  (a bad port raises here)
    except ValueError:
        raise UsageError(t("notify.bad_url", url=mask_url(value))) from None
    ok = parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK)
    if not ok or not parts.hostname:
        raise UsageError(t("notify.bad_url", url=mask_url(value)))
    return value


def mask(value: str) -> str:
    """ab…9f: enough to tell two secrets apart, not enough to use one."""
    return f"{value[:2]}…{value[-2:]}" if len(value) >= 8 else "…"


def mask_url(url: str) -> str:
    """The address with its secrets masked: every query value, and any path
    part long enough to be a key (Feishu puts the key in the path). Never
    fails: an address too broken to take apart is masked whole."""
    from urllib.parse import parse_qsl, urlsplit

    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return mask(url)
    path = "/".join(mask(p) if len(p) >= 16 else p for p in parts.path.split("/"))
    query = "&".join(f"{k}={mask(v)}" for k, v in parse_qsl(parts.query, keep_blank_values=True))
    host = parts.hostname or ""
    if port:
        host += f":{port}"
    return f"{parts.scheme}://{host}{path}" + (f"?{query}" if query else "")


def _without_secrets(text: str, *urls: str) -> str:
    """An error text with every address in `urls` (and each secret part of
    one, in whatever form the library quoted it) masked."""
    from urllib.parse import parse_qsl, urlsplit

    secrets: set[str] = set()
    for url in urls:
        secrets.add(url)
        try:
            parts = urlsplit(url)
        except ValueError:
            continue
        secrets.update(v for _, v in parse_qsl(parts.query, keep_blank_values=True)
                       if len(v) >= 4)
        secrets.update(p for p in parts.path.split("/") if len(p) >= 16)
    for secret in sorted(secrets, key=len, reverse=True):  # whole addresses first
        for form in (secret, repr(secret), repr(secret)[1:-1]):
            if form and form in text:
                text = text.replace(form, mask_url(secret) if secret in urls else mask(secret))
    return text


# --- webhooks -------------------------------------------------------------------

def dingtalk_sign(secret: str, now_ms: int) -> tuple[str, str]:
    """DingTalk's signature: (timestamp, sign) for the query string."""
    import base64
    import hashlib
    import hmac

    stamp = str(now_ms)
    digest = hmac.new(secret.encode(), f"{stamp}\n{secret}".encode(), hashlib.sha256).digest()
    return stamp, base64.b64encode(digest).decode()


def feishu_sign(secret: str, now_s: int) -> tuple[str, str]:
    """Feishu's signature: (timestamp, sign) for the body. Feishu keys the HMAC
    with timestamp + newline + secret and signs nothing."""
    import base64
    import hashlib
    import hmac

    stamp = str(now_s)
    digest = hmac.new(f"{stamp}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return stamp, base64.b64encode(digest).decode()


def webhook_request(settings: Mapping[str, Any], message: Outgoing,
                    now: float) -> tuple[str, dict[str, Any]]:
    """The address and JSON body one webhook post needs."""
    from urllib.parse import quote_plus

    robot = robots()[settings["format"]]
    body = fill(robot.body, {"{title}": message.title, "{text}": message.text,
                             "{lang}": message.lang, "{terminals}": message.terminals})
    url = settings["url"]
    secret = settings.get("secret")
    if secret and robot.signing == "dingtalk":
        stamp, sign = dingtalk_sign(secret, int(now * 1000))
        url += ("&" if "?" in url else "?") + f"timestamp={stamp}&sign={quote_plus(sign)}"
    elif secret and robot.signing == "feishu":
        stamp, sign = feishu_sign(secret, int(now))
        body = {"timestamp": stamp, "sign": sign, **body}
    return url, body


def send_webhook(settings: Mapping[str, Any], message: Outgoing, now: float) -> None:
    import http.client
    import urllib.error
    import urllib.request

    url, body = webhook_request(settings, message, now)
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        url, data=data, method="POST",
        headers={"Content-Type": "application/json; charset=utf-8",
                 "User-Agent": "posguide"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            answer = response.read(65536)
    except urllib.error.HTTPError as exc:
        raise SendError(t("notify.http_status", status=exc.code, reason=exc.reason)) from None
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
        # URLError: no connection; HTTPException: the library refused the
        # address (InvalidURL for a control character) or the answer; OSError
        # and ValueError: a socket or an unknown scheme. Any of them is a
        # failed send, kept and tried again; none names the key.
        reason = getattr(exc, "reason", None) or exc
        said = _without_secrets(str(reason) or type(exc).__name__, url, settings["url"])
        raise SendError(t("notify.unreachable", error=said)) from None
    robot = robots()[settings["format"]]
    if robot.ok:
        _check_answer(robot, answer)


def _check_answer(robot: Robot, answer: bytes) -> None:
    try:
        obj = json.loads(answer.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        obj = None
    if not isinstance(obj, dict):
        raise SendError(t("notify.robot_said", answer=answer[:200].decode("utf-8", "replace")))
    for field in robot.ok:
        if field in obj:
            if obj[field] == 0:
                return
            said = obj.get("errmsg") or obj.get("msg") or obj.get("StatusMessage") or ""
            raise SendError(t("notify.robot_refused", field=field, code=obj[field],
                              said=str(said)[:200]))
    raise SendError(t("notify.robot_said", answer=answer[:200].decode("utf-8", "replace")))


# --- email ----------------------------------------------------------------------

def read_password(settings: Mapping[str, Any]) -> str | None:
    """The SMTP password, read from the file the user keeps it in (posguide
    stores only where that file is, never the password)."""
    name = settings.get("password_file")
    if not name:
        return None
    path = Path(name).expanduser()
    try:
        return path.read_text("utf-8").strip()
    except OSError as exc:
        raise SendError(t("notify.password_file", path=str(path),
                          error=exc.strerror or str(exc))) from None


def email_message(settings: Mapping[str, Any], message: Outgoing, now: float) -> Any:
    from email.message import EmailMessage
    from email.utils import formatdate

    mail = EmailMessage()
    mail["Subject"] = message.title
    mail["From"] = settings["sender"]
    mail["To"] = ", ".join(settings["to"])
    mail["Date"] = formatdate(now, localtime=True)
    domain = settings["sender"].rpartition("@")[2] or "posguide.local"
    # One Message-ID for every try of this message: a mail reader that got a
    # repeat after an interrupted send shows it once.
    mail["Message-ID"] = f"<posguide.{message.id}@{domain}>"
    mail.set_content(message.text)
    return mail


def send_email(settings: Mapping[str, Any], message: Outgoing, now: float) -> None:
    import smtplib
    import ssl

    password = read_password(settings)
    host, port, security = settings["host"], settings["port"], settings["security"]
    context = ssl.create_default_context()
    cafile = os.environ.get("POSGUIDE_SMTP_CAFILE")  # a private relay's own CA
    if cafile:
        context.load_verify_locations(cafile)
    try:
        smtp: smtplib.SMTP
        if security == "ssl":
            smtp = smtplib.SMTP_SSL(host, port, timeout=TIMEOUT, context=context)
        else:
            smtp = smtplib.SMTP(host, port, timeout=TIMEOUT)
        with smtp:
            if security == "starttls":
                smtp.starttls(context=context)
            if settings.get("user"):
                smtp.login(settings["user"], password or "")
            smtp.send_message(email_message(settings, message, now))
    except smtplib.SMTPAuthenticationError:
        raise SendError(t("notify.smtp_login", user=settings.get("user", ""))) from None
    except smtplib.SMTPNotSupportedError:
        raise SendError(t("notify.smtp_no_tls", host=host)) from None
    except (smtplib.SMTPException, OSError) as exc:
        raise SendError(t("notify.unreachable", error=str(exc) or type(exc).__name__)) from None


# --- desktop --------------------------------------------------------------------

def desktop_command(title: str, text: str, platform: str = sys.platform
                    ) -> tuple[list[str], dict[str, str]]:
    """The platform's own way to show a notification, and extra environment.
    Fails clearly when the program it needs is not there."""
    import shutil

    def need(program: str) -> str:
        found = shutil.which(program)
        if not found:
            raise SendError(t("notify.desktop_missing", program=program))
        return found

    if platform == "darwin":
        def quoted(s: str) -> str:
            return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

        script = f"display notification {quoted(text)} with title {quoted(title)}"
        return [need("osascript"), "-e", script], {}
    if platform == "win32":
        # The text goes through the environment: nothing to quote for PowerShell.
        # A toast needs an AppUserModelID that Windows knows (a Start-menu
        # shortcut registers one); an unknown one ("posguide") is dropped
        # without an error, so the send would look delivered. posguide has no
        # shortcut: it shows its toast as Windows PowerShell, whose ID every
        # Windows has registered (BurntToast does the same).
        script = (
            "[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, "
            "ContentType = WindowsRuntime] > $null; "
            "$x = [Windows.UI.Notifications.ToastNotificationManager]::GetTemplateContent("
            "[Windows.UI.Notifications.ToastTemplateType]::ToastText02); "
            "$n = $x.GetElementsByTagName('text'); "
            "$n.Item(0).AppendChild($x.CreateTextNode($env:POSGUIDE_TITLE)) > $null; "
            "$n.Item(1).AppendChild($x.CreateTextNode($env:POSGUIDE_TEXT)) > $null; "
            "[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier("
            f"'{POWERSHELL_APP_ID}')"
            ".Show([Windows.UI.Notifications.ToastNotification]::new($x))"
        )
        shell = shutil.which("powershell") or shutil.which("pwsh")
        if not shell:
            raise SendError(t("notify.desktop_missing", program="powershell"))
        return ([shell, "-NoProfile", "-NonInteractive", "-Command", script],
                {"POSGUIDE_TITLE": title, "POSGUIDE_TEXT": text})
    env: dict[str, str] = {}
    # Run from cron there is no session bus in the environment; the user's bus
    # is usually at the standard place.
    bus = f"/run/user/{os.getuid()}/bus" if hasattr(os, "getuid") else ""
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS") and bus and os.path.exists(bus):
        env["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={bus}"
    return [need("notify-send"), "--app-name=posguide", title, text], env


def send_desktop(settings: Mapping[str, Any], message: Outgoing, now: float) -> None:
    import subprocess

    argv, extra = desktop_command(message.title, message.text)
    try:
        done = subprocess.run(argv, env={**os.environ, **extra}, capture_output=True,
                              timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SendError(t("notify.unreachable", error=str(exc))) from None
    if done.returncode != 0:
        said = (done.stderr or done.stdout).decode("utf-8", "replace").strip()[:200]
        raise SendError(t("notify.desktop_failed", program=Path(argv[0]).name,
                          code=done.returncode, said=said))


SENDERS: dict[str, Callable[[Mapping[str, Any], Outgoing, float], None]] = {
    "desktop": send_desktop,
    "webhook": send_webhook,
    "email": send_email,
}


def max_bytes(kind: str, settings: Mapping[str, Any]) -> int | None:
    """How long a message this channel takes, if it has a limit."""
    if kind == "webhook":
        return robots()[settings["format"]].max_bytes
    if kind == "desktop":
        return 1000  # a notification bubble shows a few lines; the rest is noise
    return None
