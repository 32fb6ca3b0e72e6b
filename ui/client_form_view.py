"""The Clients page's profile form (add or edit a client): every field, drawn in one st.form.

The form is most of what the Clients page sends (about 70 elements); the page draws it for a new
client, and for an existing one only once their profile section is opened.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.schemas import (
    LABEL_CHARS,
    BodyArea,
    ClientProfile,
    Equipment,
    EventKind,
    Experience,
    Goal,
    Sex,
    Units,
    Weekday,
)
from core.units import LoadUnit
from ui import limits
from ui.markdown import md_escape
from ui.profile_form import (
    format_one_rep_maxes,
    time_zones,
    unavailable_frame,
    unavailable_from_frame,
)
from ui.units_form import shown_load, shown_units, stored_load, units_inputs

PROFILE_OPEN = "_clients_profile_open"
"""The key of the open/closed state of an existing client's profile (a lazy expander)."""


def open_profile() -> None:
    """Picking a client in the Clients page's "Add or edit" opens their profile."""
    st.session_state[PROFILE_OPEN] = True


def profile_inputs(
    editing: ClientProfile | None, chosen: str, coach_units: Units
) -> tuple[dict[str, Any], LoadUnit] | None:
    """The form for ``editing`` (None: a new client) under the form key ``chosen``; once
    submitted, its values (``ui.profile_form.profile_from_form``'s input) and the load unit the
    1RMs and bodyweight were typed in, else None."""
    zones = time_zones()
    default_zone = editing.timezone if editing else "Europe/London"
    unit = shown_units(editing, coach_units).load  # what the 1RMs and bodyweight are shown in
    with st.form(f"profile-{chosen}", border=True):
        st.subheader(f"Edit {md_escape(editing.name)}" if editing else "New client")
        name = st.text_input(
            "Name", value=editing.name if editing else "", max_chars=limits.NAME_CHARS
        )
        left, middle, right = st.columns(3)
        goals, levels = list(Goal), list(Experience)
        goal = left.selectbox(
            "Goal",
            goals,
            index=goals.index(editing.goal) if editing else 0,
            format_func=lambda g: g.value.replace("_", " ").capitalize(),
        )
        experience = middle.selectbox(
            "Level",
            levels,
            index=levels.index(editing.experience) if editing else 1,
            format_func=lambda e: e.value.capitalize(),
        )
        timezone = right.selectbox(
            "Time zone",
            zones,
            index=zones.index(default_zone) if default_zone in zones else zones.index("UTC"),
        )
        left, middle, right = st.columns(3)
        days = left.number_input(
            "Days per week", value=editing.days_per_week if editing else 4, step=1
        )
        minutes = middle.number_input(
            "Minutes per session", value=editing.minutes_per_session if editing else 60, step=5
        )
        bodyweight = right.number_input(
            f"Bodyweight ({unit})",
            value=shown_load(editing.bodyweight_kg, unit) if editing else None,
            step=0.5,
            placeholder="optional",
        )
        left, middle, right = st.columns([2, 2, 1])
        training_days = left.multiselect(
            "Training days",
            list(Weekday),
            default=editing.training_days if editing else [],
            format_func=lambda day: day.label,
            help="The weekdays the client trains; as many as the days per week. Leave empty to "
            "let the planner choose.",
            placeholder="planner's choice",
        )
        days_off = middle.multiselect(
            "Days off",
            list(Weekday),
            default=editing.days_off if editing else [],
            format_func=lambda day: day.label,
            help="Never a session on these weekdays.",
            placeholder="none",
        )
        session_time = right.time_input(
            "Session time",
            value=editing.session_time if editing else None,
            help="Optional: the usual start time.",
        )
        st.caption("Unavailable dates (first and last day away, both included; + adds a row)")
        away = st.data_editor(
            unavailable_frame(editing),
            key=f"away-{chosen}",
            column_config={
                "start": st.column_config.DateColumn("First day", format="ddd D MMM YYYY"),
                "end": st.column_config.DateColumn("Last day", format="ddd D MMM YYYY"),
                "label": st.column_config.TextColumn(
                    "Label", help="e.g. holiday, work trip", max_chars=LABEL_CHARS
                ),
            },
            hide_index=True,
            num_rows="dynamic",
            width="stretch",
        )
        left, middle, right, far = st.columns([2, 2, 3, 1])
        event = editing.event if editing else None
        event_date = left.date_input(
            "Event date",
            value=event.date if event else None,
            format="YYYY-MM-DD",
            help="Optional: the race, meet or test day the program is planned back from.",
        )
        kinds = [None, *EventKind]
        event_kind = middle.selectbox(
            "Event",
            kinds,
            index=kinds.index(event.kind) if event else 0,
            format_func=lambda kind: "no event" if kind is None else kind.label.capitalize(),
        )
        event_label = right.text_input(
            "Event name",
            value=(event.label or "") if event else "",
            max_chars=LABEL_CHARS,
            placeholder="optional, e.g. Berlin Half",
        )
        age = far.number_input(
            "Age", value=editing.age if editing else None, step=1, placeholder="optional"
        )
        sexes = [None, *Sex]
        sex = st.radio(
            "Sex",
            sexes,
            index=sexes.index(editing.sex) if editing else 0,
            format_func=lambda value: "not given" if value is None else value.value,
            horizontal=True,
        )
        equipment = st.multiselect(
            "Equipment",
            list(Equipment),
            default=editing.equipment if editing else [Equipment.BARBELL, Equipment.DUMBBELLS],
            format_func=lambda e: e.value.replace("_", " "),
        )
        injuries = st.multiselect(
            "Injured areas",
            list(BodyArea),
            default=editing.injuries if editing else [],
            format_func=lambda a: a.value.replace("_", " "),
        )
        maxes = st.text_area(
            f"1RMs in {unit} (one lift per line, 'Back Squat: 140'; '315 lb' or '140 kg' also)",
            value=format_one_rep_maxes(editing.one_rep_maxes, unit) if editing else "",
            height=110,
            max_chars=limits.ONE_REP_MAXES_CHARS,
        )
        # --- units & load steps (the units block: ui/units_form.py) ---
        unit_values = units_inputs(editing, coach_units)
        submitted = st.form_submit_button(
            "Save changes" if editing else "Create client", type="primary"
        )

    if not submitted:
        return None
    values = {
        "name": name,
        "goal": goal,
        "experience": experience,
        "days_per_week": days,
        "minutes_per_session": minutes,
        "equipment": equipment,
        "injuries": injuries,
        "one_rep_maxes": maxes,
        "bodyweight_kg": stored_load(bodyweight, unit),
        "timezone": timezone,
        "training_days": training_days,
        "days_off": days_off,
        "session_time": session_time,
        "unavailable": unavailable_from_frame(away),
        "event_date": event_date,
        "event_kind": event_kind,
        "event_label": event_label,
        "age": None if age is None else int(age),
        "sex": sex,
        **unit_values,
    }
    return values, unit
