"""One timed browser interaction: click (or key) → the app's script no longer running, and its cost.

The page carries a small observer (``OBSERVER``): the time of the triggering event, taken in the
page the moment the pointer goes down or the key is pressed; every change of Streamlit's
``data-test-script-state`` attribute on its app root; and every websocket message received (its
size, when it came, and when the page had painted after it: two animation frames later). An
interaction is rendered when the server has answered, the state is ``notRunning``, the last message
is painted, and nothing has changed for ``QUIET_MS`` (so the second run of an ``st.rerun()`` counts;
the quiet wait itself is not). An interaction that starts no run (a tab, an expander) is rendered
when its own condition holds in the page.

Beside the time: what the server spent in script runs (the JSON lines ``bench.browser_apps``
writes), how many runs, and the websocket messages and bytes the browser received meanwhile.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

QUIET_MS = 300
TIMEOUT_MS = 60_000

OBSERVER = """
(() => {
  const bench = (window.__bench = { log: [], frames: [], t0: null, armed: null, painted: 0 });
  for (const type of ["pointerdown", "keydown"]) {
    document.addEventListener(type, () => {
      if (bench.armed === type && bench.t0 === null) bench.t0 = performance.now();
    }, true);
  }
  new MutationObserver((records) => {
    for (const record of records) {
      bench.log.push([record.target.getAttribute("data-test-script-state"), performance.now()]);
    }
  }).observe(document, { subtree: true, attributes: true,
                         attributeFilter: ["data-test-script-state"] });
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", ({ data }) => {
        const size = data.byteLength ?? data.size ?? data.length ?? 0;
        if (bench.t0 !== null) bench.frames.push([size, performance.now()]);
        // Two frames later the page has handled this message and painted what it changed.
        requestAnimationFrame(() => requestAnimationFrame(() => {
          bench.painted = performance.now();
        }));
      });
    }
  };
})();
"""
ARM = """(type) => {
  Object.assign(window.__bench, { log: [], frames: [], t0: null, armed: type, painted: 0 });
}"""
# Rendered: the server has answered, the state is notRunning, the last message has been painted,
# and nothing has changed for QUIET_MS. Returns [trigger, rendered] in page time, the messages,
# their bytes and the app's DOM nodes then, or null to keep polling. (A quick run can go running →
# notRunning within one React render and leave no trace on the attribute; the messages always do.)
RENDERED = """
(quiet) => {
  const bench = window.__bench;
  const root = document.querySelector('[data-testid="stApp"]');
  if (bench.t0 === null || !root) return null;
  if (root.getAttribute("data-test-script-state") !== "notRunning") return null;
  const frames = bench.frames.filter(([, at]) => at >= bench.t0);
  if (!frames.length) return null;
  const lastFrame = frames[frames.length - 1][1];
  if (bench.painted < lastFrame) return null;
  const changes = bench.log.filter(([, at]) => at >= bench.t0);
  const lastChange = changes.length ? changes[changes.length - 1][1] : 0;
  const rendered = Math.max(lastChange, bench.painted);
  if (performance.now() - rendered < quiet) return null;
  return [bench.t0, rendered, frames.length, frames.reduce((sum, [size]) => sum + size, 0),
          document.querySelectorAll('[data-testid="stApp"] *').length];
}
"""


@dataclass(frozen=True)
class Sample:
    """One measured interaction."""

    total_ms: float
    server_ms: float
    """Time in the server's script runs (ScriptRunner._run_script, reruns included) …"""
    script_ms: float
    """… of which executing the app's script (app.py and its page) …"""
    gc_ms: float
    """… and the full garbage collection Streamlit forces after each run."""
    runs: int
    """Executions of the script (2 when a save ends in st.rerun)."""
    received_bytes: int
    frames: int
    nodes: int
    """DOM nodes of the app once rendered: how much the frontend lays out and paints."""


class Probe:
    """Times interactions on one Playwright page of one server (its runs file)."""

    def __init__(self, page: Any, runs_file: Path) -> None:
        self.page = page
        self.runs_file = runs_file
        page.add_init_script(OBSERVER)

    def _runs_offset(self) -> int:
        return self.runs_file.stat().st_size if self.runs_file.exists() else 0

    def _runs_since(self, offset: int) -> list[dict[str, Any]]:
        with self.runs_file.open("rb") as runs:
            runs.seek(offset)
            return [json.loads(line) for line in runs.read().splitlines() if line.strip()]

    def measure(
        self,
        action: Callable[[], None],
        *,
        trigger: str = "pointerdown",
        done_js: str | None = None,
    ) -> Sample:
        """Arm, act, wait until rendered (``done_js``: a page predicate for an action with no run,
        returning [trigger, rendered] page times when it holds)."""
        offset = self._runs_offset()
        self.page.evaluate(ARM, trigger)
        action()
        handle = self.page.wait_for_function(
            done_js or RENDERED, arg=QUIET_MS, polling=10, timeout=TIMEOUT_MS
        )
        started, ended, frames, received, nodes = handle.json_value()
        if done_js is None:
            self.page.wait_for_timeout(50)  # the server writes its run's line after replying
        runs = self._runs_since(offset)
        return Sample(
            total_ms=ended - started,
            server_ms=sum(run["ms"] for run in runs if run["kind"] == "run"),
            script_ms=sum(run["ms"] for run in runs if run["kind"] == "exec"),
            gc_ms=sum(run["ms"] for run in runs if run["kind"] == "gc"),
            runs=sum(run["kind"] == "exec" for run in runs),
            received_bytes=received,
            frames=frames,
            nodes=nodes,
        )

    def settle(self) -> None:
        """Wait for the current run (if any) to end and the app to stay idle: an untimed step."""
        self.page.wait_for_function(
            """(quiet) => {
              const root = document.querySelector('[data-testid="stApp"]');
              const bench = window.__bench;
              const state = root && root.getAttribute("data-test-script-state");
              if (state !== "notRunning") return false;
              const last = bench.log[bench.log.length - 1];
              return !last || performance.now() - last[1] >= quiet;
            }""",
            arg=QUIET_MS,
            polling=20,
            timeout=TIMEOUT_MS,
        )
