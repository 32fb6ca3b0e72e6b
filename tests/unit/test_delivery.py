"""The delivery builders: prescriptions in the client's units, CSV, iCalendar and the printable PDF."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pypdf
import pytest
from icalendar import Calendar

from core.delivery import files
from core.delivery.calendar import calendar_ics
from core.delivery.plan_json import MesocycleDocument, ProgramDocument, read_plan
from core.delivery.prescription import activity_text
from core.delivery.sheets import Paper, SheetWeek, dejavu_dir, sheets_pdf, to_latin1
from core.delivery.tables import LOG_COLUMNS, PLAN_COLUMNS, logs_csv, plan_csv, safe_cell
from core.generation.engine import OfflineEngine
from core.load.e1rm import DatedSet
from core.records import assign_ids
from core.schemas import Exercise, MesocycleDetailed, Units, WorkoutBlock, WorkoutStatus
from core.service import MesocycleGenerationService
from core.session_log import SessionLog, SetResult
from core.units import DistanceUnit, LoadUnit
from tests.factories import make_mesocycle, make_profile, preview_phase
from tests.fakes import InMemoryStorage

METRIC, IMPERIAL = Units(), Units(load=LoadUnit.LB, distance=DistanceUnit.MI)
HOSTILE = ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


def _block() -> MesocycleDetailed:
    """A hand-made block whose first session has a loaded lift with notes and an interval run."""
    meso = assign_ids(make_mesocycle(date(2026, 11, 30), weeks=2))
    first = meso.microcycles[0].workouts[0]
    exercises = [
        Exercise(
            name="Back Squat", sets=4, reps=5, load_kg=100, rir=2, rest_seconds=180, notes="belt"
        ),
        Exercise(name="Intervals", sets=6, reps=None, distance_km=0.8, rpe=8, rest_seconds=90),
    ]
    changed = first.model_copy(update={"blocks": [WorkoutBlock(label="Main", exercises=exercises)]})
    week = meso.microcycles[0]
    weeks = [
        week.model_copy(update={"workouts": [changed, *week.workouts[1:]]}),
        *meso.microcycles[1:],
    ]
    return meso.model_copy(update={"microcycles": weeks})


def _rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # a byte-order mark: Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_metric_activity_text_is_exactly_the_models_activity() -> None:
    meso = preview_phase_free()
    exercises = [exercise for workout in meso.workouts() for exercise in workout.exercises]
    exercises += _block().workouts()[0].exercises
    assert len(exercises) > 20
    assert [activity_text(e, METRIC) for e in exercises] == [e.activity for e in exercises]


def preview_phase_free() -> MesocycleDetailed:
    storage = InMemoryStorage()
    service = MesocycleGenerationService(storage, OfflineEngine())
    client = storage.get_client(storage.create_client(make_profile()))
    program = storage.get_program(service.create_program(client, 12, date(2026, 12, 2)))
    return preview_phase(service, client, program).mesocycle


def test_a_pound_client_reads_pounds_and_miles() -> None:
    squat, intervals = _block().workouts()[0].exercises
    assert activity_text(squat, IMPERIAL) == "Back Squat: 4x5 @ 220.46 lb, RIR 2, 180s rest"
    assert activity_text(intervals, IMPERIAL) == "Intervals: 6x0.5 mi, RPE 8, 90s rest"


def test_the_plan_csv_has_a_row_per_set_group_with_both_load_columns() -> None:
    meso = _block()
    rows = _rows(plan_csv(meso, IMPERIAL))
    assert list(rows[0]) == list(PLAN_COLUMNS)
    assert len(rows) == sum(len(w.exercises) for w in meso.workouts())
    squat, intervals = rows[0], rows[1]
    assert (squat["date"], squat["week"], squat["exercise"], squat["sets"], squat["reps"]) == (
        "2026-11-30",
        "1",
        "Back Squat",
        "4",
        "5",
    )
    assert (squat["load"], squat["unit"], squat["load_kg"], squat["effort"]) == (
        "220.46",
        "lb",
        "100",
        "RIR 2",
    )
    assert (squat["rest_s"], squat["notes"]) == ("180", "belt")
    assert (intervals["distance"], intervals["distance_unit"], intervals["load"]) == (
        "0.5",
        "mi",
        "",
    )
    assert rows[2]["pct_1rm"] == "75" and rows[2]["load_kg"] == ""


@pytest.mark.parametrize("text", HOSTILE)
def test_a_cell_a_spreadsheet_would_run_gets_a_leading_apostrophe(text: str) -> None:
    assert safe_cell(text) == "'" + text
    assert (
        safe_cell("Back Squat") == "Back Squat"
        and safe_cell(82.5) == "82.5"
        and safe_cell(None) == ""
    )


def test_hostile_names_and_notes_are_defused_in_both_csv_files() -> None:
    meso = _block()
    workout = meso.workouts()[0]
    squat = workout.exercises[0].model_copy(update={"name": HOSTILE[0], "notes": HOSTILE[3]})
    blocks = [WorkoutBlock(label=HOSTILE[1], exercises=[squat])]
    hostile = workout.model_copy(update={"title": HOSTILE[2], "blocks": blocks})
    week = meso.microcycles[0].model_copy(update={"workouts": [hostile]})
    plan = _rows(plan_csv(meso.model_copy(update={"microcycles": [week]}), METRIC))
    assert [plan[0][k] for k in ("session", "block", "exercise", "notes")] == [
        "'" + HOSTILE[2],
        "'" + HOSTILE[1],
        "'" + HOSTILE[0],
        "'" + HOSTILE[3],
    ]
    result = SetResult(
        exercise_index=0,
        exercise=HOSTILE[0],
        set_number=1,
        reps=5,
        load_kg=100,
        swap_reason=HOSTILE[2],
    )
    logs = _rows(
        logs_csv([DatedSet(workout.date, result, workout.id)], {workout.id: HOSTILE[4]}, METRIC)
    )
    assert [logs[0][k] for k in ("session", "exercise", "swap_reason")] == [
        "'" + HOSTILE[4],
        "'" + HOSTILE[0],
        "'" + HOSTILE[2],
    ]


def test_the_logs_csv_has_a_row_per_set_oldest_first_in_the_clients_unit() -> None:
    first, second = uuid.uuid4(), uuid.uuid4()
    sets = [
        DatedSet(
            date(2026, 12, 3),
            SetResult(exercise_index=0, exercise="Bench", set_number=1, reps=8, load_kg=60, rpe=8),
            second,
        ),
        DatedSet(
            date(2026, 12, 1),
            SetResult(exercise_index=0, exercise="Squat", set_number=2, reps=5, load_kg=100, rir=1),
            first,
        ),
        DatedSet(
            date(2026, 12, 1),
            SetResult(exercise_index=0, exercise="Squat", set_number=1, reps=5, load_kg=100, rir=2),
            first,
        ),
    ]
    rows = _rows(logs_csv(sets, {first: "Lower", second: "Upper"}, IMPERIAL))
    assert list(rows[0]) == list(LOG_COLUMNS)
    assert [(r["date"], r["session"], r["exercise"], r["set"]) for r in rows] == [
        ("2026-12-01", "Lower", "Squat", "1"),
        ("2026-12-01", "Lower", "Squat", "2"),
        ("2026-12-03", "Upper", "Bench", "1"),
    ]
    assert (rows[2]["load"], rows[2]["unit"], rows[2]["load_kg"], rows[2]["rpe"]) == (
        "132.28",
        "lb",
        "60",
        "8",
    )
    assert rows[0]["rir"] == "2"


def _events(data: bytes) -> list:
    calendar = Calendar.from_ical(data)
    return list(calendar.walk("VEVENT"))


def test_the_calendar_has_one_all_day_event_per_workout_with_its_exercises() -> None:
    meso = _block()
    profile = make_profile(name="Zoë Ünal", units={"load": "lb", "distance": "mi"})
    data = calendar_ics(profile, meso.workouts(), date(2026, 11, 20))
    calendar = Calendar.from_ical(data)
    assert str(calendar["X-WR-CALNAME"]) == "Training plan: Zoë Ünal"
    events = _events(data)
    assert [str(e["UID"]) for e in events] == [f"{w.id}@periodize" for w in meso.workouts()]
    assert [e.decoded("DTSTART") for e in events] == [w.date for w in meso.workouts()]
    assert [e.decoded("DTEND") for e in events] == [
        w.date + timedelta(days=1) for w in meso.workouts()
    ]
    assert [str(e["SUMMARY"]) for e in events] == [w.title for w in meso.workouts()]
    assert {e.decoded("DTSTAMP") for e in events} == {
        datetime(2026, 11, 20, tzinfo=ZoneInfo("UTC"))
    }
    description = str(events[0]["DESCRIPTION"])
    assert "- Back Squat: 4x5 @ 220.46 lb, RIR 2, 180s rest\n  belt" in description
    assert "- Intervals: 6x0.5 mi, RPE 8, 90s rest" in description
    assert not calendar.walk("VTIMEZONE")
    assert data == calendar_ics(
        profile, meso.workouts(), date(2026, 11, 20)
    )  # same day, same bytes


def test_a_session_time_makes_timed_events_in_the_clients_zone_with_its_vtimezone() -> None:
    meso = _block()
    profile = make_profile(timezone="America/New_York")
    events = _events(
        data := calendar_ics(profile, meso.workouts(), date(2026, 11, 20), time(18, 30))
    )
    zone = ZoneInfo("America/New_York")
    first = meso.workouts()[0]
    start = events[0].decoded("DTSTART")
    assert start == datetime.combine(first.date, time(18, 30), zone)
    assert start.utcoffset() == timedelta(hours=-5)
    assert events[0].decoded("DTEND") - start == timedelta(minutes=first.planned_minutes or 60)
    assert b"DTSTART;TZID=America/New_York:20261130T183000" in data
    [vtimezone] = Calendar.from_ical(data).walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == "America/New_York"


def test_an_unsaved_workout_cannot_go_into_a_calendar() -> None:
    workout = make_mesocycle().workouts()[0]
    with pytest.raises(ValueError, match="save the plan first"):
        calendar_ics(make_profile(), [workout], date(2026, 11, 1))


def _text(data: bytes) -> tuple[str, list[pypdf.PageObject]]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), list(reader.pages)


@pytest.mark.parametrize(
    ("paper", "size"), [(Paper.A4, (595.28, 841.89)), (Paper.LETTER, (612, 792))]
)
def test_the_week_sheet_holds_the_weeks_exercises_on_the_chosen_paper(
    paper: Paper, size: tuple
) -> None:
    meso = _block()
    week = meso.microcycles[0]
    profile = make_profile(units={"load": "lb", "distance": "mi"})
    text, pages = _text(
        sheets_pdf(profile, "Strength", [SheetWeek("Week 1", week.workouts)], paper)
    )
    assert (float(pages[0].mediabox.width), float(pages[0].mediabox.height)) == pytest.approx(size)
    assert "Alex Example · Strength" in text and "Week 1" in text
    for workout in week.workouts:
        assert workout.title in text
        for exercise in workout.exercises:
            assert exercise.name in text
    assert "220.46 lb" in text and "0.5 mi" in text and "RIR 2" in text and "belt" in text
    assert "Set 1" in text and "Session RPE:" in text
    assert "kg" not in text.replace("Back Squat", "")


def test_a_unicode_name_never_breaks_the_sheet_with_or_without_dejavu() -> None:
    meso = _block()
    profile = make_profile(name="Zoë Łukasz 李")
    weeks = [SheetWeek(f"Week {m.week_number}", m.workouts) for m in meso.microcycles]
    text, pages = _text(sheets_pdf(profile, "Block", weeks, unicode_fonts=False))
    assert len(pages) == len(meso.microcycles)
    assert "Zoë Lukasz ?" in text
    assert to_latin1("Łódź – “quoted” 李 ×3") == 'Lódz - "quoted" ? ×3'
    if dejavu_dir() is not None:
        text, _ = _text(sheets_pdf(profile, "Block", weeks))
        assert "Zoë Łukasz ?" in text


def _saved(storage: InMemoryStorage, service: MesocycleGenerationService):  # type: ignore[no-untyped-def]
    client = storage.get_client(storage.create_client(make_profile(units={"load": "lb"})))
    program = storage.get_program(service.create_program(client, 12, date(2026, 11, 30)))
    preview = preview_phase(service, client, program)
    service.save(preview)
    return client, program, preview


def test_the_files_of_a_saved_block_are_built_from_storage() -> None:
    storage = InMemoryStorage()
    service = MesocycleGenerationService(storage, OfflineEngine())
    client, program, preview = _saved(storage, service)
    meso = preview.mesocycle
    monday = date(2026, 12, 7)
    phases = files.saved_phases(storage, client.id)
    summary = files.phase_of_week(phases, monday)
    assert summary is not None and summary.id == meso.mesocycle_id
    assert files.phase_of_week(phases, date(2030, 1, 7)) is None
    assert files.week_number_of(storage, meso.mesocycle_id, monday) == 2
    week_two = next(m for m in meso.microcycles if m.week_number == 2)
    text, _ = _text(files.week_pdf(storage, client, meso.mesocycle_id, monday, Paper.A4))
    assert all(w.title in text for w in week_two.workouts)
    assert f"Week 2 · {week_two.start_date:%a %d %b}" in text
    events = _events(files.mesocycle_ics(storage, client, meso.mesocycle_id, date(2026, 11, 1)))
    assert len(events) == len(meso.workouts())
    rows = _rows(files.mesocycle_csv(storage, client, meso.mesocycle_id))
    assert len(rows) == sum(len(w.exercises) for w in meso.workouts())
    document = read_plan(files.program_plan_json(storage, program.id))
    assert isinstance(document, ProgramDocument) and document.program == program.program
    stored = storage.get_mesocycle(meso.mesocycle_id)
    assert [placed.mesocycle for placed in document.mesocycles] == [stored]
    block = read_plan(files.mesocycle_plan_json(storage, meso.mesocycle_id))
    assert isinstance(block, MesocycleDocument) and block.mesocycle == stored
    assert (
        files.file_name("Zoë O'Brien", "Strength week 2", "pdf") == "zo-o-brien-strength-week-2.pdf"
    )

    workout = meso.workouts()[0]
    done = SetResult(
        exercise_index=0, exercise=workout.exercises[0].name, set_number=1, reps=5, load_kg=100
    )
    storage.log_workout(
        workout.id,
        SessionLog(status=WorkoutStatus.COMPLETED, session_rpe=7, minutes=60, sets=[done]),
        "coach",
    )  # type: ignore[arg-type]
    [logged] = _rows(files.client_logs_csv(storage, client))
    assert (logged["session"], logged["load"], logged["unit"]) == (workout.title, "220.46", "lb")
