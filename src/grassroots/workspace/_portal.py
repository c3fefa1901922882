"""Workspace methods of the advocate portal: signed links, the page's view, the participant's actions,
the survey export. The domain is :mod:`grassroots.engage.portal`; links are
:mod:`grassroots.engage.links` tokens of kind ``portal`` (brand, person, campaign slug, expiry).

Every portal method takes the link's token: it is checked (signature and expiry) before anything is
read, and names the one person and campaign the caller may see or change.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from grassroots.errors import InvalidValue
from grassroots.workspace._base import WorkspaceBase, now

if TYPE_CHECKING:
    from grassroots.engage.links import LinkClaims
    from grassroots.engage.portal import Participation, PortalView
    from grassroots.store import Store

__all__ = ["PortalLink", "PortalMethods", "SurveyExport"]

#: The columns of the survey answers export.
SURVEY_COLUMNS = ("campaign", "person_id", "question", "answer", "answered_at")
LinkState = Literal["valid", "expired", "invalid"]


@dataclass(frozen=True)
class PortalLink:
    """One participant's portal link and when it expires."""

    person_id: str
    url: str
    expires_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {"person_id": self.person_id, "url": self.url, "expires_at": self.expires_at.isoformat()}


@dataclass(frozen=True)
class SurveyExport:
    """The survey answers written: where, how many rows, people who answered and the NPS."""

    campaign: str
    path: Path
    rows: int
    people: int
    nps: float | None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "path": str(self.path)}


