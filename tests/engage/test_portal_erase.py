"""Erasing a participant who used the portal leaves no byte of them: choices, display name, survey
answers, address, consent, the survey export's lines."""

from __future__ import annotations

from pathlib import Path

from grassroots.ingest import erase_person
from grassroots.store import Store, tables
from tests.ingest.test_erase_everywhere import _files_holding
from tests.web.portal_world import portal_world

NEEDLES = ("Zanzibar Quokka", "7 Wombat Crescent", "marmalade kangaroo feedback")


def test_erase_removes_the_portal_rows_and_the_survey_export_lines(tmp_path: Path) -> None:
    w = portal_world(tmp_path)
    ws, person = w.workspace, w.offered[0]
    token = ws.portal_link(w.campaign, person).url.rsplit("/", 1)[1]
    other = ws.portal_link(w.campaign, w.offered[1]).url.rsplit("/", 1)[1]
    ws.portal_respond(token, "accept")
    ws.portal_choose(token, product="glow-serum", variant="30ml")
    ws.portal_address(token, address=NEEDLES[1], consent=True)
    ws.portal_gamification(token, opt_in=True, display_name=NEEDLES[0])
    ws.portal_survey(token, {"nps": "8", "note": NEEDLES[2]})
    ws.portal_survey(other, {"nps": "9"})
    ws.portal_surveys_export(w.campaign)
    assert set(_files_holding(w.settings.data_dir, NEEDLES)) >= {"grassroots.db"}

    erase_person(w.settings, person, actor="test")

    assert _files_holding(w.settings.data_dir, NEEDLES) == {}
    with Store(w.settings.database_url) as store:
        for table in (
            tables.portal_profiles,
            tables.survey_answers,
            tables.campaign_addresses,
            tables.consent,
        ):
            assert store.rows(table, person_id=person) == [], table.name
        assert len(store.rows(tables.survey_answers)) == 1  # the other person's answer stays
