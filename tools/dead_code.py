"""The dead-code check of `make lint`: vulture over the package, with the code of the notebooks and
the benchmark scripts as its users (a function only a notebook calls is not dead), and the
allowlist of names third-party code calls (``tools/vulture_allowlist.py``). Exits 1 on dead code."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from vulture import Vulture

ROOT = Path(__file__).resolve().parents[1]
MIN_CONFIDENCE = 60


def notebook_code() -> str:
    cells = []
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                cells.append("".join(cell["source"]))
    return "\n\n".join(cells) + "\n"


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        notebooks = Path(folder) / "notebook_cells.py"
        notebooks.write_text(notebook_code(), encoding="utf-8")
        vulture = Vulture()
        vulture.scavenge(
            [
                str(ROOT / "lib" / "policy_review"),
                str(ROOT / "benchmarks"),
                str(notebooks),
                str(ROOT / "tools" / "vulture_allowlist.py"),
            ]
        )
        dead = [
            item
            for item in vulture.get_unused_code(min_confidence=MIN_CONFIDENCE)
            if "lib/policy_review" in str(item.filename)
        ]
        for item in dead:
            print(item.get_report(add_size=False).replace(str(ROOT) + "/", ""))
    if dead:
        print(f"{len(dead)} unused names: remove them, or list in tools/vulture_allowlist.py what calls them")
    return 1 if dead else 0


if __name__ == "__main__":
    sys.exit(main())
