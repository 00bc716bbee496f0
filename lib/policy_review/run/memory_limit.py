"""The memory limit a run needs (``ulimit -v``), checked before anything large is loaded.

It imports nothing but the standard library: under a limit too low for a run, importing pandas
itself would fail with Python's own traceback, before any check could say what is wrong.
"""

from __future__ import annotations

from policy_review.core.errors import BadInput, Problem

#: The address space each process of a run needs, at the least: a kernel loads pandas, matplotlib
#: and their threads (measured: no kernel starts under ``ulimit -v 1000000``, and Kaizhou's 2018
#: run passes at ``ulimit -v 1200000``, in KiB). Below it a run could only fail kernel by kernel.
MIN_ADDRESS_SPACE = 1536 * 1024 * 1024


def check_memory_limit() -> None:
    """Before any kernel starts: refuse a memory limit (``ulimit -v``) under which no kernel can
    run (:data:`MIN_ADDRESS_SPACE`), saying what the limit is and what a run needs."""
    try:
        import resource
    except ImportError:  # (not on Unix: no such limit)
        return
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft != resource.RLIM_INFINITY and soft < MIN_ADDRESS_SPACE:
        raise BadInput(
            [
                Problem(
                    "ulimit -v",
                    f"the memory limit is {soft // 1024:,} KiB: each process of a run needs at "
                    f"least {MIN_ADDRESS_SPACE // 1024:,} KiB (ulimit -v {MIN_ADDRESS_SPACE // 1024}, "
                    "or unlimited)",
                )
            ]
        )
