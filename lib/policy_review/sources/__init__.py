"""Sources as published: report and plan texts of record, their provenance, the reading layer
that every reader of text goes through, and the importers that turn a saved page, PDF or Word
file into a text of record.
"""

__all__ = [
    "importers",
    "plan_sources",
    "provenance",
    "reading",
    "report_text",
    "simplified",
]
