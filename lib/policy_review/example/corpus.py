"""A national-size synthetic corpus: N regions × 2 years, every file marked synthetic (合成示例数据),
for measuring the runner and the comparison at the scale of every county-level government.

Built on the example generator (:func:`policy_review.example.district.build` and ``files``): a few
regions are generated in full (their reports, plans, ledgers and curated tables, of realistic
size), then copied to N regions under names of the same length (so every character offset in
the curated tables stays right), spread over the provinces. ``python -m policy_review.example
--regions 1000 [--out FOLDER]`` writes it as a project of its own (data, params, notebooks,
reference tables): run it with ``POLICY_REVIEW_ROOT=FOLDER policy-review run``.
"""

from __future__ import annotations

import shutil
import sys
from functools import lru_cache
from pathlib import Path

from policy_review.core import paths
from policy_review.example import district
from policy_review.review import compare


@lru_cache(maxsize=4)
def _provinces(root: str) -> tuple[str, ...]:
    return tuple(p for p in compare.provinces()["name_zh"] if len(p) == 3 and p != "台湾省")


def provinces() -> tuple[str, ...]:
    """Province-level names of three characters, from the comparison's provinces
    (``data/reference/provinces.csv``; the corpus names keep one length, so offsets stay right;
    no synthetic county is placed in 台湾省)."""
    return _provinces(str(paths.root()))


TEMPLATE_NAME = "某某省合成0000县"  # the same length as every corpus name: 省 + 合成 + four digits + 县
TEMPLATE_ID = "synthtemplate"
DEFAULT_FOLDER = "synthetic-corpus"


def region_id(i: int) -> str:
    return f"synth{i:04d}"


def region_name(i: int) -> str:
    names = provinces()
    return f"{names[i % len(names)]}合成{i:04d}县"


def templates(count: int, seed: int = 20_000) -> list[dict[str, str]]:
    """``count`` regions generated in full under the template name, as files (path → text)."""
    return [
        district.files(
            district.build(seed + k, TEMPLATE_ID, TEMPLATE_NAME, "Synthetic County 0000 (synthetic)")
        )
        for k in range(count)
    ]


def region_files(template: dict[str, str], i: int) -> dict[str, str]:
    """The template's files for region ``i``: its id and its name (same length) put in."""
    rid, name = region_id(i), region_name(i)
    assert len(name) == len(TEMPLATE_NAME)
    out = {}
    for path, text in template.items():
        text = text.replace(TEMPLATE_NAME, name).replace("Synthetic County 0000", f"Synthetic County {i:04d}")
        text = text.replace(f"region: {TEMPLATE_ID}", f"region: {rid}")
        out[path.replace(TEMPLATE_ID, rid)] = text
    return out


def write_corpus(root: Path | str, regions: int, template_count: int = 12, project: bool = True) -> list[str]:
    """Write ``regions`` synthetic regions under ``root`` (with the notebooks and the reference
    tables when ``project``); return their ids."""
    root = Path(root)
    if project:
        for name in ("notebooks", "data/reference"):
            if not (root / name).exists():
                shutil.copytree(
                    paths.root() / name, root / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints")
                )
    made = templates(min(template_count, regions))
    ids = []
    for i in range(1, regions + 1):
        for relative, text in region_files(made[i % len(made)], i).items():
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
        ids.append(region_id(i))
    return ids


def main(regions: int, out: str | None) -> int:
    root = Path(out) if out else paths.root() / DEFAULT_FOLDER
    ids = write_corpus(root, regions)
    print(
        f"wrote a synthetic corpus (合成示例数据) of {len(ids)} regions × {len(district.YEARS)} years in "
        f"{root}; run it with POLICY_REVIEW_ROOT={root} policy-review run",
        file=sys.stderr,
    )
    return 0
