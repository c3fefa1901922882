"""Workspace methods for user corrections: mark a score wrong, list and take back corrections.

The corrections live in the store (table ``corrections``) and every later run applies them:
``advocates`` drops people marked "not an advocate" and ranks people marked "advocate" first,
``disclosures`` / ``disclosures_from_lake`` give the corrected verdict with the correction as its
evidence, ``fake_followers`` / ``fake_followers_from_lake`` the corrected real / fake verdict.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from grassroots.workspace._base import WorkspaceBase

if TYPE_CHECKING:
    from grassroots.store import Correction, CorrectionKind

__all__ = ["CorrectionMethods"]


class CorrectionMethods(WorkspaceBase):
    """A person's word over a score: kept, applied on every run, exported, erased with the person."""

    def correct(
        self,
        kind: CorrectionKind,
        subject: str,
        value: str,
        *,
        platform: str = "",
        brand: str | None = None,
        note: str | None = None,
        by: str | None = None,
    ) -> Correction:
        """Store a correction. ``kind``: ``advocate`` (subject an account id, value ``not_advocate`` /
        ``advocate``, ``brand`` required), ``disclosure`` (subject a post id, value ``adequate`` /
        ``ambiguous`` / ``none``), ``account`` (subject an account id, value ``real`` / ``fake``).
        ``platform`` narrows it to one platform (default: any). A newer correction of the same thing
        replaces the older one. ``by`` defaults to the workspace's actor."""
        from grassroots.errors import InvalidInput
        from grassroots.store import Store, add_correction, check_correction

        check_correction(kind, value)
        if kind == "advocate" and not brand:
            raise InvalidInput("brand: an advocate correction is about one brand; give brand=")
        brand_name = self._brand(brand).name if brand else ""
        account = self._author(platform, subject) if kind == "disclosure" else subject
        with Store(self.settings.database_url) as store:
            return add_correction(
                store, kind, subject, value, by=by or self.actor, platform=platform, brand=brand_name,
                account_id=account, note=note,
            )  # fmt: skip

    def corrections(
        self, *, kind: CorrectionKind | None = None, brand: str | None = None
    ) -> tuple[Correction, ...]:
        """The stored corrections (oldest first), of one kind and / or brand when given."""
        from grassroots.store import Store, list_corrections

        with Store(self.settings.database_url) as store:
            return tuple(list_corrections(store, kind=kind, brand=brand))

    def remove_correction(self, correction_id: int, *, by: str | None = None) -> Correction:
        """Take a correction back; later runs give the scores' own answer again."""
        from grassroots.store import Store, remove_correction

        with Store(self.settings.database_url) as store:
            return remove_correction(store, correction_id, by=by or self.actor)

    def _author(self, platform: str, post_id: str) -> str | None:
        """The author of a lake post (so erasing the author erases corrections of their posts)."""
        if not self.initialised:
            return None
        with self._lake(read_only=True) as lake:
            posts = lake.scan("posts", columns=["platform", "author"], where={"id": post_id}).to_pylist()
        found = [p["author"] for p in posts if platform in ("", p["platform"])]
        return str(found[0]) if found and found[0] is not None else None

    def _correction_map(
        self, kind: CorrectionKind, *, brand: str = ""
    ) -> dict[tuple[str, str], Mapping[str, Any]]:
        """(platform or "", subject) -> evidence of every correction of ``kind`` (for ``brand``); empty
        before ``init`` or when there is no store yet. An older store is brought up to date first (as
        the brand book does), so a data dir from before corrections existed keeps working."""
        from grassroots.store import Store, list_corrections, migrate, sqlite_file

        url = self.settings.database_url
        local = sqlite_file(url)
        if not self.initialised or (local is not None and not local.exists()):
            return {}
        migrate(url)
        with Store(url) as store:
            found = list_corrections(store, kind=kind, brand=brand if kind == "advocate" else None)
        return {(c.platform, c.subject): c.evidence() for c in found}


def lookup(
    corrections: Mapping[tuple[str, str], Mapping[str, Any]], platform: str | None, subject: Any
) -> Mapping[str, Any] | None:
    """The correction for (platform, subject): one for that platform first, else one for any platform."""
    key = str(subject)
    return corrections.get((platform or "", key)) or corrections.get(("", key))
