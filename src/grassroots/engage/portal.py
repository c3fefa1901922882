"""The advocate portal: what one participant sees and does through their signed link.

A participant opens ``/p/TOKEN`` (a ``portal`` link of :mod:`grassroots.engage.links`, per person and
campaign, no password) and sees their offer, code and discount links, accepts or declines the
invitation (the lifecycle's ``invited -> accepted | declined``, logged in ``campaign_events`` with the
actor ``portal``), chooses a product, gives a shipping address with explicit consent, grants or
withdraws content-rights consent, sees their points, level and badges, the posts that counted, and
answers the campaign's survey. Every consent stored here carries the exact text the person saw
(:func:`consent_text`), the channel ``portal`` and the time; nothing is ticked for them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from grassroots.campaigns import (
    TRANSITIONS,
    Brief,
    discount_link,
    load_campaign,
    points_account,
    store_addresses,
)
from grassroots.campaigns.survey import Survey, check_answers
from grassroots.engage.gamification import (
    Badge,
    Leader,
    Level,
    badges_of,
    check_display_name,
    leaderboard,
    level_of,
)
from grassroots.errors import InvalidInput, InvalidValue, NotFound
from grassroots.store import (
    CampaignRow,
    Store,
    delete_address,
    move_states,
    offer_rows,
    opted_in_profiles,
    portal_profile,
    record_consent,
    save_answers,
    save_profile,
    tables,
)

if TYPE_CHECKING:
    from grassroots.listen import Brand

__all__ = [
    "ACTOR",
    "CONSENT_TEXTS",
    "ConsentState",
    "Participation",
    "PortalPost",
    "PortalView",
    "answer_survey",
    "choose_product",
    "consent_text",
    "counted_posts",
    "give_address",
    "participation",
    "portal_view",
    "referrals",
    "respond",
    "set_consent",
    "set_gamification",
]

ACTOR = "portal"
Purpose = Literal["shipping_address", "ugc_rights"]
CONSENT_TEXTS: dict[str, str] = {
    "shipping_address": (
        "I agree that {brand} keeps this shipping address to send me the product of the campaign "
        "\u201c{campaign}\u201d, gives it only to whoever ships it, and deletes it when the campaign closes. "
        "I can withdraw this on this page at any time."
    ),
    "ugc_rights": (
        "I allow {brand} to reuse the posts I make about the campaign \u201c{campaign}\u201d on its own "
        "website, social accounts and ads, naming me as their author. I can withdraw this on this page at "
        "any time; no new reuse starts after I do."
    ),
}
_ADDRESS_MAX = 500


def consent_text(purpose: Purpose, *, brand: str, campaign: str) -> str:
    """The exact consent text shown on the portal and stored with the person's answer."""
    return CONSENT_TEXTS[purpose].format(brand=brand, campaign=campaign)


@dataclass(frozen=True)
class Participation:
    """A participant's campaign, brief and row (``state`` None: assigned, not invited yet)."""

    campaign: CampaignRow
    brief: Brief
    person_id: str
    state: str | None
    row: dict[str, Any]

    @property
    def open(self) -> bool:
        return self.campaign.status != "closed"


@dataclass(frozen=True)
class PortalPost:
    """One of the person's posts that counted: it names the brand, inside the campaign window."""

    platform: str
    id: str
    text: str
    created_at: datetime | None


@dataclass(frozen=True)
class ConsentState:
    """Whether the person's latest record for a purpose is a standing grant, and when it was given."""

    granted: bool
    at: datetime | None
    text: str  # the text the portal shows now (the one stored with a new answer)


