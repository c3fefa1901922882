"""Erase and snapshot cost on the demo world (see __main__)."""
