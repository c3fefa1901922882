"""Migration scripts, applied in order by :func:`grassroots.store.migrate`."""
