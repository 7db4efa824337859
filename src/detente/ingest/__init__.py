"""Ingest: read files, directories, feeds and standard input into Article records."""
from .readers import iter_articles, read_path

__all__ = ["iter_articles", "read_path"]
