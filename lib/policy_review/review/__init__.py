"""The questions a review answers, as plain DataFrames: one region-year (``year_review``), its
metrics (every number defined once), trends across years, the countdown ledger, the comparison
of many regions, the run's headline numbers.
"""

__all__ = [
    "compare",
    "ledger",
    "loaded_reviews",
    "metrics",
    "plan_review",
    "summary",
    "trends",
    "year_review",
]
