"""Trust benchmarks: fake followers, disclosure, brand safety (``python -m bench.trust``)."""
