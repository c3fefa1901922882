"""Planted roles: genuine advocates, engagement pods, paid / gifted / competitor-paid creators,
fake spammers, loud complainers, deal / news accounts, customers and their discount codes.

Roles are disjoint where a scorer is measured against one of them (an advocate is never paid, a pod
member never bought followers), so the truth stays unambiguous.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import numpy.typing as npt

from grassroots.demo_world.params import WorldParams
from grassroots.demo_world.taxonomy import INTEREST_IDS

__all__ = ["plant_roles"]

_SKINCARE = INTEREST_IDS.index("beauty/skincare")


def _pick(rng: np.random.Generator, pool: npt.NDArray[np.int64], k: int) -> npt.NDArray[np.int64]:
    """Up to ``k`` distinct members of ``pool``, sorted."""
    k = min(k, len(pool))
    return np.sort(rng.choice(pool, size=k, replace=False)) if k > 0 else np.zeros(0, dtype=np.int64)


def _advocates(
    rng: np.random.Generator, p: WorldParams, b: dict[str, Any], fakey: npt.NDArray[np.bool_]
) -> Any:
    n = p.people
    f = b["followers"]
    eligible = ~b["is_fake"] & ~fakey & (b["bought"] == 0)
    total = max(2, round(p.advocate_share * n))
    small = round(total * p.small_advocate_share)
    pool_small = np.flatnonzero(eligible & ~b["is_creator"] & (f >= 50))
    pool_big = np.flatnonzero(eligible & b["is_creator"] & (f < 100_000))
    chosen = np.concatenate([_pick(rng, pool_small, small), _pick(rng, pool_big, total - small)])
    mask = np.zeros(n, dtype=bool)
    mask[chosen] = True
    for i in chosen:
        if _SKINCARE not in b["interests"][i] and rng.random() < 0.7:
            b["interests"][i] = (*b["interests"][i][:2], _SKINCARE)
    return mask


def _pods(rng: np.random.Generator, p: WorldParams, b: dict[str, Any], taken: npt.NDArray[np.bool_]) -> Any:
    pod = np.full(p.people, -1, dtype=np.int64)
    f = b["followers"]
    pool = np.flatnonzero(b["is_creator"] & ~taken & (b["bought"] == 0) & (f < 100_000))
    n_pods = p.pods if p.people >= 3000 else min(p.pods, 2)
    for k in range(n_pods):
        size = int(rng.integers(p.pod_size[0], p.pod_size[1] + 1))
        members = _pick(rng, pool[pod[pool] < 0], size)
        pod[members] = k
    return pod


def _commercial(
    rng: np.random.Generator, p: WorldParams, b: dict[str, Any], taken: npt.NDArray[np.bool_]
) -> tuple[Any, Any, Any]:
    """Brand-paid, brand-gifted and competitor-paid creators (disjoint; none is an advocate or pod member)."""
    n = p.people
    creators = np.flatnonzero(b["is_creator"] & ~taken)
    n_c = int(b["is_creator"].sum())
    order = rng.permutation(creators)
    k_paid = max(2, round(p.paid_share * n_c))
    k_gift = max(2, round(p.gifted_share * n_c))
    k_comp = max(2, round(p.competitor_paid_share * n_c))
    paid = np.zeros(n, dtype=bool)
    gifted = np.zeros(n, dtype=bool)
    competitor = np.full(n, -1, dtype=np.int64)
    paid[order[:k_paid]] = True
    gifted[order[k_paid : k_paid + k_gift]] = True
    comp = order[k_paid + k_gift : k_paid + k_gift + k_comp]
    competitor[comp] = rng.integers(0, 2, size=len(comp))
    return paid, gifted, competitor


def _loud_and_promo(
    rng: np.random.Generator, p: WorldParams, b: dict[str, Any], taken: npt.NDArray[np.bool_]
) -> tuple[Any, Any]:
    """Loud complainers (real people, customers) and deal / news accounts (creators in the band)."""
    n = p.people
    real = ~b["is_fake"] & ~taken
    loud = np.zeros(n, dtype=bool)
    loud[_pick(rng, np.flatnonzero(real & ~b["is_creator"]), max(2, round(p.loud_complainer_share * n)))] = (
        True
    )
    pool = np.flatnonzero(real & ~loud & b["is_creator"] & (b["followers"] < 100_000))
    promo = np.zeros(n, dtype=bool)
    promo[_pick(rng, pool, max(2, round(p.promo_account_share * n)))] = True
    return loud, promo


def _codes(handles: list[str], who: npt.NDArray[np.int64], suffix: str) -> dict[int, str]:
    """Discount codes from handles (``maya.rivers`` -> ``MAYARIVE15``), unique."""
    codes: dict[int, str] = {}
    used: set[str] = set()
    for i in who:
        stem = re.sub(r"[^A-Za-z]", "", handles[i]).upper()[:8] or "FRIEND"
        code, k = stem + suffix, 2
        while code in used:
            code, k = f"{stem}{k}{suffix}", k + 1
        used.add(code)
        codes[int(i)] = code
    return codes


def plant_roles(
    rng: np.random.Generator, p: WorldParams, b: dict[str, Any], fakey: npt.NDArray[np.bool_]
) -> dict[str, Any]:
    """Roles for every person, as column arrays keyed like the fields of ``People``."""
    n = p.people
    is_fake = b["is_fake"]
    advocate = _advocates(rng, p, b, fakey)
    pod = _pods(rng, p, b, advocate)
    paid, gifted, competitor = _commercial(rng, p, b, advocate | (pod >= 0))
    loud, promo = _loud_and_promo(rng, p, b, advocate | (pod >= 0) | paid | gifted | (competitor >= 0))
    fakes = np.flatnonzero(is_fake)
    spammer = np.zeros(n, dtype=bool)
    spammer[_pick(rng, fakes, max(3, round(p.fake_spammer_share * len(fakes))))] = True
    u = rng.random(n)
    prob = np.where(b["is_creator"], p.customer_share / 2, p.customer_share)
    prob = np.where(paid | gifted, 0.4, np.where(advocate, 0.85, prob))
    is_customer = ~is_fake & ((u < prob) | loud) & ~promo
    customer_id = np.zeros(n, dtype=np.int64)
    ids = np.flatnonzero(is_customer)
    customer_id[ids] = (
        7_100_000_000_000 + np.cumsum(rng.integers(1, 5000, size=len(ids)))[rng.permutation(len(ids))]
    )
    code = [""] * n
    for i, c in _codes(b["username"], np.flatnonzero(paid | gifted), "15").items():
        code[i] = c
    for i, c in _codes(b["username"], np.flatnonzero(competitor >= 0), "10").items():
        code[i] = c
    return dict(
        is_advocate=advocate,
        pod=pod,
        paid=paid,
        gifted=gifted,
        competitor=competitor,
        fake_spammer=spammer,
        loud_complainer=loud,
        promo_account=promo,
        customer_id=customer_id,
        code=code,
    )
