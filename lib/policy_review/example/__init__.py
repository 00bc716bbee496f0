"""The synthetic example district (示例区) and the national-size synthetic corpus, clearly labelled
synthetic in every file they write.
"""

__all__ = [
    "corpus",
    "district",
    "document",
    "plan",
    "report",
    "vocabulary",
    "workplan",
]
