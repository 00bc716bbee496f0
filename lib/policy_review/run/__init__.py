"""Running the notebooks: the runner, one notebook's execution, kernels forked from a template,
local and Dask clusters, incremental runs, the input check before any kernel starts, the
hand-over of a run's files, and the output names.
"""

__all__ = [
    "cluster",
    "execution",
    "handover",
    "incremental",
    "kernel_launcher",
    "kernel_template",
    "preflight",
    "runner",
]
