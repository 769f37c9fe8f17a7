"""Benchmark of govreports at scale: a synthetic corpus generator and the benchmark runner.

Nothing here is imported by the warehouse code; ``make bench`` runs it.
"""
