"""SQLModel tables: clients, fitness_programs and the spec's MesocycleDB, MicrocycleDB, WorkoutInstanceDB."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    MetaData,
    Table,
    UniqueConstraint,
    false,
)
from sqlmodel import Field, SQLModel

# Stable constraint names, so Alembic batch migrations on SQLite can find and alter them.
SQLModel.metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class TableModel(SQLModel):
    """Base of every table: declares the ``__table__`` SQLModel sets, so type checkers see it."""

    __table__: ClassVar[Table]


def utc_now() -> datetime:
    return datetime.now(UTC)


def _timestamp(**kwargs: Any) -> Any:
    return Field(
        default_factory=utc_now, sa_column=Column(DateTime(timezone=True), nullable=False, **kwargs)
    )


def _cascade_fk(target: str, **kwargs: Any) -> Any:
    return Field(
        sa_column=Column(ForeignKey(target, ondelete="CASCADE"), nullable=False, **kwargs),
    )


class CoachDB(TableModel, table=True):
    """A coach account; every client belongs to exactly one coach."""

    __tablename__ = "coaches"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    username: str = Field(max_length=40, unique=True)
    display_name: str = Field(max_length=120)
    email: str | None = Field(default=None, max_length=254, unique=True)
    """The OIDC identity (st.login) this account signs in with, if any."""
    password_hash: str | None = Field(default=None, max_length=200)
    """argon2; None for an account that signs in through OIDC only."""
    session_version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    """Raised by every password change: a browser session signed in at an older version ends."""
    load_unit: str = Field(default="kg", max_length=2, sa_column_kwargs={"server_default": "kg"})
    """The coach's default load unit (kg or lb); a client may override it."""
    distance_unit: str = Field(
        default="km", max_length=2, sa_column_kwargs={"server_default": "km"}
    )
    """The coach's default distance unit (km or mi)."""
    is_admin: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    """Sees the server's sections of Settings and adds coaches (the first account is one)."""
    created_at: datetime = _timestamp()
    updated_at: datetime = _timestamp(onupdate=utc_now)


class CoachSessionDB(TableModel, table=True):
    """One signed-in browser (db/coach_sessions.py): the cookie's SHA-256, never the cookie."""

    __tablename__ = "coach_sessions"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    coach_id: uuid.UUID = _cascade_fk("coaches.id", index=True)
    token_hash: str | None = Field(default=None, max_length=64, unique=True)
    """SHA-256 (hex) of the cookie value; None until the browser has claimed its cookie."""
    handoff_hash: str | None = Field(default=None, max_length=64, unique=True)
    """SHA-256 of the one-time code the signed-in page hands the browser to claim its cookie."""
    handoff_expires_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    session_version: int
    """The coach's session version at sign-in: a password change raises it and ends this one."""
    created_at: datetime = _timestamp()
    expires_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class SignInThrottleDB(TableModel, table=True):
    """Recent sign-in attempts of one account or one client address (db/sign_in.py).

    In the database rather than in memory so every app replica counts the same attempts.
    """

    __tablename__ = "sign_in_attempts"

    key: str = Field(primary_key=True, max_length=200)
    """``account:<username>``, ``address:<client IP address>`` or ``link:<client IP address>``."""
    attempts: int = 0
    """Attempts not yet cleared by a success in the current window."""
    window_started_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    lockouts: int = 0
    """Lockouts in a row: each lasts twice as long as the previous one."""
    locked_until: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    last_attempt_at: datetime = Field(
        sa_column=Column(DateTime(timezone=True), nullable=False, index=True)
    )


class ClientDB(TableModel, table=True):
    __tablename__ = "clients"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    # No cascade: deleting a coach must never take clients' logged workouts with it.
    coach_id: uuid.UUID = Field(
        sa_column=Column(ForeignKey("coaches.id"), nullable=False, index=True)
    )
    name: str = Field(max_length=120, index=True)
    profile: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    """The ClientProfile as camelCase JSON."""
    archived_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    """Set while the client is archived: hidden from pickers, roster and overview, nothing lost."""
    created_at: datetime = _timestamp()
    updated_at: datetime = _timestamp(onupdate=utc_now)