@dataclass(frozen=True)
class PortalView:
    """Everything the portal page shows one participant."""

    brand: str
    campaign: str
    campaign_name: str
    open: bool
    state: str | None
    ask: str
    disclosure: str
    code: str | None
    offer: str
    valid_until: datetime | None
    links: tuple[tuple[str, str], ...]  # (product name, discount link)
    products: tuple[tuple[str, str, tuple[str, ...]], ...]  # (handle, name, variants)
    product: str | None
    variant: str | None
    address: str | None
    shipping: ConsentState
    ugc: ConsentState
    points: Decimal
    level: Level
    badges: tuple[Badge, ...]
    gamification: bool
    display_name: str | None
    leaders: tuple[Leader, ...]
    referrals: int
    posts: tuple[PortalPost, ...]
    survey: Survey
    answers: dict[str, str]

    @property
    def can_accept(self) -> bool:
        return self.open and "accepted" in TRANSITIONS.get(self.state, ())

    @property
    def can_decline(self) -> bool:
        return self.open and "declined" in TRANSITIONS.get(self.state, ())

    @property
    def can_choose(self) -> bool:
        return self.open and self.state == "accepted"


def participation(store: Store, slug: str, person_id: str) -> Participation:
    """The person's participation in campaign ``slug``; NotFound when they are not offered in it
    (holdout people get no portal: they get no offer)."""
    row, brief = load_campaign(store, slug)
    found = store.rows(tables.campaign_participants, campaign_id=row.id, person_id=person_id)
    if not found or not found[0]["selected"]:
        raise NotFound(f"person={person_id!r}: not offered in campaign {slug!r}")
    return Participation(row, brief, person_id, found[0]["state"], found[0])


def _consent_state(store: Store, person: str, purpose: Purpose, text: str) -> ConsentState:
    rows = sorted(
        store.rows(tables.consent, person_id=person, purpose=purpose),
        key=lambda r: (r["recorded_at"], r["id"]),
    )
    if not rows:
        return ConsentState(False, None, text)
    last = rows[-1]
    return ConsentState(bool(last["granted"]) and last["withdrawn_at"] is None, last["recorded_at"], text)


def _points(store: Store, person: str) -> Decimal:
    return sum(
        (Decimal(r["amount"]) for r in store.rows(tables.ledger_postings, account=points_account(person))),
        Decimal(0),
    )


def _own_hash(store: Store, customer: Any) -> str | None:
    """The e-mail hash of a participant's linked shop customer (their own orders are no referrals)."""
    if not customer:
        return None
    if str(customer).startswith("email:"):
        return str(customer).removeprefix("email:")
    found = store.rows(tables.customers, shop_customer_id=str(customer)) or store.rows(
        tables.customers, id=str(customer)
    )
    return str(found[0]["email_hash"]) if found and found[0]["email_hash"] else None


def referrals(store: Store, campaign_id: int, people: Sequence[str]) -> dict[str, int]:
    """Orders with each of ``people``'s codes by someone else than their own linked shop customer."""
    codes = {str(o["code"]).upper(): str(o["person_id"]) for o in offer_rows(store, campaign_id)}
    wanted = set(people)
    own = {
        str(r["person_id"]): _own_hash(store, r["customer_id"])
        for r in store.rows(tables.campaign_participants, campaign_id=campaign_id)
        if r["person_id"] in wanted
    }
    counts = dict.fromkeys(wanted, 0)
    for order in store.rows(tables.orders):
        person = codes.get(str(order["discount_code"] or "").upper())
        if person in wanted and (order["email_hash"] is None or order["email_hash"] != own.get(person)):
            counts[person] += 1
    return counts


def _offer_text(brief: Brief) -> str:
    value = brief.offer.value
    if brief.offer.type == "percentage":
        return f"{value.normalize():f}% off"
    if brief.offer.type == "fixed_amount":
        return f"{value:.2f} off"
    return "the product free"


