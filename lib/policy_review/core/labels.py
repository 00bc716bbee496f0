"""Words shown to readers, in English or Chinese by the ``lang`` parameter: the catalogue.

Every heading, label, legend, table header, note and finding of the pages comes from here, as a
key with an English and a Chinese template (``{fields}`` filled in by :func:`t`); this is the one
module that asks which language a page is in. The texts themselves are data, in ``labels.csv``
beside this module (columns ``key``, ``section``, ``en``, ``zh``): a translator edits them there,
in a spreadsheet or a text editor, without touching code. Quotes from the sources stay in Chinese.
A table's own bilingual columns (``name_zh`` and ``name_en``) are chosen by :func:`localized`;
the names of vocabulary values and framework areas come from the reference tables
(:mod:`policy_review.tables.names`).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from policy_review.core.errors import BadInput, Problem

#: The catalogue's texts: one row per key, with where it is shown (``section``), the English and
#: the Chinese template. Shipped with the package (package data in pyproject.toml).
CATALOGUE = Path(__file__).with_name("labels.csv")
CATALOGUE_COLUMNS = ["key", "section", "en", "zh"]


def read_catalogue(path: Path = CATALOGUE) -> dict[str, tuple[str, str]]:
    """``{key: (English, Chinese)}`` from a catalogue file, in its order. A missing column, a row
    without a key or without one of its languages, and a key written twice (which would silently
    keep only its last text) are refused, each as ``file:line: column: what is wrong``."""
    problems: list[Problem] = []
    text: dict[str, tuple[str, str]] = {}
    first_line: dict[str, int] = {}
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.reader(file)
        header = next(reader, [])
        if header != CATALOGUE_COLUMNS:
            raise BadInput([Problem(path, f"the columns must be {', '.join(CATALOGUE_COLUMNS)}", 1)])
        line = reader.line_num + 1  # where the next row starts (a text may span lines)
        for row in reader:
            if len(row) != len(CATALOGUE_COLUMNS):
                problems.append(Problem(path, f"{len(row)} cells, expected {len(CATALOGUE_COLUMNS)}", line))
            else:
                key, _, en, zh = row
                if not key.strip():
                    problems.append(Problem(path, "a text without a key", line, "key"))
                elif key in first_line:
                    problems.append(
                        Problem(
                            path, f"key {key!r} written twice: already on line {first_line[key]}", line, "key"
                        )
                    )
                else:
                    first_line[key] = line
                    text[key] = (en, zh)
                for column, value in (("en", en), ("zh", zh)):
                    if not value.strip():
                        problems.append(Problem(path, f"{key!r} has no {column} text", line, column))
            line = reader.line_num + 1
    if problems:
        raise BadInput(problems)
    return text


TEXT: dict[str, tuple[str, str]] = read_catalogue()


def pick(pair: tuple[str, str], lang: str):
    """The one of an ``(English, Chinese)`` pair that ``lang`` reads (English for any other language)."""
    en, zh = pair
    return zh if lang == "zh" else en


def language_column(base: str, lang: str) -> str:
    """The column of a bilingual table that holds ``base`` in ``lang``: ``name_zh`` for Chinese,
    ``name_en`` for English (and any other language)."""
    return f"{base}_{pick(('en', 'zh'), lang)}"


def t(key: str, lang: str, **fields) -> str:
    """The text for ``key`` in ``lang`` (``en`` or ``zh``), with ``{fields}`` filled in (a template
    may leave some of the fields unused: e.g. the English one a slug, the Chinese one its name)."""
    return pick(TEXT[key], lang).format(**fields)


def tn(key: str, lang: str, n: int, **fields) -> str:
    """:func:`t` for a text about ``n`` things: ``<key>_one`` where ``n`` is 1 and the catalogue
    has it ("1 rate", not "1 rates"), else ``key``; ``n`` is one of the fields."""
    one = f"{key}_one"
    return t(one if n == 1 and one in TEXT else key, lang, n=n, **fields)


def table_controls(lang: str) -> dict:
    """The words of an interactive table's controls (DataTables' ``language`` option), offline:
    "entries per page", "Showing 1 to 10 of 104 entries", search, paging, sorting."""
    plain = (
        "lengthMenu",
        "info",
        "infoEmpty",
        "infoFiltered",
        "search",
        "zeroRecords",
        "emptyTable",
        "loadingRecords",
        "processing",
    )
    return {**{k: t(f"dt_{k}", lang) for k in plain}, "lengthLabels": {"-1": t("dt_all", lang)}}


def note_text(record: dict, key: str, lang: str) -> str | None:
    """A reviewer's note of a provenance file or table row: ``key`` holds it in English,
    ``<key>_zh`` in Chinese (the English one where there is no Chinese)."""
    english = record.get(key)
    return pick((english, record.get(f"{key}_zh") or english), lang)


def common_language(langs: list[str]) -> str:
    """The language every item is in, or English when they differ (or there are none)."""
    return langs[0] if langs and len(set(langs)) == 1 else "en"


def join(items, lang: str) -> str:
    """Items as a list in running text: ``2018, 2019`` / ``2018、2019``."""
    return t("list_sep", lang).join(str(i) for i in items)


#: What a drafted row's English name holds until a researcher translates it (e.g. a plan's task).
UNTRANSLATED = "(not translated)"


#: What a provenance file writes for a field its page does not show (title: not shown).
NOT_SHOWN = ("not shown", "unknown")


def stated(value, lang: str) -> str:
    """A provenance field as a page shows it: "not shown on the page" in the page's language
    where the file says ``not shown`` (or nothing), never the file's English word."""
    if (
        value is None
        or (isinstance(value, float) and value != value)
        or str(value).strip() in NOT_SHOWN + ("",)
    ):
        return t("not_shown", lang)
    return str(value)


