"""``python -m policy_review.draft.classifiers [--write]``: train the linear area model (``make model``)."""

from __future__ import annotations

import sys

from policy_review.draft.classifiers.linear import main

sys.exit(main())
