"""jieba's internals that ``draft/jieba_compat.py`` relies on: fails if they change under it.

The compat module starts a tokenizer from a loaded dictionary by setting ``FREQ``, ``total`` and
``initialized``, which jieba keeps to itself. If a jieba release renames them, stores the dictionary
elsewhere or starts loading again on the first cut, these tests fail before the drafts go wrong.
"""

from __future__ import annotations

import importlib.metadata

import jieba

from policy_review.draft import jieba_compat

TEXT = "坚持严格规范公正文明执法，深入推进“放管服”改革，开展行政执法案卷评查。"
WORDS = ("规范公正文明执法", "放管服", "案卷评查")


def test_written_for_the_jieba_installed():
    installed = importlib.metadata.version("jieba")
    assert jieba.__version__ == installed
    # the pin in pyproject.toml (>=0.42,<0.43) and the release the workaround was checked with
    assert installed.split(".")[:2] == jieba_compat.WRITTEN_FOR.split(".")[:2] == ["0", "42"]


def test_a_tokenizer_keeps_the_attributes_the_workaround_sets():
    fresh = jieba.Tokenizer()
    assert fresh.initialized is False and fresh.FREQ == {} and fresh.total == 0
    loaded = jieba_compat.dictionary()
    assert loaded.initialized is True
    assert isinstance(loaded.FREQ, dict) and len(loaded.FREQ) > 300_000
    # every prefix of a word is in the prefix dictionary (at 0 when it is no word itself)
    assert loaded.FREQ["人民政府"] > 0 and loaded.FREQ["人民政"] == 0
    # the frequencies' sum (a word listed twice in jieba's dict.txt counts twice in it)
    assert isinstance(loaded.total, int) and 0.999 * loaded.total <= sum(loaded.FREQ.values()) <= loaded.total


def test_a_shared_dictionary_cuts_as_a_dictionary_loaded_the_public_way():
    shared = jieba_compat.tokenizer(WORDS)
    assert shared.initialized is True and shared.FREQ is not jieba_compat.dictionary().FREQ
    public = jieba.Tokenizer()
    public.initialize()
    for word in WORDS:
        public.add_word(word, freq=2_000_000)
    assert shared.lcut(TEXT, HMM=False) == public.lcut(TEXT, HMM=False)
    assert set(WORDS) <= set(shared.lcut(TEXT, HMM=False))


def test_added_words_stay_in_their_own_tokenizer():
    before = dict(jieba_compat.dictionary().FREQ)
    total = jieba_compat.dictionary().total
    shared = jieba_compat.tokenizer(("案卷评查",))
    assert "案卷评查" in shared.FREQ and "案卷评查" not in jieba_compat.dictionary().FREQ
    assert jieba_compat.dictionary().FREQ == before and jieba_compat.dictionary().total == total
    # a tokenizer started from the loaded dictionary never loads it again on its first cut
    shared.initialize = None  # noqa: B010  (any call to it would fail)
    assert "案卷评查" in shared.lcut("开展行政执法案卷评查", HMM=False)
