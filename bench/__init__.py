"""Benchmarks of the hub on a synthetic corpus: `make bench` or `python -m bench` (see README.md)."""
