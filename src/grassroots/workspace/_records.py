"""Workspace methods on the store's records: brands (edit, remove, export) and alerts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from grassroots.errors import InvalidInput
from grassroots.workspace._base import WorkspaceBase

if TYPE_CHECKING:
    from grassroots.listen import Brand
    from grassroots.store import Alert, AlertKind, AlertStatus

__all__ = ["RecordMethods"]


class RecordMethods(WorkspaceBase):
    """Brands live in the store (YAML is import / export); alerts are what needs a person."""

    def edit_brand(
        self,
        name: str,
        *,
        add: Mapping[str, Sequence[str]] | None = None,
        remove: Mapping[str, Sequence[str]] | None = None,
        file: Path | None = None,
    ) -> Brand:
        """Change a stored brand: add / remove values of its list fields (``{"products": ["X"]}``), or
        replace it whole from a brand YAML ``file`` of the same name. Returns the stored brand."""
        from grassroots.listen import edit_brand, load_brand

        book = self._book()
        old = book.get(name)
        if file is not None:
            new = load_brand(Path(file))
            if new.slug != old.slug:
                raise InvalidInput(f"{file}: name: {new.name!r} is another brand than {old.name!r}")
        elif not add and not remove:
            raise InvalidInput("add= / remove= / file= : nothing to change; give at least one")
        else:
            new = edit_brand(old, add=add or {}, remove=remove or {})
        self._brands.clear()
        return book.put(new)

    def remove_brand(self, name: str) -> Brand:
        """Remove a brand from the store (refused while campaigns use it); returns what was removed."""
        self._brands.clear()
        return self._book().remove(name)

    def export_brand(self, name: str) -> str:
        """A stored brand as YAML text (every field written, so ``add_brand(path)`` reads it back)."""
        from grassroots.listen import brand_to_yaml

        return brand_to_yaml(self._book().get(name))

    def alerts(
        self,
        *,
        status: AlertStatus | None = None,
        kind: AlertKind | None = None,
        brand: str | None = None,
        limit: int | None = None,
    ) -> tuple[Alert, ...]:
        """Alerts matching every filter given, newest first."""
        from grassroots.store import Store, list_alerts

        with Store(self.settings.database_url) as store:
            return tuple(list_alerts(store, status=status, kind=kind, brand=brand, limit=limit))

    def set_alert(self, alert_id: int, *, status: AlertStatus, by: str | None = None) -> Alert:
        """Record a person's decision on an alert (``by`` defaults to the workspace's actor)."""
        from grassroots.store import Store, set_alert_status

        with Store(self.settings.database_url) as store:
            return set_alert_status(store, alert_id, status=status, by=by or self.actor)
