"""What is kept of a loaded review: its computed tables while it lives, and, within one
``policy-review run``, the review itself for the other notebooks of the run.

- **Computed once per review** (:func:`memo`): each question of the review is worked out once
  and reused while its inputs are the very same objects.
- **Loaded once per run** (:func:`kept`). A region-year is loaded by its year review's kernel,
  then again by the region's trends and the year's comparison, each in a kernel of its own.
  The runner makes a private folder (mode 0700) for the run and names it in
  ``POLICY_REVIEW_LOADED_REVIEWS`` for its workers and kernels; the first process that loads a
  review keeps it there (with the extraction of its text), the next ones take it, and the
  runner removes a region's reviews once its trends have run, and the folder when the run ends.
  A review is kept under what it is made of: its
  region, year, language, source pages and the fingerprint of the region's files
  (:func:`policy_review.tables.load.data_fingerprint`), so a file changed during the run is loaded
  afresh. Outside a run (a notebook by hand, a test) nothing is kept.
- The folder holds pickles written by the run's own processes, in a folder only its user can
  open; whatever cannot be read there is loaded as usual (see ``SECURITY.md``).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pandas as pd

from policy_review.core import reads
from policy_review.tables.load import data_fingerprint

ENV = "POLICY_REVIEW_LOADED_REVIEWS"
T = TypeVar("T")

_computed: dict[int, dict] = {}  # id(review) -> {name: (inputs, value)}, while the review lives


def memo(review, name: str, inputs: tuple, compute):
    """``compute()``, once per review and ``inputs``: kept under ``name`` while the review lives,
    and reused while every input is the very same object (a table replaced, e.g. by a test or a
    researcher trying another ledger, is computed afresh). Frames are returned as copies, so a
    caller that changes one changes nothing kept."""
    kept_for_review = _computed.get(id(review))
    if kept_for_review is None:
        kept_for_review = _computed[id(review)] = {}
        weakref.finalize(review, _computed.pop, id(review), None)
    kept = kept_for_review.get(name)
    if kept is not None and len(kept[0]) == len(inputs) and all(a is b for a, b in zip(kept[0], inputs)):
        value = kept[1]
    else:
        value = compute()
        kept_for_review[name] = (inputs, value)
    return value.copy() if isinstance(value, (pd.DataFrame, pd.Series)) else value


def reviews_kept() -> int:
    """How many live reviews have something kept by :func:`memo` (none once they are gone)."""
    return len(_computed)


def computed(review, name: str):
    """What :func:`memo` keeps under ``name`` for ``review`` (None where nothing is kept)."""
    kept = _computed.get(id(review), {}).get(name)
    return kept[1] if kept is not None else None


# ---------------------------------------------------------------- within one run

#: What a kept review carries of what was computed for it (the extraction of its text: the
#: draft, the statutory check and the comparison ask for it).
CARRIED = ("extraction",)


def run_folder() -> str:
    """A new private folder for one run's reviews (the runner names it in ``ENV`` and removes it)."""
    return tempfile.mkdtemp(prefix="policy-review-reviews-")


def _path(folder: str, key: dict) -> Path:

    named = json.dumps({**key, "data": data_fingerprint(key["region"])}, sort_keys=True, default=str)
    return Path(folder) / f"{key['region']}.{hashlib.sha256(named.encode('utf-8')).hexdigest()}.pickle"


def forget(region: str) -> None:
    """Remove the reviews of ``region`` this run kept (once its trends have run, no notebook of the
    run asks for them again: the comparison reads the year runs' summaries), so that the folder
    holds the regions in flight, not the whole corpus."""
    folder = os.environ.get(ENV)
    if not folder or not os.path.isdir(folder):
        return
    for path in Path(folder).glob("*.pickle"):
        if path.name.removesuffix(".pickle").rpartition(".")[0] == region:
            path.unlink(missing_ok=True)


def kept(key: dict, load: Callable[[], T]) -> T:
    """The review of ``key`` (region, year, lang, sources): taken from this run's folder where an
    earlier notebook of the run kept it, else ``load()``-ed and kept there."""
    folder = os.environ.get(ENV)
    if not folder or not os.path.isdir(folder):
        return load()
    path = _path(folder, key)
    try:
        with open(path, "rb") as f:
            review, carried, read = pickle.load(f)
        for name, value in carried.items():
            memo(review, name, (review.text,), lambda value=value: value)
        reads.note_again(read)  # this process's run depends on what the review was read from
        return review
    except Exception:  # not kept yet (or unreadable): load it
        pass
    place = reads.mark()
    review = load()
    read = reads.since(place)
    carried = {name: value for name in CARRIED if (value := computed(review, name)) is not None}
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".keeping-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump((review, carried, read), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # whole or not at all: a reader never sees half of it
    except Exception:  # a full disk, a folder removed as the run ends: this review is not kept
        try:
            os.unlink(tmp)
        except (OSError, UnboundLocalError):
            pass
    return review
