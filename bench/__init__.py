"""Benchmarks: ``python -m bench.quality`` (cleaning vs trafilatura alone) and the others here."""
