"""The tables: the one declaration of every curated and reference table (``schema``), their
validation and loading, the frameworks in force, the vocabularies, run parameters, and the files
generated from the declaration.
"""

__all__ = [
    "dictionary",
    "frameworks",
    "generated",
    "ledger_template",
    "load",
    "names",
    "params",
    "rules",
    "schema",
    "texts",
    "validate",
    "vocabularies",
]
