"""per-set logs: set_logs, workout_log_revisions, and the log's note and author on a workout

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("workout_instances") as batch:
        batch.add_column(
            sa.Column("log_note", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True)
        )
        batch.add_column(
            sa.Column("logged_by", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True)
        )
    op.create_table(
        "set_logs",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workout_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("performed_on", sa.Date(), nullable=False),
        sa.Column("exercise_index", sa.Integer(), nullable=False),
        sa.Column("exercise", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("set_number", sa.Integer(), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=True),
        sa.Column("load_kg", sa.Float(), nullable=True),
        sa.Column("rir", sa.Float(), nullable=True),
        sa.Column("rpe", sa.Float(), nullable=True),
        sa.Column("duration_minutes", sa.Float(), nullable=True),
        sa.Column("distance_km", sa.Float(), nullable=True),
        sa.Column("swap_reason", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_set_logs_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workout_id"],
            ["workout_instances.id"],
            name=op.f("fk_set_logs_workout_id_workout_instances"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_set_logs")),
        sa.UniqueConstraint(
            "workout_id",
            "exercise_index",
            "set_number",
            name=op.f("uq_set_logs_workout_id_exercise_index_set_number"),
        ),
    )
    op.create_index(
        "ix_set_logs_client_id_performed_on", "set_logs", ["client_id", "performed_on"]
    )
    op.create_index(op.f("ix_set_logs_workout_id"), "set_logs", ["workout_id"])
    op.create_table(
        "workout_log_revisions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workout_id", sa.Uuid(), nullable=False),
        sa.Column("logged_by", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("log", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workout_id"],
            ["workout_instances.id"],
            name=op.f("fk_workout_log_revisions_workout_id_workout_instances"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workout_log_revisions")),
    )
    op.create_index(
        op.f("ix_workout_log_revisions_workout_id"), "workout_log_revisions", ["workout_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_workout_log_revisions_workout_id"), table_name="workout_log_revisions")
    op.drop_table("workout_log_revisions")
    op.drop_index(op.f("ix_set_logs_workout_id"), table_name="set_logs")
    op.drop_index("ix_set_logs_client_id_performed_on", table_name="set_logs")
    op.drop_table("set_logs")
    with op.batch_alter_table("workout_instances") as batch:
        batch.drop_column("logged_by")
        batch.drop_column("log_note")
