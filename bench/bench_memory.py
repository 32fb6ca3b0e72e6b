"""Server memory over many reruns: does turning off Streamlit's forced collection let it grow?

    python -m bench.bench_memory [--runs 500] [--option runner.postScriptGC=true] [--no-freeze]

Starts Periodize as ``bench.browser`` does (single coach, a temp SQLite file with the demo data and
a client with a year of logged sets) and has Chromium switch pages round the sidebar (Workouts,
Load, Progress, Overview, Program, Clients) until the server has run ``--runs`` scripts, then
prints the server's resident memory (``VmRSS``, written by ``bench.browser_apps`` after each run)
every tenth of the way and the median run time. By default the app's own settings apply
(``.streamlit/config.toml``: no forced collection; ``ui/heap.py``: the heap frozen after each
page's first run); ``--option runner.postScriptGC=true`` and ``--no-freeze`` give the others.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
from pathlib import Path

from bench.browser import CHROMIUM, CHROMIUM_ARGS, DEMO_CLIENT, YEAR_CLIENT
from bench.browser_apps import ROOT, seed, served
from bench.browser_probe import Probe

TOUR = ("Workouts", "Load", "Progress", "Overview", "Program", "Clients")


def runs(path: Path) -> list[dict[str, float]]:
    lines = path.read_text().splitlines() if path.exists() else []
    return [record for line in lines if (record := json.loads(line))["kind"] == "run"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=500)
    parser.add_argument("--option", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--no-freeze", action="store_true", help="PERIODIZE_GC_FREEZE=0")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="periodize-memory-") as temp:
        folder = Path(temp)
        data_dir = folder / "data"
        env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
        env.pop("DATABASE_URL", None)
        env.update(PERIODIZE_DATA_DIR=str(data_dir), PERIODIZE_SINGLE_COACH="1")
        if args.no_freeze:
            env["PERIODIZE_GC_FREEZE"] = "0"
        seed(data_dir)
        runs_file = folder / "runs.jsonl"
        with (
            served(ROOT / "app.py", runs_file, env, args.option) as url,
            sync_playwright() as playwright,
        ):
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(30_000)
            probe = Probe(page, runs_file)
            page.goto(url)
            nav = page.locator('[data-testid="stSidebarNav"]')
            nav.wait_for()
            probe.settle()
            step = 0
            while len(runs(runs_file)) < args.runs:
                probe.measure(nav.get_by_text(TOUR[step % len(TOUR)], exact=True).click)
                if step % (len(TOUR) * 10) == 0:  # on Workouts, now and then the other client
                    client = YEAR_CLIENT if step // (len(TOUR) * 10) % 2 == 0 else DEMO_CLIENT
                    box = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]')
                    box.first.click()
                    page.get_by_role("option").filter(has_text=client).first.click()
                    probe.settle()
                step += 1
            browser.close()
        done = runs(runs_file)[: args.runs]
    print(
        f"{args.runs} runs, options {args.option or 'as configured'}, freeze {not args.no_freeze}"
    )
    print("| runs | RSS MB |")
    print("|---|---|")
    for index in range(0, args.runs + 1, max(args.runs // 10, 1)):
        record = done[max(index - 1, 0)]
        print(f"| {index or 1} | {record['rss_kb'] / 1024:.0f} |")
    print(f"median run {statistics.median(r['ms'] for r in done):.0f} ms")


if __name__ == "__main__":
    main()
