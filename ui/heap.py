"""Keeps a warm server's long-lived objects (libraries, the wiring, page modules) out of every
garbage collection: ``gc.freeze()`` after the first run of each page in the process.

Streamlit's forced collection after every run is off (``runner.postScriptGC = false`` in
.streamlit/config.toml); Python's own generational collector still runs, and a full collection
walks everything tracked, about 264,000 objects once the pages are imported. Frozen objects are
skipped by every later collection. Each page's first run imports what that page needs (pandas,
plotly, the figures), so the heap is frozen once per page, a bounded number of times per process.
What was garbage at that moment is collected first; objects frozen while alive (that run's
session data) are never freed, a one-off cost of a few runs' worth per process.
"""

from __future__ import annotations

import gc
import os
import threading

import streamlit as st

KEEP_COLLECTOR = "PERIODIZE_GC_FREEZE"
"""Set to 0: never freeze (to compare, ``python -m bench.bench_memory``)."""

_lock = threading.Lock()
_settled: set[str] = set()


def settle(page: str) -> bool:
    """After ``page``'s first run in this server process: collect once, then freeze the heap.

    Only in a served app (an HTTP session behind the run); AppTest and tests keep the collector
    as it is. Returns whether this call froze.
    """
    if not st.context.headers or os.environ.get(KEEP_COLLECTOR) == "0":
        return False
    with _lock:
        if page in _settled:
            return False
        _settled.add(page)
        gc.collect()
        gc.freeze()
    return True
