"""Advocate discovery benchmark on the demo world (planted advocates as truth)."""
