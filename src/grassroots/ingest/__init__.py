"""Ingest: sources (one module each) -> normalise (pure) -> validate -> idempotent upsert.

Public API::

    initialise(settings)                       # `grassroots init`
    ingest_source(settings, "posts", path)     # any `grassroots ingest SOURCE FILE`
    ingest_file(lake, path, "posts")           # one file into one lake table
    ingest_source(..., column_map=parse_map("id=tweet_id,text=body,label=sentiment"))
    status(settings); erase_person(settings, person_id)
    read_texts(path)                           # the shared reader of texts to score
"""

from __future__ import annotations

from grassroots.ingest.access import export_person
from grassroots.ingest.backup import BackupReport, backup
from grassroots.ingest.dates import DATE_FORMATS, check_date_format
from grassroots.ingest.doctor import Check, doctor
from grassroots.ingest.erasure import erase_person, unfinished_erasures
from grassroots.ingest.mapping import ColumnMap, load_map_file, merge_maps, parse_map
from grassroots.ingest.normalise import FieldProblem, normalise_row, to_timestamp
from grassroots.ingest.pipeline import IngestReport, ingest_file
from grassroots.ingest.privacy import hash_email, normalise_email
from grassroots.ingest.read import (
    FORMATS,
    Format,
    check_encoding,
    csv_records,
    iter_records,
    parse_json,
    resolve_format,
)
from grassroots.ingest.setup import InitReport, Status, initialise, load_secret, status
from grassroots.ingest.sources import SOURCES, Source, ingest_source
from grassroots.ingest.texts import TextFormat, read_texts, resolve_text_format

__all__ = [
    "DATE_FORMATS",
    "FORMATS",
    "SOURCES",
    "BackupReport",
    "Check",
    "ColumnMap",
    "FieldProblem",
    "Format",
    "IngestReport",
    "InitReport",
    "Source",
    "Status",
    "TextFormat",
    "backup",
    "check_date_format",
    "check_encoding",
    "csv_records",
    "doctor",
    "erase_person",
    "export_person",
    "hash_email",
    "ingest_file",
    "ingest_source",
    "initialise",
    "iter_records",
    "load_map_file",
    "load_secret",
    "merge_maps",
    "normalise_email",
    "normalise_row",
    "parse_json",
    "parse_map",
    "read_texts",
    "resolve_format",
    "resolve_text_format",
    "status",
    "to_timestamp",
    "unfinished_erasures",
]
