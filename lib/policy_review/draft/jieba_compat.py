"""jieba's internals, reached into in one place: a loaded dictionary shared between tokenizers.

Loading jieba's dictionary is the slow part of segmenting (about a second: 350,000 words read
into a prefix dictionary). Every tokenizer the drafts use needs that dictionary plus the words of
the reference term lists, and a kernel forked from :mod:`policy_review.run.kernel_template` should
find it loaded. jieba has no public way to start a tokenizer from another one's dictionary, so
:func:`tokenizer` sets three attributes a ``jieba.Tokenizer`` keeps to itself:

- ``FREQ``: the prefix dictionary (word -> frequency, every prefix of a word at 0), copied, since
  ``add_word`` writes into it;
- ``total``: the sum of the frequencies, which scores a segmentation;
- ``initialized``: set, so the tokenizer does not load the dictionary again on its first cut.

Written against jieba :data:`WRITTEN_FOR` (``pyproject.toml`` pins ``jieba>=0.42,<0.43``).
``tests/unit/draft/test_jieba_compat.py`` fails if these internals change under it.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jieba

#: The jieba release this workaround was written against and checked with.
WRITTEN_FOR = "0.42.1"


@lru_cache(maxsize=1)
def dictionary() -> jieba.Tokenizer:
    """jieba's own dictionary, loaded once per process (a kernel forked from the template finds it
    loaded: :data:`policy_review.run.kernel_template.WARMERS`)."""
    import jieba  # deferred: importing jieba takes about 0.4 s, and most commands never segment

    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict" lines on a page
    base = jieba.Tokenizer()
    base.initialize()
    return base


def tokenizer(words: list[str] | tuple[str, ...] = (), freq: int = 2_000_000) -> jieba.Tokenizer:
    """A new tokenizer on the loaded :func:`dictionary` (not loaded again), with ``words`` added,
    each at frequency ``freq`` (high enough that a listed word is always cut as one word)."""
    import jieba  # deferred, as above (loaded by now: dictionary() imports it)

    base = dictionary()
    made = jieba.Tokenizer()
    made.FREQ, made.total, made.initialized = dict(base.FREQ), base.total, True
    for word in words:
        made.add_word(word, freq=freq)
    return made
