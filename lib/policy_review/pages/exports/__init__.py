"""What a page is exported to: self-contained HTML without code (``render``), A4 PDF through
Chromium (``pdf``), and the run's tables as a spreadsheet (``spreadsheet``).
"""

__all__ = ["pdf", "render", "spreadsheet"]
