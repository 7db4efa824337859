"""Exceptions raised by detente.

    DetenteError
    ├── InputError          an input cannot be read or makes no article (.path, .line)
    │   ├── NotEnglishError the article is not in English
    │   └── ArticleTooLargeError  the article is over the size limit per article
    ├── ConfigError         a setting, dictionary or model is missing or malformed
    ├── UnknownActor        an actor code or name is not in the knowledge base
    └── StoreError          the event store cannot be opened, read or written (.status)

The library raises these; only the CLI and the HTTP API turn them into exit codes and statuses.
"""
from __future__ import annotations


class DetenteError(Exception):
    """Base class of every error detente raises on purpose."""

    status = 500


class InputError(DetenteError):
    """An input cannot be read, or holds no article."""

    status = 400

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        self.reason = message
        where = path or ""
        if line is not None:
            where = f"{where}:{line}" if where else f"line {line}"
        super().__init__(f"{where}: {message}" if where else message)


class NotEnglishError(InputError):
    """The article is not in English, so it is not coded."""


class ArticleTooLargeError(InputError):
    """The article is over the size limit per article, so it is not coded."""


class ConfigError(DetenteError):
    """A setting, dictionary or model is missing or malformed."""


class UnknownActor(DetenteError):
    """An actor code or name is not in the knowledge base."""

    status = 404


class StoreError(DetenteError):
    """The event store cannot be opened, read or written."""

    status = 500