class FitnessProgramDB(TableModel, table=True):
    __tablename__ = "fitness_programs"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    client_id: uuid.UUID = Field(
        sa_column=Column(ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    program_type: str = Field(max_length=20)
    overview: str
    start_date: date
    weeks: int
    macrocycles: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    generated_by: str = Field(max_length=40)
    created_at: datetime = _timestamp()
    updated_at: datetime = _timestamp(onupdate=utc_now)


class MesocycleDB(TableModel, table=True):
    """MesocycleDetailed plus the DB fields of the spec; one saved mesocycle per program phase."""

    __tablename__ = "mesocycles"
    __table_args__ = (
        UniqueConstraint("fitness_program_id", "macrocycle_id", "order_index"),
        Index("ix_mesocycles_client_id_end_date", "client_id", "end_date"),
    )

    id: uuid.UUID = Field(primary_key=True)
    fitness_program_id: uuid.UUID = Field(
        sa_column=Column(
            ForeignKey("fitness_programs.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    client_id: uuid.UUID = Field(
        sa_column=Column(ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    macrocycle_id: str = Field(max_length=80, index=True)
    order_index: int
    phase: str = Field(max_length=60)
    weeks: int
    weekly_targets: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    start_date: date
    end_date: date
    created_at: datetime = _timestamp()
    updated_at: datetime = _timestamp(onupdate=utc_now)


class MicrocycleDB(TableModel, table=True):
    __tablename__ = "microcycles"
    __table_args__ = (UniqueConstraint("mesocycle_id", "week_number"),)

    id: uuid.UUID = Field(primary_key=True)
    client_id: uuid.UUID = Field(
        sa_column=Column(ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    mesocycle_id: uuid.UUID = Field(
        sa_column=Column(
            ForeignKey("mesocycles.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    week_number: int
    start_date: date
    end_date: date
    deload: bool = False
    generated_by: str | None = Field(default=None, max_length=40)
    metrics: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = _timestamp()
    updated_at: datetime = _timestamp(onupdate=utc_now)


class WorkoutInstanceDB(TableModel, table=True):
    """One dated session. Two sessions on one day are fine: the key is (microcycle, date, slot)."""

    __tablename__ = "workout_instances"
    __table_args__ = (
        UniqueConstraint("microcycle_id", "date", "day_slot"),
        Index("ix_workout_instances_client_id_date", "client_id", "date"),
        CheckConstraint("status IN ('scheduled', 'completed', 'skipped')", name="status"),
    )

    id: uuid.UUID = Field(primary_key=True)
    microcycle_id: uuid.UUID = Field(
        sa_column=Column(
            ForeignKey("microcycles.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    client_id: uuid.UUID = Field(
        sa_column=Column(ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    date: date
    day_slot: int = 0
    session_type: str = Field(max_length=20)
    title: str = Field(max_length=120)
    blocks: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    targets: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    planned_minutes: int | None = None
    target_rpe: float | None = None
    notes: str | None = None
    status: str = Field(default="scheduled", max_length=12)
    completed_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    session_rpe: float | None = None
    actual_minutes: int | None = None
    log_note: str | None = Field(default=None, max_length=1000)
    """What the coach or client wrote when logging (the plan's ``notes`` stay as planned)."""
    logged_by: str | None = Field(default=None, max_length=20)
    created_at: datetime = _timestamp()
    updated_at: datetime = _timestamp(onupdate=utc_now)


class SetLogDB(TableModel, table=True):
    """One set as done (``core.session_log.SetResult``); the prescription is never overwritten."""

    __tablename__ = "set_logs"
    __table_args__ = (
        UniqueConstraint("workout_id", "exercise_index", "set_number"),
        Index("ix_set_logs_client_id_performed_on", "client_id", "performed_on"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    workout_id: uuid.UUID = _cascade_fk("workout_instances.id", index=True)
    client_id: uuid.UUID = _cascade_fk("clients.id")
    performed_on: date
    """The workout's date: the e1RM trend and the tonnage read sets by day without a join."""
    exercise_index: int
    exercise: str = Field(max_length=120)
    set_number: int
    reps: int | None = None
    load_kg: float | None = None
    rir: float | None = None
    rpe: float | None = None
    duration_minutes: float | None = None
    distance_km: float | None = None
    swap_reason: str | None = Field(default=None, max_length=200)


class WorkoutLogRevisionDB(TableModel, table=True):
    """Every saved version of a workout's log, oldest first: editing a log keeps what it was."""

    __tablename__ = "workout_log_revisions"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    workout_id: uuid.UUID = _cascade_fk("workout_instances.id", index=True)
    logged_by: str = Field(max_length=20)
    """'coach' or 'client'."""
    log: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    """The ``core.session_log.SessionLog`` as camelCase JSON."""
    created_at: datetime = _timestamp()


class MesocycleTemplateDB(TableModel, table=True):
    """A coach's template: a saved block's structure in % 1RM and RIR (``core.templates``)."""

    __tablename__ = "mesocycle_templates"
    __table_args__ = (UniqueConstraint("coach_id", "name"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    # No cascade, as for clients: a coach's work is never deleted as a side effect.
    coach_id: uuid.UUID = Field(
        sa_column=Column(ForeignKey("coaches.id"), nullable=False, index=True)
    )
    name: str = Field(max_length=80)
    program_type: str = Field(max_length=20)
    phase: str = Field(max_length=60)
    body: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    """The ``core.templates.Template`` as camelCase JSON."""
    created_at: datetime = _timestamp()


class ClientLinkDB(TableModel, table=True):
    """A client's private link (core.client_links): only the SHA-256 of its token is stored."""

    __tablename__ = "client_links"
    __table_args__ = (CheckConstraint("kind IN ('client', 'calendar')", name="kind"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    coach_id: uuid.UUID = _cascade_fk("coaches.id")
    client_id: uuid.UUID = _cascade_fk("clients.id", index=True)
    name: str = Field(max_length=80)
    kind: str = Field(max_length=10)
    """'client' (the client's own view, which can log) or 'calendar' (the read-only feed)."""
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = _timestamp()
    expires_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    revoked_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    last_used_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )


class PlanRevisionDB(TableModel, table=True):
    """One change to a saved plan's future (``core.plan_changes``): who, when, what, before/after.

    ``workout_id`` has no foreign key: the revision of a removed workout outlives its row.
    """

    __tablename__ = "plan_revisions"
    __table_args__ = (
        Index("ix_plan_revisions_mesocycle_id_created_at", "mesocycle_id", "created_at"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    mesocycle_id: uuid.UUID = _cascade_fk("mesocycles.id")
    client_id: uuid.UUID = _cascade_fk("clients.id", index=True)
    workout_id: uuid.UUID
    coach_id: uuid.UUID | None = Field(
        default=None, sa_column=Column(ForeignKey("coaches.id", ondelete="SET NULL"))
    )
    author: str = Field(max_length=120)
    """The coach's name as it was when the change was made."""
    kind: str = Field(max_length=12)
    summary: str = Field(max_length=300)
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    created_at: datetime = _timestamp()


class PlanProposalDB(TableModel, table=True):
    """Autoregulation's proposed changes to a client's coming week (``core.autoregulation``),
    pending until the coach accepts (they become plan revisions) or dismisses them."""

    __tablename__ = "plan_proposals"
    __table_args__ = (
        Index("ix_plan_proposals_client_id_status", "client_id", "status"),
        CheckConstraint("status IN ('pending', 'accepted', 'dismissed')", name="status"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    client_id: uuid.UUID = _cascade_fk("clients.id")
    mesocycle_id: uuid.UUID = _cascade_fk("mesocycles.id", index=True)
    week_start: date
    """The Monday of the week the proposal changes."""
    status: str = Field(default="pending", max_length=12)
    items: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    """The ``core.autoregulation.Adjustment`` list as JSON."""
    created_at: datetime = _timestamp()
    decided_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    decided_by: str | None = Field(default=None, max_length=120)
    inputs_hash: str | None = Field(default=None, max_length=64)
    """SHA-256 of the logs it was made from (``core.proposals.inputs_hash``); a pending proposal
    is made again when they change. None on rows kept before revision 0011."""
