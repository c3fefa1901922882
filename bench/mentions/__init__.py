"""Mention detection benchmarks: SXSW attribution, SemEval BD topic recall, ambiguity P/R."""
