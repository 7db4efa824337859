"""Words and phrases the actor stages share: pronouns, anaphors, role words and the noun phrase a token heads.

The resolver (``resolve.py``) and coreference (``coref.py``) both read them; neither imports the other for them.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

PRONOUNS = {"it", "he", "she", "they", "its", "his", "her", "their", "we", "i", "him", "them"}
ANAPHORS = {"the country", "the nation", "the regime", "the government", "the north", "the south",
            "the reclusive nation", "the reclusive state", "the isolated nation", "the communist state",
            "the kingdom", "the islamic republic", "the reclusive country", "the communist country",
            "the communist nation", "the isolated country", "the isolated state", "the secretive state",
            "the impoverished nation", "the island nation", "the hermit kingdom"}
# Role words too general to name a sector when a more specific one stands beside them.
GENERIC_ROLES = {"leader", "leaders", "official", "officials", "spokesman", "spokeswoman", "spokesperson",
                 "delegation", "members", "member", "representatives", "chief", "head", "mission", "people",
                 "national", "secretary", "general"}
# Heads of phrases that name an authority by where it sits ("authorities in Pakistan", "the court in Abuja").
ROLE_HEADS = {"authority", "court", "official", "police", "government", "force", "troop", "ministry", "military",
              "army", "prosecutor", "judge", "parliament", "leader", "rebel", "activist", "protester", "embassy",
              "diplomat", "soldier", "militant", "lawmaker", "regime", "administration", "spokesman", "minister"}


def noun_phrase(tok: Token) -> Span:
    """The noun phrase headed by ``tok``: its subtree, cut before relative clauses and appositions."""
    doc = tok.doc
    left = tok.left_edge.i
    right = tok.i
    for child in tok.rights:
        if child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "prep") and child.dep_ != "prep":
            break
        if child.dep_ == "prep" and child.lower_ in ("in", "from") and (
                tok.lemma_.lower() in ROLE_HEADS or tok.tag_ == "NNPS") and any(
                g.dep_ == "pobj" and g.ent_type_ == "GPE" for g in child.children):
            right = child.right_edge.i  # "authorities in Pakistan", "the court in Abuja"
            continue
        if child.dep_ == "prep" and child.lower_ not in ("of",):
            break
        right = child.right_edge.i
    # a left conjunct's subtree can reach into the head's own conjuncts; keep only this conjunct
    for child in tok.lefts:
        if child.dep_ in ("cc", "conj", "punct") and child.i == left:
            left = child.i + 1
    return doc[left:right + 1]
