"""Evaluation of detente against the gold sets in ../shared/data (a dev tool; read only when invoked)."""