def counted_posts(posts: Sequence[Mapping[str, Any]], brand: Brand, brief: Brief) -> tuple[PortalPost, ...]:
    """The person's posts naming the brand inside the campaign window (``starts`` to the analysis date)."""
    from datetime import time, timedelta

    from grassroots.listen import find_mentions

    start = datetime.combine(brief.starts, time.min)
    end = datetime.combine(brief.analysis_date, time.min) + timedelta(days=1)
    found = [
        PortalPost(str(p["platform"]), str(p["id"]), str(p["text"] or ""), p["created_at"])
        for p in posts
        if p["created_at"] is not None
        and start <= p["created_at"] < end
        and find_mentions(str(p["text"] or ""), brand)
    ]
    return tuple(sorted(found, key=lambda p: p.created_at or start, reverse=True))


def _game(store: Store, p: Participation, opted: bool) -> tuple[int, tuple[Leader, ...]]:
    """The person's referrals, and the leaderboard of opted-in people (shown only to the opted-in)."""
    profiles = opted_in_profiles(store, p.campaign.id) if opted else []
    counts = referrals(store, p.campaign.id, [p.person_id, *(str(r["person_id"]) for r in profiles)])
    board = leaderboard((str(r["display_name"]), counts[str(r["person_id"])]) for r in profiles)
    return counts[p.person_id], board


def portal_view(store: Store, p: Participation, *, brand: str, posts: tuple[PortalPost, ...]) -> PortalView:
    """What the portal shows ``p`` (``posts``: :func:`counted_posts` of the lake's posts)."""
    mine = next((o for o in offer_rows(store, p.campaign.id) if o["person_id"] == p.person_id), None)
    code = str(mine["code"]) if mine else None
    profile = portal_profile(store, p.campaign.id, p.person_id) or {}
    mine_only = {"campaign_id": p.campaign.id, "person_id": p.person_id}
    addresses = store.rows(tables.campaign_addresses, **mine_only)
    answers = {str(r["question"]): str(r["answer"]) for r in store.rows(tables.survey_answers, **mine_only)}
    points, opted = _points(store, p.person_id), bool(profile.get("gamification"))
    referred, leaders = _game(store, p, opted)
    names = {"brand": brand, "campaign": p.brief.name}
    products, person = p.brief.products, p.person_id
    links = tuple((pr.name, discount_link(p.brief.shop, code, pr.handle)) for pr in products) if code else ()
    joined = p.row["accepted_at"] is not None
    earned = badges_of(accepted=joined, posts=len(posts), referrals=referred, answered=bool(answers))
    return PortalView(
        brand=brand, campaign=p.campaign.slug, campaign_name=p.brief.name, open=p.open, state=p.state,
        ask=p.brief.ask.text, disclosure=p.brief.disclosure, code=code, offer=_offer_text(p.brief),
        valid_until=mine["ends_at"] if mine else None,
        links=links,
        products=tuple((pr.handle, pr.name, pr.variants) for pr in products),
        product=profile.get("product"), variant=profile.get("variant"),
        address=str(addresses[0]["address"]) if addresses else None,
        shipping=_consent_state(store, person, "shipping_address", consent_text("shipping_address", **names)),
        ugc=_consent_state(store, person, "ugc_rights", consent_text("ugc_rights", **names)),
        points=points, level=level_of(points), badges=earned,
        gamification=opted, display_name=profile.get("display_name"), leaders=leaders, referrals=referred,
        posts=posts, survey=p.brief.survey, answers=answers,
    )  # fmt: skip


def _open(p: Participation) -> None:
    if not p.open:
        raise InvalidInput(f"campaign={p.campaign.slug!r}: the campaign is closed; nothing can change")


def respond(store: Store, p: Participation, answer: Literal["accept", "decline"], *, at: datetime) -> str:
    """Accept or decline the invitation (the lifecycle decides what is allowed); the new state."""
    _open(p)
    to_state = {"accept": "accepted", "decline": "declined"}.get(answer)
    if to_state is None:
        raise InvalidValue("answer", f"{answer!r}: expected accept or decline")
    if to_state not in TRANSITIONS.get(p.state, ()):
        raise InvalidInput(f"answer: cannot {answer} now (the invitation is {p.state or 'not sent yet'})")
    move_states(store, p.campaign.id, [(p.person_id, to_state, at)], allowed=TRANSITIONS, actor=ACTOR)
    return to_state


