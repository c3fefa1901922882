"""The advocate portal's rows in the store: a participant's choices (product, gamification) and
their survey answers, per campaign and person (m009).

Every write is one transaction keyed on ``(campaign_id, person_id)``: choosing again replaces the
choice, answering a question again replaces the answer, so a form posted twice leaves one row.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from grassroots.errors import StoreError
from grassroots.store.db import Store
from grassroots.store.tables import campaign_addresses, campaigns, portal_profiles, survey_answers

__all__ = [
    "delete_address",
    "opted_in_profiles",
    "portal_profile",
    "save_answers",
    "save_profile",
    "survey_rows",
]


def _fail(what: str, exc: SQLAlchemyError) -> StoreError:
    return StoreError(
        f"cannot {what} (run `grassroots init`?): {str(getattr(exc, 'orig', exc)).splitlines()[0]}"
    )


def _mine(table: Any, campaign_id: int, person_id: str) -> Any:
    return (table.c.campaign_id == campaign_id) & (table.c.person_id == person_id)


def portal_profile(store: Store, campaign_id: int, person_id: str) -> dict[str, Any] | None:
    """The person's portal row in the campaign (None before their first choice)."""
    try:
        with store.engine.connect() as conn:
            row = conn.execute(
                select(portal_profiles).where(_mine(portal_profiles, campaign_id, person_id))
            ).first()
    except SQLAlchemyError as exc:
        raise _fail("read the portal", exc) from exc
    return dict(row._mapping) if row is not None else None


def save_profile(
    store: Store, campaign_id: int, person_id: str, values: Mapping[str, Any], *, at: datetime
) -> None:
    """Set some of ``product``, ``variant``, ``chosen_at``, ``gamification``, ``display_name`` (the rest
    kept; a new row starts with gamification off)."""
    allowed = {"product", "variant", "chosen_at", "gamification", "display_name"}
    changes = {k: v for k, v in values.items() if k in allowed} | {"updated_at": at}
    where = _mine(portal_profiles, campaign_id, person_id)
    try:
        with store.engine.begin() as conn:
            if conn.execute(select(portal_profiles.c.id).where(where)).first() is None:
                base = {"campaign_id": campaign_id, "person_id": person_id, "gamification": False}
                conn.execute(insert(portal_profiles).values(**(base | changes)))
            else:
                conn.execute(update(portal_profiles).where(where).values(**changes))
    except SQLAlchemyError as exc:
        raise _fail("store the portal choice", exc) from exc


def opted_in_profiles(store: Store, campaign_id: int) -> list[dict[str, Any]]:
    """Participants of the campaign who opted in to gamification, with the display name they chose."""
    query = select(portal_profiles).where(
        portal_profiles.c.campaign_id == campaign_id,
        portal_profiles.c.gamification.is_(True),
        portal_profiles.c.display_name.is_not(None),
    )
    try:
        with store.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query.order_by(portal_profiles.c.person_id))]
    except SQLAlchemyError as exc:
        raise _fail("read the portal", exc) from exc


def save_answers(
    store: Store, campaign_id: int, person_id: str, answers: Mapping[str, str], *, at: datetime
) -> int:
    """Store the person's answers (question id -> answer), replacing earlier answers to the same
    questions, in one transaction. Returns answers stored."""
    try:
        with store.engine.begin() as conn:
            for question, answer in answers.items():
                where = _mine(survey_answers, campaign_id, person_id) & (
                    survey_answers.c.question == question
                )
                conn.execute(delete(survey_answers).where(where))
                values = {"campaign_id": campaign_id, "person_id": person_id, "question": question}
                conn.execute(insert(survey_answers).values(**values, answer=answer, answered_at=at))
    except SQLAlchemyError as exc:
        raise _fail("store survey answers", exc) from exc
    return len(answers)


def survey_rows(store: Store, campaign_id: int | None = None) -> list[dict[str, Any]]:
    """Survey answers with their campaign's slug, by campaign, person and question."""
    query = select(
        campaigns.c.slug.label("campaign"), survey_answers.c.person_id, survey_answers.c.question,
        survey_answers.c.answer, survey_answers.c.answered_at,
    ).join(campaigns, campaigns.c.id == survey_answers.c.campaign_id)  # fmt: skip
    if campaign_id is not None:
        query = query.where(survey_answers.c.campaign_id == campaign_id)
    order = (campaigns.c.slug, survey_answers.c.person_id, survey_answers.c.question)
    try:
        with store.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query.order_by(*order))]
    except SQLAlchemyError as exc:
        raise _fail("read survey answers", exc) from exc


def delete_address(store: Store, campaign_id: int, person_id: str) -> int:
    """Delete the person's shipping address in the campaign (their consent was withdrawn); on SQLite
    the bytes are overwritten. Returns rows deleted."""
    try:
        with store.engine.begin() as conn:
            if store.engine.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA secure_delete = ON")
            gone = conn.execute(
                delete(campaign_addresses).where(_mine(campaign_addresses, campaign_id, person_id))
            )
    except SQLAlchemyError as exc:
        raise _fail("delete the address", exc) from exc
    return int(gone.rowcount or 0)
