"""The browser bench's table: each interaction against the empty app's matching action."""

from __future__ import annotations

from collections import defaultdict

from bench.browser import EMPTY_BUTTON, EMPTY_SWITCH, Samples, table
from bench.browser_probe import Sample


def _sample(total: float, server: float = 0.0) -> Sample:
    return Sample(
        total_ms=total,
        server_ms=server,
        script_ms=server / 4,
        gc_ms=server / 2,
        runs=1,
        received_bytes=2048,
        frames=3,
        nodes=500,
    )


def _row(printed: str, name: str) -> list[str]:
    line = next(line for line in printed.splitlines() if line.startswith(f"| {name} "))
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_a_page_switch_is_compared_with_a_switch_and_a_click_with_a_button() -> None:
    samples: Samples = defaultdict(list)
    samples[EMPTY_SWITCH] += [_sample(90), _sample(100), _sample(400)]  # median 100
    samples[EMPTY_BUTTON] += [_sample(50), _sample(60)]  # median 55
    samples["switch to Load"] += [_sample(250, 200), _sample(300, 220), _sample(200, 180)]
    samples["log: Done as planned"] += [_sample(165, 100)]
    samples["untimed: switch"] += [_sample(999)]

    printed = table("t", samples)

    load = _row(printed, "switch to Load")
    assert load[1:4] == ["250", "2.5", "200"]  # median, × the empty switch, server median
    assert load[-1] == "50"  # rest: the median of total − server (50, 80, 20)
    logged = _row(printed, "log: Done as planned")
    assert logged[1:3] == ["165", "3.0"]  # × the empty button round trip
    assert logged[6:8] == ["1", "2.0"]  # one run, 2 KB received
    assert "untimed" not in printed
