"""Issue 19, item 3: long texts without line breaks. Sentences are capped (split, never glued) and every event's
span is its own sentence in the article, in every chunk."""
from __future__ import annotations

import pytest

from detente.ingest.readers import make_article
from detente.nlp.chunks import CHUNK, chunks
from detente.nlp.load import MAX_SENTENCE_CHARS, MAX_SENTENCE_TOKENS

WORDS = "Iran rejected the proposal by Iraq and officials said talks would go on while".split()
UNPUNCTUATED = " ".join(WORDS[i % len(WORDS)] for i in range(5_000))[:30_000]  # one line, six chunks
FLAT = " ".join([  # a flattened article: no line break, an event in nearly every sentence
    "Iran rejected the proposal by Iraq on Monday.", "Russia condemned the missile launch by North Korea.",
    "The United States called for talks with China.", "Japan praised South Korea for its restraint.",
    "Germany criticized Turkey over the arrests, officials said.", "France met Italy in Rome on Tuesday.",
] * 60)  # about 17,000 characters: four chunks


def sentences(nlp, text):
    for off, piece in chunks(text):
        for s in nlp(piece).sents:
            yield off + s.start_char, off + s.end_char, len(s)


def test_sentences_are_capped_in_a_line_without_punctuation(coder):
    got = list(sentences(coder.nlp, UNPUNCTUATED))
    assert max(n for _, _, n in got) <= MAX_SENTENCE_TOKENS  # before: 898 tokens, 5,000 characters
    assert max(e - s for s, e, _ in got) <= MAX_SENTENCE_CHARS


def test_capped_sentences_are_split_not_glued(coder):
    text = ", ".join(["the minister of foreign affairs of the republic"] * 100) + "."
    doc = coder.nlp(text)
    sents = list(doc.sents)
    assert len(sents) > 1 and all(len(s) <= MAX_SENTENCE_TOKENS for s in sents)
    assert "".join(s.text_with_ws for s in sents) == text  # every token kept, in order
    assert all(s[0].i == 0 or doc[s[0].i - 1].text == "," for s in sents)  # cut at a pause


def test_ordinary_sentences_untouched(coder):
    text = "Iran rejected the proposal by Iraq on Monday. " + " ".join(["word"] * 140) + "."
    assert [len(s) for s in coder.nlp(text).sents] == [9, 141]


@pytest.mark.parametrize("text", [FLAT, UNPUNCTUATED], ids=["flattened", "unpunctuated"])
def test_every_event_span_is_its_sentence(coder, text):
    assert len(chunks(text)) > 3 and len(text) > 3 * CHUNK
    coded = coder.code_article(make_article(id="flat", text=text))
    assert coded.events
    for ev in coded.events:
        s, e = ev.span
        assert text[s:e] == ev.sentence
        assert e - s <= MAX_SENTENCE_CHARS, (s, e, ev.sentence[:80])  # before: [0, 5043] for a chunk's first
        assert s <= ev.trigger_span[0] < ev.trigger_span[1] <= e
