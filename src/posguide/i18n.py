"""Language choice and the message catalogue.

Messages live in `posguide.messages.<area>` modules as plain dicts:
``MESSAGES = {"key": {"en": "...", "zh": "..."}}``. A key ``area.name`` is looked
up in module ``area``, imported on first use, so a command pays only for the
text it shows. Python modules (not gettext .mo files) keep both languages side
by side in one place, which is what translators and reviewers here want, and
load from cached bytecode faster than any data file.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Mapping

LANGS = ("en", "zh")
_lang: str | None = None
_catalogues: dict[str, Mapping[str, Mapping[str, str]]] = {}


def detect_lang(env: Mapping[str, str] | None = None,
                ui_language: Callable[[], int | None] | None = None) -> str:
    """$POSGUIDE_LANG, else the locale variables; zh* gives Chinese. Windows
    sets none of those: there the user's display language decides, read by
    `ui_language` (the Windows API unless a test passes its own)."""
    env = os.environ if env is None else env
    explicit = env.get("POSGUIDE_LANG", "").strip().lower()
    if explicit:
        return "zh" if explicit.startswith("zh") else "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "").strip()
        if value:
            # LANGUAGE may hold a list such as "zh_CN:en".
            return "zh" if value.split(":")[0].lower().startswith("zh") else "en"
    langid = (ui_language or windows_ui_language)()
    # A LANGID's low 10 bits are the primary language; 0x04 is Chinese, in
    # every region and script (0x0804 China, 0x0404 Taiwan, 0x0C04 Hong Kong).
    if langid is not None and langid & 0x3FF == LANG_CHINESE:
        return "zh"
    return "en"


LANG_CHINESE = 0x04


def windows_ui_language() -> int | None:
    """The user's display language as a Windows LANGID, or None elsewhere.
    Asked only on Windows: ctypes costs start-up time and means nothing else."""
    if os.name != "nt":
        return None
    import ctypes

    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return None
    try:
        return int(windll.kernel32.GetUserDefaultUILanguage())
    except (AttributeError, OSError):
        return None


def normalise_lang(value: str) -> str | None:
    value = value.strip().lower()
    if value.startswith("zh"):
        return "zh"
    if value.startswith("en"):
        return "en"
    return None


def set_lang(lang: str) -> None:
    global _lang
    _lang = lang


def get_lang() -> str:
    global _lang
    if _lang is None:
        _lang = detect_lang()
    return _lang


def catalogue(area: str) -> Mapping[str, Mapping[str, str]]:
    cat = _catalogues.get(area)
    if cat is None:
        module = importlib.import_module(f"posguide.messages.{area}")
        cat = module.MESSAGES
        _catalogues[area] = cat
    return cat


def t(key: str, lang: str | None = None, /, **params: object) -> str:
    """The message `key` in the current language, formatted with `params`."""
    area, _, _name = key.partition(".")
    entry = catalogue(area)[key]
    text = entry[lang or get_lang()]
    if not params:
        return text
    # Parameters are where outside text comes in (a CSV cell, a --terminal
    # value, a file's content): control characters are shown, never sent.
    from .shown import shown

    return text.format(**{k: shown(p) if isinstance(p, str) else p for k, p in params.items()})


def sentences(*texts: str) -> str:
    """Sentences one after another: a space between them in English, none in
    Chinese (its full stop already separates them)."""
    return ("" if get_lang() == "zh" else " ").join(texts)


def tn(key: str, count: int, /, **params: object) -> str:
    """`key` with a number in it: `key_one` when count is 1 and that exists
    (English needs it; Chinese has one form)."""
    area = key.partition(".")[0]
    if count == 1 and f"{key}_one" in catalogue(area):
        key = f"{key}_one"
    return t(key, count=count, **params)
