"""Running the notebooks: the runner, the page kinds, the job and its result, one notebook's
execution, kernels forked from a template, local and Dask clusters, incremental runs, the input
and output-folder checks before any kernel starts, the hand-over of a run's files, the run's
scratch folder, and the third-party workarounds (``compat``). The output names are in
``core.outputs`` (pages name them too).
"""

__all__ = [
    "cluster",
    "compat",
    "execution",
    "handover",
    "incremental",
    "jobs",
    "kernel_launcher",
    "kernel_template",
    "kinds",
    "preflight",
    "runner",
    "scratch",
]
