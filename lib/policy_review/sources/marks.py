"""The marks every rule reads in the analysis view, defined once: stops, document numbers, dates.

The analysis view (:mod:`policy_review.sources.reading`) reads full-width punctuation as ASCII
(``，`` as ``,``, ``；`` as ``;``, ``：`` as ``:``, ``（`` as ``(``), so a rule names one form
of each mark, the ASCII one, and the marks that have no ASCII form (``。`` U+3002, ``、`` U+3001,
``〔〕`` U+3014/5) are spelled here as ``\\uXXXX`` escapes, so that no editor can fold them.

- **What ends a sentence**: ``。`` ``;`` ``!`` ``?`` and a line break (:data:`SENTENCE_STOPS`).
- **What ends a clause**: a sentence stop, ``,`` or ``:`` (:data:`CLAUSE_STOPS`); ``、`` only
  separates the items of a list (:data:`LIST_STOP`).
- **A document number (文号)**: ``开州委发〔2017〕5号``, ``[2017]5号``, ``【2017】5号``, the broken
  ``〔201918号`` and ``第3号令`` (:data:`DOCUMENT_NUMBER`).
- **Dates and years**: ``3月5日``, ``2019年12月``, a year named ``2019年`` (:data:`DATE`,
  :data:`FULL_DATE`, :data:`YEAR_MENTION`).
"""

from __future__ import annotations

import re

#: 。 (U+3002), the ideographic full stop: the view keeps it (it has no ASCII form).
FULL_STOP = "\u3002"
#: 、 (U+3001), the enumeration comma: it separates the items of a list, not clauses.
LIST_STOP = "\u3001"
#: What ends a sentence in the analysis view: 。 ; ! ? and a line break.
SENTENCE_STOPS = FULL_STOP + ";!?\n"
#: What ends a clause: a sentence stop, a comma, a colon.
CLAUSE_STOPS = SENTENCE_STOPS + ",:"
#: What ends a sentence, as a regex character class (a line break included).
SENTENCE_STOP_CLASS = "[" + re.escape(SENTENCE_STOPS) + "]"
#: What ends a clause, as a regex character class (a line break included).
CLAUSE_STOP_CLASS = "[" + re.escape(CLAUSE_STOPS) + "]"
#: A sentence: a run of characters up to and including its stop (a line break is not kept).
SENTENCE = re.compile("[^" + re.escape(SENTENCE_STOPS) + "]+" + "[" + re.escape(SENTENCE_STOPS[:-1]) + "]?")

#: Quotation marks and book-title marks: “ ” 「 」 《 》 〈 〉 (U+201C/D, U+300C/D, U+300A/B, U+3008/9).
QUOTE_OPEN = "\u201c\u300c\u300a\u3008"
QUOTE_CLOSE = "\u201d\u300d\u300b\u3009"
#: A quoted or titled span on one line: “…”, 「…」, 《…》, <…> inside a title.
QUOTED = re.compile(
    "\u201c[^\u201c\u201d\n]*\u201d|\u300c[^\u300c\u300d\n]*\u300d|\u300a[^\u300a\u300b\n]*\u300b"
)
#: A document's title in book-title marks (up to 80 characters): 《…》.
BOOK_TITLE = re.compile("\u300a[^\u300a\u300b\n]{1,80}\u300b")

_NUMBER_OPEN = "[\u3014\\[\u3010(]"  # 〔 [ 【 (
_NUMBER_CLOSE = "[\u3015\\]\u3011)]"  # 〕 ] 】 )
#: A document number (文号): 〔2017〕5号, [2017]5号, 【2017】5号, (2017)5号, the broken 〔201918号
#: (its closing bracket lost), 第3号令, 3号令. 号 U+53F7, 令 U+4EE4, 第 U+7B2C.
DOCUMENT_NUMBER = re.compile(
    _NUMBER_OPEN
    + r"\s*(?:19|20)\d{2}\s*"
    + _NUMBER_CLOSE
    + "?"
    + r"\s*\d*\s*\u53f7(?:\u4ee4)?"
    + r"|\u7b2c\s*\d+\s*\u53f7\u4ee4|\d+\u53f7\u4ee4"
)

#: A year named: 2019年 (also 2019 年), not the end of a range (2015-2020年, 2015至2020年).
#: 年 U+5E74, 至 U+81F3, — U+2014, – U+2013.
YEAR_MENTION = re.compile(r"(?<![\d\u2014\u2013\-~\u81f3])((?:19|20)\d{2})\s?\u5e74")
#: A day or a month of a year: 3月5日, 2019年12月 (not 12月份). 月 U+6708, 日 U+65E5, 份 U+4EFD.
DATE = re.compile(r"(?<!\d)\d{1,2}\u6708\d{1,2}\u65e5|(?:19|20)\d{2}\u5e74\d{1,2}\u6708(?!\u4efd)")
#: A full date as a signature gives it: 2023年3月29日 (spaces allowed: 2023 年 3 月 29 日).
FULL_DATE = re.compile(r"((?:19|20)\d{2})\s?\u5e74\s?(\d{1,2})\s?\u6708\s?(\d{1,2})\s?\u65e5")


def alternatives(words) -> str:
    """A regex alternation of ``words``, longest first (so that 人次 wins over 人)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
