"""Making user text safe to show: control and format characters become visible stand-ins."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_KEEP = {"\t", "\n"}


@lru_cache(maxsize=4096)
def _stand_in(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␛ for ESC, ␀ for NUL
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def visible_text(text: str, *, keep_newlines: bool = True) -> str:
    """Replace characters of Unicode categories Cc and Cf (but tab and newline) with stand-ins."""
    if text.isprintable() and "\x7f" not in text:
        return text
    out = []
    for char in text:
        if char in _KEEP and (keep_newlines or char == "\t"):
            out.append(char)
        elif unicodedata.category(char) in ("Cc", "Cf"):
            out.append(_stand_in(char))
        else:
            out.append(char)
    return "".join(out)


def one_line(text: str, limit: int | None = None) -> str:
    """User text for a single-line place: newlines and tabs shown as spaces, stand-ins for controls."""
    shown = visible_text(text.replace("\n", " ").replace("\t", " "))
    if limit is not None and len(shown) > limit:
        return shown[: max(limit - 1, 0)] + "…"
    return shown


def with_article(noun: str) -> str:
    """'a process', 'an organisation unit'."""
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun
