"""What readers see: the views of each page kind (year, trends, ledger, comparison, source text,
index), the written findings, charts and their font, the spreadsheet, PDF export and rendering.
"""

__all__ = [
    "charts",
    "compare_page",
    "documents",
    "findings",
    "followups",
    "fonts",
    "index_page",
    "ledger_grid",
    "ledger_page",
    "parts",
    "pdf",
    "render",
    "source_page",
    "spreadsheet",
    "trends_page",
    "year_page",
]
