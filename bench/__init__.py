"""Benchmarks against real data and peers; results in docs/benchmarks.md."""
