"""The one way untrusted text (from files, arguments, answers) reaches the
terminal: control characters and invisible ones become visible placeholders.

A CSV cell or a `--terminal` value may hold escape sequences: colour, cursor
moves, a window title write or an OSC 52 clipboard write ("ESC ] 52 ; c ;
..."). Printed raw, a hostile file could rewrite the screen or the user's
clipboard. Shown here, ESC becomes `␛`, other C0 controls their control
pictures (`␇`, `␍`), DEL `␡`, and C1 controls, bidi overrides, zero-width and
other format characters, line separators and lone surrogates their code in
brackets (`<U+202E>`), so nothing is hidden and nothing acts. Newlines stay:
messages are made of lines.

Used at the choke points: every parameter of a message (i18n.t), every piece
of text rich prints (render's console), and JSON output (escaped instead).
"""

from __future__ import annotations

import functools
import re

# Categories never shown raw: controls, format characters (bidi overrides,
# zero-width), surrogates, line and paragraph separators.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def _placeholder(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ ... ␟ (ESC is ␛)
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def shown(text: str) -> str:
    """`text` safe to print: see the module's docstring."""
    if text.isprintable():
        return text
    import unicodedata

    out: list[str] = []
    for ch in text:
        if ch == "\n" or ch == " " or ch.isprintable():
            out.append(ch)
        elif unicodedata.category(ch) in _HIDDEN:
            out.append(_placeholder(ch))
        else:
            out.append(ch)  # a wide space, a private-use or new character
    return "".join(out)


# What JSON output escapes besides what json.dumps already does (C0, ", \):
# DEL, C1, format characters, separators, surrogates. Escaped as \uXXXX, the
# JSON still means the same string.
@functools.cache
def _json_hidden() -> re.Pattern[str]:
    return re.compile(
        "[\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f"
        "\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff]"
    )


def json_safe(text: str) -> str:
    """JSON text with every character that could act on a terminal escaped."""
    if text.isascii() and "\x7f" not in text:
        return text
    return _json_hidden().sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


# Bidi overrides and isolates: they reorder what follows on screen, so text
# holding one may show other than it is ("Trojan Source").
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def is_clean(text: str) -> bool:
    """Whether `text` may be stored: no control character (a tab is fine), no
    bidi override, no line separator, and no lone surrogate (an undecodable
    byte in an argument becomes one, and it cannot be written to a UTF-8
    file). Zero-width characters may stay: the card-number finder reads
    through them, and shown() makes them visible."""
    if text.isprintable():
        return True
    import unicodedata

    for ch in text:
        if ch == "\t" or ch.isprintable():
            continue
        if ch in _BIDI or unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp"):
            return False
    return True
