"""Drafts from the text alone: the heading tree, figures, evidence items, their classification
(area classifiers by name in ``classifiers/``),
problems, commitments, work plans, passage matching, follow-up and task matching; and writing
a draft as curated-shaped tables.
"""

__all__ = [
    "classification",
    "classifiers",
    "evidence",
    "extract",
    "figures",
    "followup",
    "jieba_compat",
    "ledger_start",
    "matching",
    "plans",
    "report_draft",
    "sections",
    "task_matching",
]
