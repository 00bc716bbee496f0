"""Reports in traditional characters, read in simplified ones for analysis, offsets unchanged.

Some copies of mainland reports are served in traditional characters (through a big5 gateway,
or republished in Hong Kong or Taiwan). The term lists and rules are written in simplified
characters, so the text is analysed in its simplified form, made with OpenCC character by
character: a character becomes one character, so every offset into the simplified text is an
offset into the original, and quotes are always cut from the original.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def _simplified(char: str) -> str:
    converted = _converter().convert(char)
    return converted if len(converted) == 1 else char


def to_simplified(text: str) -> str:
    """``text`` in simplified characters, of the same length (each character mapped on its own)."""
    table = {}
    for char in set(text):
        if "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff":
            simple = _simplified(char)
            if simple != char:
                table[ord(char)] = simple
    return text.translate(table) if table else text
