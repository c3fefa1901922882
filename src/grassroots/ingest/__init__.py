"""Ingest: sources (one module each) -> normalise (pure) -> validate -> idempotent upsert."""

from __future__ import annotations

from grassroots.ingest.texts import TextFormat, read_texts, resolve_text_format

__all__ = ["TextFormat", "read_texts", "resolve_text_format"]
