"""Alembic environment: runs migrations on the connection :func:`grassroots.store.migrate` passes in."""

from __future__ import annotations

from alembic import context


def run_migrations() -> None:
    """Run pending migrations inside the caller's transaction."""
    connection = context.config.attributes["connection"]
    context.configure(connection=connection, target_metadata=None, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if hasattr(context, "config"):  # only when Alembic runs this file, not when a test collector imports it
    run_migrations()
