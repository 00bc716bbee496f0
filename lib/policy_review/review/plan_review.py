"""The year's plan beside its report: which plan document the report cites, and whether we have it.

A report usually names the work plan it answers to: Kaizhou's 2019 report cites
《重庆市开州区人民政府关于印发2019年开州区法治政府建设工作要点的通知》(开州府发〔201918号), that is
the plan 《2019年开州区法治政府建设工作要点》. When that plan is in ``data/plans/<region>/<year>.txt``
its tasks can be read against the report; when it is not, the review says so beside the plan
counts instead of pretending the task list is known.

``cited_plan`` finds the region's own plan for the year among the documents a report names (a
plan of the higher level, 《2020年重庆市法治政府建设工作要点》, or of the Party committee, is not
the government's own plan). ``plan_document`` puts that together with what ``data/plans`` holds.
"""

from __future__ import annotations

import re

from policy_review.core import paths
from policy_review.core.labels import t
from policy_review.sources.marks import DOCUMENT_NUMBER
from policy_review.sources.plan_sources import has_plan, plan_text_path
from policy_review.sources.reading import read

#: A document cited by its title in book-title marks, with what follows in brackets: 《…》(…号).
_CITED = re.compile("\u300a(?P<title>[^\u300a\u300b\n]{4,80}?)\u300b(?:\\((?P<number>[^()\n]{2,30}?)\\))?")
_PLAN_KIND = re.compile(r"工作要点|工作安排|任务分解|工作计划|重点工作")
_WRAPPER = re.compile(r"^(?:.*?关于)?(?:印发|分解|下达)(?P<inner>.+?)(?:的通知|的函)?$")
_PARTY = re.compile(r"中共|党委|区委|县委|市委|委员会")
_OWN = re.compile(r"全区|全县|全市|本区|本县|我区|我县")
#: A document number printed without its closing bracket (开州府发〔201918号 → 开州府发〔2019〕18号).
_BROKEN_NUMBER = re.compile("\u3014((?:19|20)\\d{2})(\\d{1,4}\u53f7)$")


def short_name(region_name_zh: str) -> str:
    """The name a government's own documents use: 重庆市开州区 → 开州, 西平县 → 西平."""
    name = re.sub(r"\(.*?\)", "", read(region_name_zh or "").text)  # （…） read as (…)
    last = re.findall(r"[^省市]+?(?:自治县|新区|区|县|市|旗)", name)
    part = last[-1] if last else name
    return re.sub(r"(?:自治县|新区|区|县|市|旗)$", "", part)


def cited_plan(text: str, year: int, region_name_zh: str) -> dict | None:
    """The first document the report names that is the government's own plan for ``year``:
    ``{title, cited_as, document_number, number_as_written, start, end, quote}``, else None."""
    own = short_name(region_name_zh)
    reading = read(text)
    for m in _CITED.finditer(reading.text):
        cited = reading.quote(*m.span("title"))
        inner = _WRAPPER.match(cited)
        title = inner["inner"] if inner else cited
        if str(year) not in title or not _PLAN_KIND.search(title) or _PARTY.search(title):
            continue
        if not ((own and own in title) or _OWN.search(title)):
            continue
        number = (
            reading.quote(*m.span("number")) if m["number"] and DOCUMENT_NUMBER.search(m["number"]) else None
        )
        fixed = _BROKEN_NUMBER.sub("\u3014\\1\u3015\\2", number) if number else None
        start, end = reading.original_span(*(m.span() if number else m.span("title")))
        start, end = (start - 1, end + 1) if not number else (start, end)
        return {
            "title": title,
            "cited_as": cited,
            "document_number": fixed,
            "number_as_written": number,
            "start": start,
            "end": end,
            "quote": text[start:end],
        }
    return None


def plan_document(review) -> dict:
    """What the review knows of the year's plan: the plan the report cites (if any), and whether the
    plan text is in ``data/plans`` (``available``, with its ``source`` path)."""
    region_name = str(review.provenance.get("region_name_zh") or "")
    cited = cited_plan(review.text, review.year, region_name)
    available = has_plan(review.region, review.year)
    return {
        "cited": cited,
        "available": available,
        "source": paths.display(plan_text_path(review.region, review.year)) if available else None,
    }


def plan_document_note(review) -> str | None:
    """One sentence for the plan-funnel section: the plan the report cites, and whether it is here."""
    doc = plan_document(review)
    cited, lang = doc["cited"], review.lang
    if doc["available"]:
        drafted = t("plan_tasks_draft", lang) if getattr(review, "tasks_from_plan", False) else ""
        return t("plan_available", lang) + drafted
    if cited is None:
        return None
    number = t("plan_number", lang, number=cited["document_number"]) if cited["document_number"] else ""
    return t("plan_cited_not_available", lang, title=cited["title"], number=number)
