"""Follow-up across years without curation: what next year's report says of each commitment.

Each commitment a report makes for the next year (下步工作打算) is matched, with
:func:`policy_review.draft.matching.match_passages` (BM25 over jieba words), against the evidence
items of the next year's report. The best passage, if its score per query word reaches
``MIN_SCORE``, is the follow-up: ``delayed`` when it says the work slowed (滞后, 进度稍缓…),
``evidenced`` when it carries a concrete result, else ``mentioned``. Without such a passage the
status is ``not_found`` in a full report, and ``not_available`` ("not in the available part")
when the next report is an excerpt: what it does not reach cannot be judged. Every row keeps
the matched passage, its score and the shared words, and says why.
"""

from __future__ import annotations

import re

import pandas as pd

from policy_review.core.labels import t
from policy_review.draft.matching import match_passages, relative_score
from policy_review.sources.marks import CLAUSE_STOPS, FULL_STOP
from policy_review.sources.reading import view
from policy_review.tables.names import slowed_words

#: A commitment carried over to the next year (结转) is delayed too: said of a piece of work, not
#: of a count (上年度结转任务6项 counts tasks), so it is not one of the progress words.
_CARRIED_OVER = "\u7ed3\u8f6c"


def _slowed(passage: str) -> str | None:
    """The words with which a passage says the work slowed, has not started or was carried over."""
    found = slowed_words().search(passage)
    return found.group() if found else (_CARRIED_OVER if _CARRIED_OVER in passage else None)


#: Least BM25 score per query word for a passage to count as the follow-up of a commitment.
MIN_SCORE = 0.9
#: The part of a commitment that says what is to be done (its first sentence), without the
#: lead unit and deadline that plans add (由区司法局牵头,6月底前完成).
_CLAUSE = "[^" + re.escape(CLAUSE_STOPS.replace(":", "")) + "]"
_LEAD_AND_DEADLINE = re.compile(
    "["
    + FULL_STOP
    + ";,]?\\s*(?:由"
    + _CLAUSE
    + "{1,20}(?:牵头|负责)|"
    + _CLAUSE
    + "{0,8}(?:月底前|年底前|前完成)).*$"
)


def _reasons(key: str, **fields) -> dict[str, str]:
    """``reason`` and ``reason_zh`` of a row, from the catalogue's ``key`` (a field may be a
    function of the language, for a reason inside the reason)."""

    def text(lang: str) -> str:
        return t(key, lang, **{k: v(lang) if callable(v) else v for k, v in fields.items()})

    return {"reason": text("en"), "reason_zh": text("zh")}


def _what(commitment: str) -> str:
    """The commitment's first sentence, read on its analysis view, without lead unit and deadline."""
    first = re.split("[" + FULL_STOP + ";]", view(commitment).strip(), maxsplit=1)[0]
    return _LEAD_AND_DEADLINE.sub("", first) or first


def follow_up(
    commitments: pd.DataFrame,
    evidence: pd.DataFrame,
    text: str,
    excerpt: bool,
    report_year: int,
    min_score: float = MIN_SCORE,
    method: str = "bm25",
) -> pd.DataFrame:
    """Rows of ``followups.csv`` for ``commitments`` (of the previous report), from the
    ``evidence`` items of the report on ``report_year`` (its ``text``)."""
    columns = [
        "followup_id",
        "commitment_id",
        "report_year",
        "status",
        "start",
        "end",
        "quote",
        "reason",
        "reason_zh",
        "summary_en",
        "match_score",
        "match_terms",
        "match_section",
    ]
    if commitments.empty:
        return pd.DataFrame(columns=columns)
    passages = [
        {
            "text": row["quote"],
            "start": int(row["start"]),
            "end": int(row["end"]),
            "section": row["section_path"],
            "reporting": row["reporting"],
        }
        for _, row in evidence.iterrows()
    ]
    queries = [_what(q) for q in commitments["quote"]]
    matches = match_passages(queries, passages, top=1, method=method)
    rows = []
    found_by_commitment = zip(commitments.to_dict("records"), queries, matches)
    for index, (commitment, query, found) in enumerate(found_by_commitment, 1):
        best = found[0] if found else None
        score = (
            relative_score(best["score"], query)
            if best and method == "bm25"
            else (best["score"] if best else 0.0)
        )
        row = {
            "followup_id": f"draft-fu-{report_year}-{index:02d}",
            "commitment_id": commitment["commitment_id"],
            "report_year": report_year,
            "start": None,
            "end": None,
            "quote": None,
            "summary_en": "",
            "match_score": round(score, 3),
            "match_terms": "|".join(best["terms"]) if best else "",
            "match_section": best["section"] if best else None,
        }
        if best is not None and score >= min_score:
            passage = text[best["start"] : best["end"]]
            slowed = _slowed(passage)
            if slowed:
                status, why, fields = "delayed", "fu_why_delayed", {"word": slowed}
            elif best["reporting"] == "evidenced":
                status, why, fields = "evidenced", "fu_why_evidenced", {}
            else:
                status, why, fields = "mentioned", "fu_why_mentioned", {}
            shared = {"terms": "、".join(best["terms"][:6]), "score": f"{score:.2f}"}
            row.update(
                status=status,
                start=best["start"],
                end=best["end"],
                quote=passage,
                **_reasons(
                    "fu_reason_matched",
                    why=lambda lang, why=why, fields=fields: t(why, lang, **fields),
                    **shared,
                ),
            )
        elif excerpt:
            row.update(status="not_available", **_reasons("fu_reason_excerpt"))
        elif best and isinstance(best["section"], str) and best["section"]:
            row.update(
                status="not_found",
                **_reasons(
                    "fu_reason_none_best", year=report_year, score=f"{score:.2f}", section=best["section"]
                ),
            )
        else:
            row.update(status="not_found", **_reasons("fu_reason_none", year=report_year))
        rows.append(row)
    return pd.DataFrame(rows, columns=columns)
