"""Dates: the date of the event itself, resolved from the text and anchored to the article date."""
from .event import event_date
from .resolve import EventDate, resolve_expression

__all__ = ["EventDate", "resolve_expression", "event_date"]
