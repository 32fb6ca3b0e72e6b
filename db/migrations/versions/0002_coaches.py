"""coach accounts: every client belongs to a coach

Existing clients are given to a 'local' coach (no password: it signs in only in single-coach
mode, or after `cli.py coach password local`), so upgrading a filled database keeps every row.

Revision ID: 0002
Revises: 0001
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    coaches = op.create_table(
        "coaches",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("username", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("display_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
        sa.Column("password_hash", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coaches")),
        sa.UniqueConstraint("email", name=op.f("uq_coaches_email")),
        sa.UniqueConstraint("username", name=op.f("uq_coaches_username")),
    )
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.add_column(sa.Column("coach_id", sa.Uuid(), nullable=True))

    connection = op.get_bind()
    clients = sa.table("clients", sa.column("coach_id", sa.Uuid()))
    if connection.execute(sa.select(sa.func.count()).select_from(clients)).scalar():
        now = datetime.now(UTC)
        local_id = uuid.uuid4()
        op.bulk_insert(
            coaches,
            [
                {
                    "id": local_id,
                    "username": "local",
                    "display_name": "Coach",
                    "email": None,
                    "password_hash": None,
                    "created_at": now,
                    "updated_at": now,
                }
            ],
        )
        connection.execute(sa.update(clients).values(coach_id=local_id))

    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.alter_column("coach_id", existing_type=sa.Uuid(), nullable=False)
        batch_op.create_index(batch_op.f("ix_clients_coach_id"), ["coach_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_clients_coach_id_coaches"), "coaches", ["coach_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_clients_coach_id_coaches"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_clients_coach_id"))
        batch_op.drop_column("coach_id")
    op.drop_table("coaches")
