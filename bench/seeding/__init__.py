"""Seeding benchmark: OPIM-C against peers and baselines on real graphs; `python -m bench.seeding`."""