def section_name(path, lang: str) -> str:
    """A section path as a page shows it (the text before the first heading: "preamble")."""
    if not isinstance(path, str) or not path:
        return ""
    return t("section_preamble", lang) if path == "preamble" else path


def localized(df: pd.DataFrame, base: str, lang: str) -> pd.Series:
    """A table's column ``<base>_<lang>`` (e.g. ``name_en``), where it has one, with the Chinese
    ``<base>_zh`` where that is blank; the Chinese column for a Chinese page. A name marked
    :data:`UNTRANSLATED` shows the Chinese name with a marker saying it is not translated."""
    source = df[f"{base}_zh"]
    own = df.get(f"{base}_{lang}")
    if own is None:
        return source
    blank = own.isna() | (own.astype(str).str.strip() == "")
    untranslated = own.astype(str).str.strip() == UNTRANSLATED
    marked = source.map(lambda zh: t("untranslated_name", lang, name=zh))
    return own.where(~blank, source).where(~untranslated, marked)


def localized_value(row, base: str, lang: str) -> str:
    """One row's ``<base>_<lang>``, else its ``<base>_zh`` (see :func:`localized`)."""
    own = row.get(f"{base}_{lang}")
    if isinstance(own, str) and own.strip() == UNTRANSLATED:
        return t("untranslated_name", lang, name=row[f"{base}_zh"])
    return own if isinstance(own, str) and own.strip() else row[f"{base}_zh"]


def translation(df: pd.DataFrame, base: str, lang: str) -> pd.Series | None:
    """A table's column ``<base>_<lang>`` (e.g. ``summary_en``, a reviewer's English summary of a
    Chinese quote), or None when there is none in ``lang`` (a Chinese page shows the quote only)."""
    return df.get(f"{base}_{lang}")


def region_name(provenance: dict, lang: str) -> str:
    key = "region_name_zh" if lang == "zh" else "region_name_en"
    return provenance.get(key) or provenance.get("region") or ""
