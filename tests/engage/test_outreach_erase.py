"""Erase reaches outreach: the clear address kept for contact, the outbox, previews, DM tasks, the send
log and replies; no byte of the person is left in any file of the data directory."""

from __future__ import annotations

from pathlib import Path

from grassroots.ingest import erase_person
from grassroots.store import Store, tables
from tests.engage.outreach_world import NOON, POSTS, build
from tests.ingest.test_erase_everywhere import _files_holding


def test_erase_leaves_no_byte_of_the_person_in_outreach_files_and_tables(tmp_path: Path) -> None:
    world = build(tmp_path)
    ws, slug = world.ws, world.slug
    ws.outreach_preview(slug, step="invite")
    sent = ws.outreach_send(slug, step="invite", at=NOON)
    assert sent.counts["sent"] == 3 and sent.path is not None
    ws.outreach_tasks(slug)
    outbox = sent.path.read_text(encoding="utf-8")
    needles = ("ann@example.com", POSTS["ig:1"], "dee@example.com", POSTS["ig:4"], "handle1", "handle4")
    assert all(n in outbox for n in needles)
    assert set(_files_holding(ws.data_dir, ("ann@example.com", "dee@example.com"))) >= {
        "grassroots.db",
        "results/outreach/outbox/outbox.jsonl",
        "results/outreach/spring-sampling/invite-preview.jsonl",
    }  # fmt: skip

    erase_person(world.settings, "ig:1", actor="test")  # by account id: the address given in a form
    erase_person(world.settings, "dee@example.com", actor="test")  # a shop customer, by e-mail
    erase_person(world.settings, "ig:4", actor="test")  # and the account linked to them
    assert _files_holding(ws.data_dir, needles) == {}
    with Store(world.settings.database_url) as store:
        for table in (tables.contact_addresses, tables.outreach_sends, tables.outreach_previews):
            assert not {r["person_id"] for r in store.rows(table)} & {"ig:1", "ig:4", world.dee_customer}
        assert {r["email"] for r in store.rows(tables.contact_addresses)} == {
            "bo@example.com",
            "fay@example.com",
        }
    assert "bo@example.com" in sent.path.read_text(encoding="utf-8")  # others are untouched
