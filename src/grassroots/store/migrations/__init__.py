"""Alembic migrations of the operational store (ordered, named ``m001_initial``, ``m002_...``)."""
