"""The ground floor: paths from the project root, errors as ``file:line: column: what is wrong``,
whole-or-nothing writes, decoding of what people give us, what a process read (``reads``), the
names of a run's files and how the output folder is read (``outputs``), the reader of CSV and
YAML files as people edit them, and the catalogue of every word a reader sees (``labels.csv``).
"""

__all__ = [
    "atomic",
    "decoding",
    "edited_files",
    "errors",
    "labels",
    "outputs",
    "paths",
    "reads",
]
