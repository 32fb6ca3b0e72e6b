"""The Load page's hard-sets heatmap: the plan alone until sets are logged, then planned and done
side by side on the same muscles and weeks, the done panel following a log on the next rerun."""

from __future__ import annotations

import base64
import json
import math
from datetime import date, timedelta

import numpy as np

from core.schemas import WorkoutStatus
from core.session_log import SessionLog, SetResult
from core.validation.measures import hard_set_muscles
from tests.app.test_pages import _save_first_phase, assert_no_errors, seed_client_and_program

THIS_MONDAY = date.today() - timedelta(days=date.today().weekday())


def _heatmaps(at):  # type: ignore[no-untyped-def]
    [chart] = at.get("plotly_chart")
    spec = json.loads(chart.proto.spec)
    return spec, [trace for trace in spec["data"] if trace["type"] == "heatmap"]


def _cells(trace) -> list[list[float]]:  # type: ignore[no-untyped-def]
    """A heatmap's z as rows: plotly sends numpy arrays as typed binary (dtype, bdata, shape)."""
    z = trace["z"]
    if isinstance(z, list):
        return [[math.nan if v is None else float(v) for v in row] for row in z]
    shape = [int(n) for n in str(z["shape"]).split(",")]
    values = np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"]).reshape(shape)
    return values.astype("float64").tolist()


def _hard_sets_page(page, client):  # type: ignore[no-untyped-def]
    at = page("load", client_id=str(client.id))
    at.segmented_control[0].set_value("hard_sets")
    at.run()
    assert_no_errors(at)
    return at


def _bench_sets(rirs: list[float]) -> list[SetResult]:
    return [
        SetResult(exercise_index=0, exercise="Bench Press", set_number=n, reps=5, load_kg=80, rir=r)
        for n, r in enumerate(rirs, start=1)
    ]


def test_done_sets_appear_beside_the_plan_once_logged(page, wiring) -> None:  # type: ignore[no-untyped-def]
    client, program_id = seed_client_and_program(wiring, start=THIS_MONDAY - timedelta(weeks=1))
    _save_first_phase(wiring, client, program_id)
    at = _hard_sets_page(page, client)
    _, [planned] = _heatmaps(at)  # nothing logged: the plan alone
    assert planned["name"] == "Planned hard sets"
    before = [c.value for c in at.caption]
    assert not any("sets logged at RIR" in c for c in before)

    past = next(w for w in wiring.storage.workouts_for_client(client.id) if w.date < THIS_MONDAY)
    # four bench sets: three hard (RIR 2, 3, 4), one easy (RIR 6) that does not count
    log = SessionLog(
        status=WorkoutStatus.COMPLETED, session_rpe=7, minutes=60, sets=_bench_sets([2, 3, 4, 6])
    )
    wiring.service.log_session(past.id, log)
    at.run()  # the same page, next rerun: the stamp moved, so the cached chart is rebuilt
    assert_no_errors(at)
    spec, [planned, done] = _heatmaps(at)
    assert done["name"] == "Done hard sets" and done["xaxis"] == "x2"
    assert planned["y"] == done["y"] and planned["x"] == done["x"]
    week = done["x"].index(str(THIS_MONDAY - timedelta(weeks=1)))
    weights = dict(hard_set_muscles("Bench Press") or ())
    by_muscle = {m: row[week] for m, row in zip(done["y"], _cells(done), strict=True)}
    assert by_muscle["chest"] == 3 * weights["chest"]
    assert {m: v for m, v in by_muscle.items() if v} == {m: 3 * w for m, w in weights.items()}
    ahead = [i for i, monday in enumerate(done["x"]) if monday > str(THIS_MONDAY)]
    assert ahead, "the phase runs past this week"
    assert all(math.isnan(row[i]) for row in _cells(done) for i in ahead)
    outlined = {shape["xref"] for shape in spec["layout"]["shapes"] if shape["type"] == "rect"}
    assert outlined == {"x", "x2"}, "this week outlined in both panels"
    assert any("sets logged at RIR 4 or less, or RPE 6 or more" in c.value for c in at.caption)
