"""Cached, coach-scoped reads and figures behind the Workouts, Load and Program pages.

Every cache key starts with the coach's id and the client's id, then a ``WorkoutsStamp`` (one
aggregate query, ``storage.workouts_stamp``) that moves whenever the client's stored workouts change,
in this server process or another one. A rerun that changes nothing therefore reads no workout rows
and builds no figure; a logged session or a saved phase is seen on the very next rerun; and no entry
computed for one coach is ever looked up for another. The storage itself is passed unhashed
(``_storage``): it is the signed-in coach's, whose id is the first key.

The cached functions take the stamp, dates and units as strings (``_key``): Streamlit hashes a
string in a few microseconds, the stamp's dataclass in about 130 (and a date in about 25). Their
arguments are keyword-only: for a positional argument Streamlit looks up the function's signature
(``inspect.signature``) on every call to learn its name, which made a warm look-up cost 0.1 ms
rather than 0.03. A warm Workouts rerun makes three look-ups (the week picker's weeks, the week,
the chosen session): what the page draws is cached whole rather than piece by piece.

Lives beside ``ui.py`` (not in ``pages/``) so the functions are defined once per process, not on
every run of a page script.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from bootstrap import Workspace
from core.delivery import files
from core.load import daily_srpe, weekly_done_hard_sets
from core.load.e1rm import DatedSet
from core.load.fitness import fitness_fatigue
from core.ports import Storage
from core.read_models import MesocycleSummary, WorkoutRecord, WorkoutsStamp
from core.schemas import ClientProfile, Units
from core.session_log import SetResult
from core.units import LoadUnit
from ui.calendar_view import calendar_weeks, week_end, week_label
from ui.figures import drawn
from ui.load_view import Chart, build_chart, workouts_frame
from ui.log_view import SessionView, build_session_view
from ui.progress_view import ProgressCharts, fitness_chart, progress_charts
from ui.week_view import WeekPage, build_week_page

CACHE_TTL_S = 3600  # entries of an old data version are never asked for again: let them go


def _key(version: Iterable[object]) -> str:
    """A data version (the stamp, its calendar part, a log's fields) as one string cache key."""
    return "|".join(map(str, version))


def calendar(app: Workspace, client_id: uuid.UUID, stamp: WorkoutsStamp) -> list[date]:
    """The Mondays of the weeks holding a workout (the Workouts page's week picker).

    Keyed on ``stamp.calendar``, which moves when workouts are added or removed but not when one
    is logged, so marking sessions does not read the whole calendar again.
    """
    return _calendar(
        coach_id=str(app.coach.id),
        client_id=str(client_id),
        calendar=_key(stamp.calendar),
        _storage=app.storage,
    )


def week_choices(
    app: Workspace, client_id: uuid.UUID, stamp: WorkoutsStamp, today: date
) -> dict[date, str]:
    """The week picker's weeks (``calendar``), each with its label as of ``today`` ('Week of Mon
    23 Nov 2026 (this week)'): labelled once per calendar and day, not on every run."""
    return _week_choices(
        coach_id=str(app.coach.id),
        client_id=str(client_id),
        calendar=_key(stamp.calendar),
        today=today.isoformat(),
        _storage=app.storage,
    )


def chart(
    app: Workspace,
    client_id: uuid.UUID,
    stamp: WorkoutsStamp,
    profile: ClientProfile,
    today: date,
    key: str,
    recent_weeks: int | None = None,
) -> Chart:
    """One Load chart (``ui.load_view.CHART_KEYS``) for this version of the client's data, over
    the window of ``recent_weeks`` round today (``ui.load_view.time_axis``; ``None``: every
    week)."""
    return _chart(
        coach_id=str(app.coach.id),
        client_id=str(client_id),
        stamp=_key(stamp),
        profile_json=profile.model_dump_json(),
        today=today.isoformat(),
        key=key,
        recent_weeks=recent_weeks,
        _storage=app.storage,
    )


@st.cache_data(max_entries=64, ttl=CACHE_TTL_S, show_spinner=False)
def _calendar(*, coach_id: str, client_id: str, calendar: str, _storage: Storage) -> list[date]:
    return calendar_weeks(_storage.workouts_for_client(uuid.UUID(client_id)))


@st.cache_resource(max_entries=64, ttl=CACHE_TTL_S, show_spinner=False)
def _week_choices(
    *, coach_id: str, client_id: str, calendar: str, today: str, _storage: Storage
) -> dict[date, str]:
    day = date.fromisoformat(today)
    weeks = _calendar(coach_id=coach_id, client_id=client_id, calendar=calendar, _storage=_storage)
    return {monday: week_label(monday, day) for monday in weeks}


@st.cache_data(max_entries=64, ttl=CACHE_TTL_S, show_spinner=False)
def _saved_phases(
    *, coach_id: str, client_id: str, calendar: str, _storage: Storage
) -> list[MesocycleSummary]:
    return files.saved_phases(_storage, uuid.UUID(client_id))


def frame(app: Workspace, client_id: uuid.UUID, stamp: WorkoutsStamp) -> pd.DataFrame:
    """The client's workouts frame (``ui.load_view.workouts_frame`` with the logged tonnage)."""
    return _frame(
        coach_id=str(app.coach.id),
        client_id=str(client_id),
        stamp=_key(stamp),
        _storage=app.storage,
    )


# cache_resource, not cache_data, here and for the charts: cache_data hands back an unpickled copy
# on every hit, and that copy costs more than the original. Unpickling the workouts frame (its
# ``blocks`` column holds every prescription) takes longer than building it; unpickling a plotly
# Figure re-validates every property (≈ 50 ms for the five charts), as slow as drawing it. Neither
# is changed once cached: core.load only reads its frame (tests/unit/test_ui_views.py checks),
# and st.plotly_chart serialises a copy of the figure (Figure.to_dict).
@st.cache_resource(max_entries=32, ttl=CACHE_TTL_S, show_spinner=False)
def _frame(*, coach_id: str, client_id: str, stamp: str, _storage: Storage) -> pd.DataFrame:
    """The workouts frame of one version of a client's workouts (with the tonnage of the sets
    logged in each, one row a workout): the only full read of them."""
    frame = workouts_frame(_storage.workouts_for_client(uuid.UUID(client_id)))
    # summed in the database: the sets themselves are read only by the charts that draw them
    logged = _storage.logged_tonnage(uuid.UUID(client_id))
    if logged:
        frame["logged_tonnage"] = frame["workout_id"].map(logged).astype("float64")
    return frame


@st.cache_resource(max_entries=160, ttl=CACHE_TTL_S, show_spinner=False)
def _chart(
    *,
    coach_id: str,
    client_id: str,
    stamp: str,
    profile_json: str,
    today: str,
    key: str,
    recent_weeks: int | None,
    _storage: Storage,
) -> Chart:
    frame = _frame(coach_id=coach_id, client_id=client_id, stamp=stamp, _storage=_storage)
    done = (
        _done_hard_sets(coach_id=coach_id, client_id=client_id, stamp=stamp, _storage=_storage)
        if key == "hard_sets"
        else None
    )
    profile = ClientProfile.model_validate_json(profile_json)
    chart = build_chart(key, frame, profile, date.fromisoformat(today), done, recent_weeks)
    # drawn on every rerun until the data moves: its dict (what st.plotly_chart sends) built once
    return dataclasses.replace(chart, figure=drawn(chart.figure))


@st.cache_resource(max_entries=32, ttl=CACHE_TTL_S, show_spinner=False)
def _done_hard_sets(
    *, coach_id: str, client_id: str, stamp: str, _storage: Storage
) -> pd.DataFrame:
    """The weekly hard sets per muscle of the sets logged (the hard-sets chart's second panel)."""
    return weekly_done_hard_sets(
        _logged_sets(coach_id=coach_id, client_id=client_id, stamp=stamp, _storage=_storage)
    )


@st.cache_resource(max_entries=32, ttl=CACHE_TTL_S, show_spinner=False)
def _logged_sets(*, coach_id: str, client_id: str, stamp: str, _storage: Storage) -> list[DatedSet]:
    return _storage.client_sets(uuid.UUID(client_id))


@st.cache_resource(max_entries=32, ttl=CACHE_TTL_S, show_spinner=False)
def _heaviest_sets(
    *, coach_id: str, client_id: str, stamp: str, _storage: Storage
) -> list[DatedSet]:
    """What the e1RM trend and the records read: the heaviest set per day, lift, reps and effort,
    grouped in the database (a fifth of the rows of every set, which a log made Progress build
    again: about 2,800 for a year)."""
    return _storage.heaviest_logged_sets(uuid.UUID(client_id))


@st.cache_resource(max_entries=32, ttl=CACHE_TTL_S, show_spinner=False)
def _fitness(
    *, coach_id: str, client_id: str, stamp: str, today: str, _storage: Storage
) -> pd.DataFrame:
    frame = _frame(coach_id=coach_id, client_id=client_id, stamp=stamp, _storage=_storage)
    if frame.empty:
        return fitness_fatigue(pd.Series([], dtype="float64"))
    first = min(frame["date"])
    last = max(first, date.fromisoformat(today))
    return fitness_fatigue(daily_srpe(frame, planned=False, start=first, end=last))


def progress(
    app: Workspace,
    client_id: uuid.UUID,
    stamp: WorkoutsStamp,
    today: date,
    unit: LoadUnit,
    recent_weeks: int | None,
) -> ProgressCharts:
    """The Progress page's e1RM figure and records for this version of the client's data,
    ``today``, the load unit and the span (the last ``recent_weeks``, or everything with
    ``None``)."""
    return _progress(
        coach_id=str(app.coach.id),
        client_id=str(client_id),
        stamp=_key(stamp),
        today=today.isoformat(),
        unit=unit.value,
        recent_weeks=recent_weeks,
        _storage=app.storage,
    )


@st.cache_resource(max_entries=32, ttl=CACHE_TTL_S, show_spinner=False)
def _progress(
    *,
    coach_id: str,
    client_id: str,
    stamp: str,
    today: str,
    unit: str,
    recent_weeks: int | None,
    _storage: Storage,
) -> ProgressCharts:
    sets = _heaviest_sets(coach_id=coach_id, client_id=client_id, stamp=stamp, _storage=_storage)
    charts = progress_charts(sets, date.fromisoformat(today), LoadUnit(unit), recent_weeks)
    return dataclasses.replace(charts, e1rm=drawn(charts.e1rm))


def fitness(
    app: Workspace, client_id: uuid.UUID, stamp: WorkoutsStamp, today: date, since: date | None
) -> go.Figure:
    """The Progress page's fitness, fatigue and form from ``since`` (``ProgressCharts.since``),
    built when the coach asks for it, once per version of the client's data."""
    return _fitness_chart(
        coach_id=str(app.coach.id),
        client_id=str(client_id),
        stamp=_key(stamp),
        today=today.isoformat(),
        since=since.isoformat() if since is not None else "",
        _storage=app.storage,
    )


@st.cache_resource(max_entries=32, ttl=CACHE_TTL_S, show_spinner=False)
def _fitness_chart(
    *, coach_id: str, client_id: str, stamp: str, today: str, since: str, _storage: Storage
) -> go.Figure:
    load = _fitness(
        coach_id=coach_id, client_id=client_id, stamp=stamp, today=today, _storage=_storage
    )
    day = date.fromisoformat(today)
    return drawn(fitness_chart(load, date.fromisoformat(since) if since else None, day))


def week_page(
    app: Workspace, client_id: uuid.UUID, stamp: WorkoutsStamp, monday: date, today: date
) -> WeekPage:
    """The Workouts page's week starting ``monday`` (its workouts, day columns, counts, table and
    saved phase) for this version of the client's workouts, as of ``today``: one look-up a run,
    one read of the week (and of the saved phases, after a phase is saved) when the stamp moved."""
    return _week_page(
        coach_id=str(app.coach.id),
        client_id=str(client_id),
        stamp=_key(stamp),
        calendar=_key(stamp.calendar),
        monday=monday.isoformat(),
        today=today.isoformat(),
        _storage=app.storage,
    )


@st.cache_resource(max_entries=64, ttl=CACHE_TTL_S, show_spinner=False)
def _week_page(
    *,
    coach_id: str,
    client_id: str,
    stamp: str,
    calendar: str,
    monday: str,
    today: str,
    _storage: Storage,
) -> WeekPage:
    first = date.fromisoformat(monday)
    workouts = _storage.workouts_for_client(uuid.UUID(client_id), first, week_end(first))
    phases = _saved_phases(
        coach_id=coach_id, client_id=client_id, calendar=calendar, _storage=_storage
    )
    return build_week_page(workouts, first, date.fromisoformat(today), phases)


def session_sets(app: Workspace, workout: WorkoutRecord) -> list[SetResult]:
    """The sets logged for ``workout`` (none until it is logged), read once per version of its log.

    Keyed on the workout's own log (status, ``completed_at``, who logged it), not the client's
    stamp: sets are stored only with a completed log, and every completed log stamps a new
    ``completed_at``; so logging another session reads nothing here, and re-logging this one
    (or setting it back to scheduled) is seen on the next run. ``workout`` must be as read on
    this run (the page's week, cached on this run's stamp)."""
    if not workout.logged_by:
        return []
    version = _key((workout.status.value, workout.completed_at, workout.logged_by))
    return _session_sets(
        coach_id=str(app.coach.id),
        workout_id=str(workout.id),
        version=version,
        _storage=app.storage,
    )


@st.cache_resource(max_entries=64, ttl=CACHE_TTL_S, show_spinner=False)
def _session_sets(
    *, coach_id: str, workout_id: str, version: str, _storage: Storage
) -> list[SetResult]:
    return _storage.workout_sets(uuid.UUID(workout_id))


def session_view(
    app: Workspace, workout: WorkoutRecord, stamp: WorkoutsStamp | None, units: Units
) -> SessionView:
    """What the Workouts page draws of ``workout`` (prescription, grid rows, planned vs done),
    built once per version of the client's workouts (``stamp``, the one ``workout`` was read at
    on this run) and units. ``None``: the workout was read again on its own (the logging form's
    own run), and the view is built afresh."""
    if stamp is None:
        return build_session_view(workout, session_sets(app, workout), units)
    return _session_view(
        coach_id=str(app.coach.id),
        workout_id=str(workout.id),
        stamp=_key(stamp),
        units=units.model_dump_json(),
        _app=app,
        _workout=workout,
    )


@st.cache_resource(max_entries=64, ttl=CACHE_TTL_S, show_spinner=False)
def _session_view(
    *,
    coach_id: str,
    workout_id: str,
    stamp: str,
    units: str,
    _app: Workspace,
    _workout: WorkoutRecord,
) -> SessionView:
    return build_session_view(
        _workout, session_sets(_app, _workout), Units.model_validate_json(units)
    )
