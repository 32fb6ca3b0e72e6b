"""coach overview: index mesocycles by (client_id, end_date)

The overview reads each client's phases that have not ended yet; with only ix_mesocycles_client_id
PostgreSQL hash-joins a sequential scan of every mesocycle (25 ms at 26,000 rows), with this index
it probes each of the coach's clients (2 ms).

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_mesocycles_client_id_end_date", "mesocycles", ["client_id", "end_date"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_mesocycles_client_id_end_date", table_name="mesocycles")