def choose_product(store: Store, p: Participation, product: str, variant: str, *, at: datetime) -> None:
    """Keep the product (and variant) the person chose among the brief's; only once accepted."""
    _open(p)
    if p.state != "accepted":
        raise InvalidInput("product: choose a product after accepting, before it ships")
    found = next((pr for pr in p.brief.products if pr.handle == product), None)
    if found is None:
        raise InvalidValue(
            "product", f"{product!r}: expected one of {', '.join(pr.handle for pr in p.brief.products)}"
        )
    if found.variants and variant not in found.variants:
        raise InvalidValue("variant", f"{variant!r}: expected one of {', '.join(found.variants)}")
    chosen = variant if found.variants else None
    save_profile(
        store, p.campaign.id, p.person_id, {"product": product, "variant": chosen, "chosen_at": at}, at=at
    )


def _consent_row(p: Participation, purpose: Purpose, brand: str, at: datetime) -> dict[str, Any]:
    text = consent_text(purpose, brand=brand, campaign=p.brief.name)
    return {"person_id": p.person_id, "purpose": purpose, "granted": True, "text": text, "channel": "portal",
            "recorded_at": at, "source": f"portal:{p.campaign.slug}"}  # fmt: skip


def give_address(
    store: Store, p: Participation, address: str, *, consent: bool, brand: str, at: datetime
) -> None:
    """Keep a shipping address, only with the box ticked: the consent (with its text) first, then the
    address through the campaign's address store (which checks that consent again)."""
    _open(p)
    if p.state != "accepted":
        raise InvalidInput("address: give an address after accepting, before the product ships")
    text = " ".join(line.strip() for line in address.strip().splitlines() if line.strip())
    if not 5 <= len(text) <= _ADDRESS_MAX:
        raise InvalidValue("address", f"expected 5 to {_ADDRESS_MAX} characters")
    if not consent:
        raise InvalidValue("consent", "tick the box to agree that we keep the address, or leave it empty")
    record_consent(store, [_consent_row(p, "shipping_address", brand, at)], actor=ACTOR)
    store_addresses(store, p.campaign.slug, {p.person_id: text})


def set_consent(
    store: Store, p: Participation, purpose: Purpose, grant: bool, *, brand: str, at: datetime
) -> None:
    """Grant content-rights consent (with its exact text), or withdraw a purpose's consent: a
    withdrawn shipping consent also deletes the address at once."""
    if grant:
        _open(p)
        record_consent(store, [_consent_row(p, purpose, brand, at)], actor=ACTOR)
        return
    record_consent(store, [{"person_id": p.person_id, "purpose": purpose, "withdrawn_at": at}], actor=ACTOR)
    if purpose == "shipping_address":
        delete_address(store, p.campaign.id, p.person_id)


def answer_survey(store: Store, p: Participation, form: Mapping[str, str], *, at: datetime) -> int:
    """Check and store the survey answers (re-answering replaces them); only once invited."""
    _open(p)
    if p.state is None:
        raise InvalidInput("survey: the invitation has not been sent yet")
    answers = check_answers(p.brief.survey, form)
    return save_answers(store, p.campaign.id, p.person_id, answers, at=at)


def set_gamification(
    store: Store, p: Participation, opt_in: bool, display_name: str, *, at: datetime
) -> None:
    """Opt in under a display name the person typed, or opt out (the name is deleted)."""
    if not opt_in:
        save_profile(store, p.campaign.id, p.person_id, {"gamification": False, "display_name": None}, at=at)
        return
    name = check_display_name(display_name)
    save_profile(store, p.campaign.id, p.person_id, {"gamification": True, "display_name": name}, at=at)
