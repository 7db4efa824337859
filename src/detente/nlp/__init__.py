"""NLP: loading the spaCy pipeline, splitting long texts, telling English from other languages."""
from .load import load_nlp, MODEL
from .language import accepted_language, is_english
from .chunks import chunks

__all__ = ["load_nlp", "MODEL", "accepted_language", "is_english", "chunks"]
