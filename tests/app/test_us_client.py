"""Acceptance of the client's week and units: a US client in lb and miles who trains Tue / Thu / Sat
and is away for Thanksgiving gets a plan with no session on the holiday, every load in 5 lb steps on
the Plan preview, the Workouts page, the PDF, the calendar events and the CSV, distances in mi, and a
set logged as 185 lb reads back as 185 lb."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta

import pypdf
import pytest
from icalendar import Calendar

from core.delivery import files
from core.delivery.sheets import Paper
from core.generation.engine import OfflineEngine
from core.read_models import ClientRecord
from core.schemas import SessionType, UnavailableDates, UnitChoice, Weekday
from core.units import KG_PER_LB, DistanceUnit, LoadUnit
from tests.app.test_pages import assert_no_errors, click
from tests.app.test_units_pages import LAST_MONDAY, _first, _log_185, _open
from tests.factories import make_profile

TRAINING_DAYS = {Weekday.TUESDAY.number, Weekday.THURSDAY.number, Weekday.SATURDAY.number}
THANKSGIVING = UnavailableDates(
    start=LAST_MONDAY + timedelta(weeks=2, days=3),  # Thursday and Friday of the block's 3rd week
    end=LAST_MONDAY + timedelta(weeks=2, days=4),
    label="Thanksgiving",
)
MAXES_LB = {"Back Squat": 315, "Bench Press": 225, "Deadlift": 405}
"""Typed in pounds on the client form, as a US coach would."""
LOAD = re.compile(r"(\d+(?:\.\d+)?) ?lb\b")
METRIC = re.compile(r"\d ?(kg|km)\b|\b(kg|km)\b")


def _us_profile():  # type: ignore[no-untyped-def]
    profile = make_profile(
        name="Jordan Miles",
        goal="general_fitness",  # a hybrid program: lifts and runs, so loads and miles both show
        daysPerWeek=3,
        trainingDays=["tuesday", "thursday", "saturday"],
        unavailable=[THANKSGIVING.model_dump(mode="json")],
        equipment=["barbell", "dumbbells", "bench", "pull_up_bar", "treadmill"],
        oneRepMaxes={lift: lb * KG_PER_LB for lift, lb in MAXES_LB.items()},
        timezone="UTC",
    )
    return profile.model_copy(
        update={"units": UnitChoice(load=LoadUnit.LB, distance=DistanceUnit.MI)}
    )


@pytest.fixture
def us_client(page, wiring):  # type: ignore[no-untyped-def]
    """The client and their first phase, previewed and confirmed on the Plan page."""
    profile = _us_profile()
    client = ClientRecord(wiring.storage.create_client(profile), profile)
    program_id = wiring.service.create_program(client, 12, LAST_MONDAY, OfflineEngine())
    at = page("plan", client_id=str(client.id), program_id=str(program_id), phase_index=0)
    at = click(at, "Generate preview")
    assert_no_errors(at)
    draft = next(iter(at.session_state["drafts"].values()))
    meso = draft.preview.mesocycle
    grids, shown = [], []
    for micro in meso.microcycles:  # the page draws one week at a time: open each in turn
        label = f"Week {micro.week_number}" if micro.week_number else "Week 0 (transition)"
        at.session_state[f"weeks-{meso.mesocycle_id}"] = label + (
            " · deload" if micro.deload else ""
        )
        at.session_state[f"edit-{meso.mesocycle_id}-{micro.week_number}"] = True
        at.run()
        assert_no_errors(at)
        grids += [editor.value for editor in at.data_editor]
        shown += [box.value for box in [*at.warning, *at.info, *at.markdown, *at.caption]]
    assert grids, "the preview shows its grids"
    assert_pounds_in_fives(" ".join(shown), "Plan preview text and checks")
    at = click(at, "Confirm and save")
    assert_no_errors(at)
    [saved] = wiring.storage.list_mesocycles(program_id)
    return client, saved.id, grids


def assert_pounds_in_fives(text: str, where: str) -> None:
    """Every load in ``text`` reads in lb on a 5 lb step (rounding notes such as '167.6 → 170 lb'
    name the computed load without a unit), and nothing reads in kg or km."""
    loads = [float(value) for value in LOAD.findall(text)]
    off_step = [value for value in loads if value % 5]
    assert not off_step, f"{where}: loads off the 5 lb step {off_step}"
    assert not METRIC.search(text), f"{where}: {METRIC.search(text)!r} in {text[:300]!r}"


def test_no_session_on_the_holiday_and_the_rest_on_tue_thu_sat(us_client, wiring) -> None:  # type: ignore[no-untyped-def]
    client, _, _ = us_client
    workouts = wiring.storage.workouts_for_client(client.id)
    holiday = {THANKSGIVING.start + timedelta(days=n) for n in range(2)}
    assert not [w.date for w in workouts if w.date in holiday]
    holiday_monday = THANKSGIVING.start - timedelta(days=THANKSGIVING.start.weekday())
    for workout in workouts:
        in_holiday_week = holiday_monday <= workout.date < holiday_monday + timedelta(days=7)
        if workout.date.weekday() not in TRAINING_DAYS:
            # only the holiday's Thursday session moves, and it says so
            assert in_holiday_week, f"{workout.title} on {workout.date:%a %d %b}"
            assert "Moved from Thursday" in (workout.notes or ""), workout.notes
    moved = [w for w in workouts if "Moved from Thursday" in (w.notes or "")]
    assert len(moved) == 1 and moved[0].date.weekday() not in TRAINING_DAYS | {4}
    kinds = {w.session_type for w in workouts}
    assert {SessionType.LIFT, SessionType.RUN} <= kinds


def test_every_stored_load_is_a_whole_5_lb_step(us_client, wiring) -> None:  # type: ignore[no-untyped-def]
    client, _, grids = us_client
    loads = [
        exercise["loadKg"] / KG_PER_LB
        for workout in wiring.storage.workouts_for_client(client.id)
        for block in workout.blocks
        for exercise in block["exercises"]
        if exercise.get("loadKg")
    ]
    assert len(loads) > 10
    assert [round(lb, 2) for lb in loads if abs(lb / 5 - round(lb / 5)) > 1e-6] == []
    # the preview's grids: loads typed and shown in lb, distances in a "Mi" column
    exercise_grids = [grid for grid in grids if "load" in grid.columns]
    cells = [str(v) for grid in exercise_grids for v in grid["load"] if v and "%" not in str(v)]
    assert cells, "the grid shows loads"
    assert_pounds_in_fives(" ".join(cells), "Plan preview grid")
    assert all(cell.endswith(" lb") for cell in cells), cells[:5]
    rationale = " ".join(str(v) for grid in exercise_grids for v in grid["rationale"] if v)
    assert_pounds_in_fives(rationale, "Plan preview rationale")
    distances = [v for grid in exercise_grids for v in grid["distance"] if v == v and v]
    assert distances, "the runs have distances"


def test_the_workouts_page_reads_pounds_and_miles(us_client, page, wiring) -> None:  # type: ignore[no-untyped-def]
    client, _, _ = us_client
    for kind in ("lift", "run"):
        workout = _first(wiring, client, kind)
        at = _open(page, client, workout)
        assert_no_errors(at)
        text = " ".join(m.value for m in at.markdown)
        assert (" lb" if kind == "lift" else " mi") in text
        assert_pounds_in_fives(text, f"Workouts page, {workout.title}")


def test_the_pdf_calendar_and_csv_read_pounds_and_miles(us_client, wiring) -> None:  # type: ignore[no-untyped-def]
    client, mesocycle_id, _ = us_client
    reader = pypdf.PdfReader(
        io.BytesIO(files.mesocycle_pdf(wiring.storage, client, mesocycle_id, Paper.LETTER))
    )
    pdf = "\n".join(page.extract_text() for page in reader.pages)
    assert " lb" in pdf and " mi" in pdf
    assert_pounds_in_fives(pdf, "PDF")
    ics = files.mesocycle_ics(wiring.storage, client, mesocycle_id, date.today())
    events = list(Calendar.from_ical(ics).walk("VEVENT"))
    assert len(events) == len(wiring.storage.workouts_for_client(client.id))
    holiday = {THANKSGIVING.start, THANKSGIVING.end}
    assert not [e for e in events if e.decoded("DTSTART") in holiday]
    descriptions = "\n".join(str(event["DESCRIPTION"]) for event in events)
    assert " lb" in descriptions and " mi" in descriptions
    assert_pounds_in_fives(descriptions, "calendar events")
    rows = _csv(files.mesocycle_csv(wiring.storage, client, mesocycle_id))
    loaded = [row for row in rows if row["load"]]
    assert loaded and {row["unit"] for row in loaded} == {"lb"}
    assert [row["load"] for row in loaded if float(row["load"]) % 5] == []
    assert {row["distance_unit"] for row in rows if row["distance"]} == {"mi"}


def _csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_a_set_logged_as_185_lb_reads_back_185_lb_on_the_page_and_in_the_logs_csv(
    us_client, page, wiring
) -> None:  # type: ignore[no-untyped-def]
    client, _, _ = us_client
    _, workout = _log_185(page, wiring, client)
    at = _open(page, client, workout)
    done = next(frame for frame in at.dataframe if "Done" in frame.value.columns).value
    assert any("185 lb" in str(line) for line in done["Done"]), list(done["Done"])
    rows = _csv(files.client_logs_csv(wiring.storage, client))
    assert ("185", "lb") in {(row["load"], row["unit"]) for row in rows}