class PortalMethods(WorkspaceBase):
    """The advocate portal behind ``/p/{token}`` and ``grassroots portal``."""

    def _secret(self) -> bytes:
        from grassroots.ingest import load_secret

        return load_secret(self.settings)

    @contextmanager
    def _portal_store(self, write: bool = False) -> Iterator[Store]:
        from grassroots.store import Store

        if not write:
            with Store(self.settings.database_url) as store:
                yield store
            return
        with self.writing("grassroots portal"), Store(self.settings.database_url) as store:
            yield store

    def portal_link(self, campaign: str, person: str, *, days: int = 30) -> PortalLink:
        """A signed portal link for an offered participant, valid for ``days`` days."""
        from grassroots.engage.portal import participation

        if isinstance(days, bool) or not 1 <= days <= 365:
            raise InvalidValue("days", f"expected a whole number of days from 1 to 365, got {days!r}")
        with self._portal_store() as store:
            p = participation(store, campaign, person)
        return self._link(p.campaign.brand, campaign, person, days)

    def portal_links(self, campaign: str, *, days: int = 30) -> list[PortalLink]:
        """Links for every offered participant of the campaign (holdout people get none), by person."""
        from grassroots.campaigns import load_campaign
        from grassroots.store import participant_rows

        if isinstance(days, bool) or not 1 <= days <= 365:
            raise InvalidValue("days", f"expected a whole number of days from 1 to 365, got {days!r}")
        with self._portal_store() as store:
            row, _ = load_campaign(store, campaign)
            people = [str(r["person_id"]) for r in participant_rows(store, row.id) if r["selected"]]
        return [self._link(row.brand, campaign, p, days) for p in people]

    def _link(self, brand: str, campaign: str, person: str, days: int) -> PortalLink:
        from grassroots.engage.links import link_url, make_token

        expires = (datetime.now(UTC) + timedelta(days=days)).replace(microsecond=0)
        token = make_token(
            self._secret(), kind="portal", brand=brand, person_id=person, campaign_id=campaign,
            expires_at=expires,
        )  # fmt: skip
        return PortalLink(person, link_url(self.settings.base_url, "portal", token), expires)

    def portal_link_state(self, token: str) -> LinkState:
        """``valid``, ``expired`` (signed by us, out of date) or ``invalid`` (anything else)."""
        from grassroots.engage.links import read_token

        secret = self._secret()
        try:
            read_token(secret, token, kind="portal")
        except InvalidValue:
            try:
                read_token(secret, token, kind="portal", now=datetime(1970, 1, 2, tzinfo=UTC))
            except InvalidValue:
                return "invalid"
            return "expired"
        return "valid"

    def portal_csrf(self, token: str) -> str:
        """The form token of the portal page for ``token``: an HMAC of the link under the installation
        secret, so only a page served for that link can post to it (the portal has no session)."""
        key = hmac.new(self._secret(), b"grassroots-portal-csrf", hashlib.sha256).digest()
        return hmac.new(key, token.encode("utf-8"), hashlib.sha256).hexdigest()

    def portal_chat_token(self, token: str) -> str:
        """A ``chat`` link token for the same person, brand and campaign, expiring with the portal link
        (for the portal's chat panel)."""
        from grassroots.engage.links import make_token

        c = self._claims(token)
        return make_token(
            self._secret(), kind="chat", brand=c.brand, person_id=c.person_id, campaign_id=c.campaign_id,
            expires_at=c.expires_at,
        )  # fmt: skip

    def _claims(self, token: str) -> LinkClaims:
        from grassroots.engage.links import read_token

        return read_token(self._secret(), token, kind="portal")

    def _participation(self, store: Store, token: str) -> tuple[Participation, str]:
        """The link's participation and its brand's name; NotFound when the link names a campaign or
        person no longer there (so the link of an erased person opens nothing)."""
        from grassroots.engage.portal import participation
        from grassroots.errors import NotFound

        claims = self._claims(token)
        p = participation(store, claims.campaign_id or "", claims.person_id)
        if p.campaign.brand != claims.brand:
            raise NotFound("token: this link names another brand")
        return p, p.campaign.brand

    def portal_page(self, token: str) -> PortalView:
        """What the portal shows the link's person."""
        from grassroots.engage.portal import counted_posts, portal_view

        with self._portal_store() as store:
            p, brand = self._participation(store, token)
            posts = counted_posts(self._author_posts(p.person_id), self._brand(brand), p.brief)
            return portal_view(store, p, brand=brand, posts=posts)

    def _author_posts(self, person: str) -> list[dict[str, Any]]:
        columns = ["platform", "id", "author", "text", "created_at"]
        with self._lake(read_only=True) as lake:
            found = lake.scan("posts", columns=columns, where={"author": person})
        rows: list[dict[str, Any]] = found.to_pylist()
        return rows

    def portal_respond(self, token: str, answer: Literal["accept", "decline"]) -> str:
        """Accept or decline the invitation; the new state (logged with the actor ``portal``)."""
        from grassroots.engage.portal import respond

        with self._portal_store(write=True) as store:
            p, _ = self._participation(store, token)
            return respond(store, p, answer, at=now())

    def portal_choose(self, token: str, *, product: str, variant: str = "") -> None:
        """Keep the product and variant the person chose."""
        from grassroots.engage.portal import choose_product

        with self._portal_store(write=True) as store:
            p, _ = self._participation(store, token)
            choose_product(store, p, product, variant, at=now())

    def portal_address(self, token: str, *, address: str, consent: bool) -> None:
        """Keep a shipping address with the person's explicit consent (its text stored with it)."""
        from grassroots.engage.portal import give_address

        with self._portal_store(write=True) as store:
            p, brand = self._participation(store, token)
            give_address(store, p, address, consent=consent, brand=brand, at=now())

    def portal_consent(
        self, token: str, *, purpose: Literal["shipping_address", "ugc_rights"], grant: bool
    ) -> None:
        """Grant content-rights consent with its text, or withdraw a consent (withdrawing the shipping
        consent deletes the address)."""
        from grassroots.engage.portal import set_consent

        if purpose not in ("shipping_address", "ugc_rights"):
            raise InvalidValue("purpose", f"{purpose!r}: expected shipping_address or ugc_rights")
        if grant and purpose == "shipping_address":
            raise InvalidValue("purpose", "a shipping consent is given with the address")
        with self._portal_store(write=True) as store:
            p, brand = self._participation(store, token)
            set_consent(store, p, purpose, grant, brand=brand, at=now())

    def portal_survey(self, token: str, answers: Mapping[str, str]) -> int:
        """Store the person's survey answers (checked against the campaign's survey)."""
        from grassroots.engage.portal import answer_survey

        with self._portal_store(write=True) as store:
            p, _ = self._participation(store, token)
            return answer_survey(store, p, answers, at=now())

    def portal_gamification(self, token: str, *, opt_in: bool, display_name: str = "") -> None:
        """Opt in to levels, badges and the leaderboard under a display name, or opt out."""
        from grassroots.engage.portal import set_gamification

        with self._portal_store(write=True) as store:
            p, _ = self._participation(store, token)
            set_gamification(store, p, opt_in, display_name, at=now())

    def portal_surveys_export(self, campaign: str, *, out: Path | None = None) -> SurveyExport:
        """Export the campaign's survey answers (``campaign,person_id,question,answer,answered_at``)."""
        from grassroots.campaigns import load_campaign
        from grassroots.campaigns.survey import NPS_ID, net_promoter
        from grassroots.store import survey_rows
        from grassroots.workspace._campaigns import _csv, _write

        started = now()
        with self._portal_store() as store:
            row, _ = load_campaign(store, campaign)
            rows = survey_rows(store, row.id)
        plain = [{**r, "answered_at": r["answered_at"].isoformat()} for r in rows]
        path = Path(out) if out else self._results_file(f"campaigns/{campaign}/surveys.csv")
        _write(path, _csv(SURVEY_COLUMNS, plain))
        self._record("export_surveys", started=started, read=len(rows), parameters={"campaign": campaign})
        nps = net_promoter(r["answer"] for r in rows if r["question"] == NPS_ID)
        return SurveyExport(campaign, path, len(rows), len({r["person_id"] for r in rows}), nps)
