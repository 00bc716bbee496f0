"""What readers see: the views of each page kind (year, trends, ledger, comparison, source text,
index, recycled text), the written findings, charts and their font, whole documents from
templates; what a page is exported to (HTML, PDF, spreadsheet) in ``exports/``.
"""

__all__ = [
    "charts",
    "compare_page",
    "coverage",
    "documents",
    "exports",
    "findings",
    "followups",
    "fonts",
    "index_page",
    "ledger_grid",
    "ledger_page",
    "parts",
    "recycling_page",
    "source_page",
    "trends_page",
    "year_page",
]
