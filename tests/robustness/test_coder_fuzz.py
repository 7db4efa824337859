"""The coder on arbitrary text: nothing crashes, every event points into its article, and very long
texts are split and coded in bounded memory rather than refused."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, strategies as st

from detente.ingest.readers import make_article
from detente.nlp.chunks import CHUNK, chunks

from .fuzz import run, sizes
from .test_readers_fuzz import TEXT

SENTENCES = st.sampled_from([
    "Iran rejected the proposal by Iraq on Monday.", "Russia condemned the missile launch by North Korea.",
    "The United States called for talks with China.", "Pyongyang declined the proposal, officials told the Journal.",
    "Japan did not protest.", "Seoul may send troops to Kabul next week.", "\n\n", " ", "WASHINGTON (AP) - ",
])
ARTICLE = st.lists(st.one_of(SENTENCES, TEXT), min_size=1, max_size=12).map(" ".join)


def check_coded(coder, texts: list[str]) -> int:
    arts, errors = [], []
    for n, t in enumerate(texts):
        try:
            arts.append(make_article(id=f"a{n}", text=t, path=f"a{n}.txt"))
        except Exception as e:  # only InputError is allowed, and it must say why
            assert type(e).__name__ == "InputError" and e.reason, e
    coded = list(coder.code_articles(arts, on_error=lambda e, a: errors.append((e, a))))
    assert len(coded) + len(errors) == len(arts)
    for e, a in errors:
        assert e.path == a.source_path and e.reason
    n_events = 0
    for c in coded:
        text = c.article.text
        for ev in c.events:
            s, e = ev.span
            assert 0 <= s < e <= len(text) and text[s:e] == ev.sentence
            json.dumps(ev.to_dict())
            n_events += 1
    return n_events


@sizes(fast=25, slow=250)
def test_coder_on_arbitrary_text(coder, examples):
    @given(st.lists(ARTICLE, min_size=1, max_size=3))
    def prop(texts):
        check_coded(coder, texts)

    run(examples, prop)


@sizes(fast=50, slow=500)
def test_chunks_cover_text_and_cut_at_breaks(examples):
    @given(st.lists(st.one_of(SENTENCES, TEXT, st.text(alphabet="ab", min_size=50, max_size=400)), max_size=60)
           .map("".join), st.integers(min_value=20, max_value=400))
    def prop(text, size):
        parts = chunks(text, size)
        assert "".join(p for _, p in parts) == text
        pos = 0
        for off, piece in parts:
            assert off == pos and len(piece) <= size and (piece or not text)
            pos += len(piece)
        for off, piece in parts[:-1]:
            window = text[off + size // 2: off + size]
            if any(ch.isspace() for ch in window):
                assert piece[-1].isspace() or piece[-1] in ".!?\"'\u201d", repr(piece[-20:])

    run(examples, prop)


def test_long_unpunctuated_text_is_coded(coder):
    words = "Iran rejected the proposal by Iraq and officials said talks would go on while".split()
    text = " ".join(words[i % len(words)] for i in range(15_000))  # ~100 KB, one "sentence"
    assert len(text) > 5 * CHUNK
    # split into capped sentences, not glued (issue 19): the repeated clause is coded, every span checked above
    assert check_coded(coder, [text, "x" * 30_000, text.replace(" ", "")[:40_000]]) > 0


MEMORY = """
import resource, sys
from detente import get_coder
from detente.ingest.readers import make_article
c = get_coder()
c.code_article(make_article(id="w", text="Iran rejected the proposal by Iraq."))
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kind, n = sys.argv[1], int(float(sys.argv[2]) * 1e6)
if kind == "news":
    paras = ["Markets opened slightly higher on the news that exports had grown for a third month in a row, "
             "economists said in a note to clients.", "Iran rejected the proposal by Iraq on Monday, officials said.",
             "Schools reopened after the holiday and traffic returned to the main roads of the city by noon."]
    text = "\\n\\n".join(paras[i % 3] for i in range(n // 50))[:n]
else:
    text = ("Iran rejected the proposal by Iraq and " * (n // 38))[:n]
r = c.code_article(make_article(id="big", text=text))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(len(text), len(r.events), base // 1024, peak // 1024)
"""


@pytest.mark.slow
@pytest.mark.parametrize("kind,mb", [("news", 2), ("unpunctuated", 1)])
def test_long_article_bounded_memory(kind, mb):
    r = subprocess.run([sys.executable, "-c", MEMORY, kind, str(mb)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    chars, events, base, peak = map(int, r.stdout.split())
    print(f"{kind} {chars} chars: {events} events, RSS {base} MB -> peak {peak} MB")
    assert chars >= mb * 1e6 * 0.99
    assert events > (chars // 300 if kind == "news" else -1)
    assert peak - base < 900, f"coding {chars} chars grew RSS by {peak - base} MB"
