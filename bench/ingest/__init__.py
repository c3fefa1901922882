"""Ingest benchmark: posts/s and peak RSS loading demo-world posts into the lake (see __main__)."""
