"""Persistence: SQLModel tables, engine and settings, repositories, unit of work, migrations."""
