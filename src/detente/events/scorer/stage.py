"""The scoring stage: decide, per sentence, which candidate pairs carry which asserted events.

Decisions, with the thresholds of ``scorer.json`` (tuned on corpus-dev, never on corpus-test):

- ``keep``: an asserted rule event stays when the model gives its pair some root at least this probable;
  otherwise it is dropped (the shipped value is 0: rule events are kept);
- ``retype``: an asserted rule event whose own root the model finds less probable than this, while it gives
  another root at least ``retype_best``, takes the model's root, unless that root is a plain comment (01) or
  one another asserted rule event of the same pair in the sentence already carries (the model scores the pair,
  not the verb), and never an event the rules derived from another's modality (the intent stated in "said they
  were ready to impose sanctions", a demand, a refusal): its type is the derivation's, and re-typing it to the
  act would assert what was only intended;
- ``add``: a pair with no rule event gets an event of its most probable root when that is at least this: its
  predicate the word that governs both actors, or the clause that carries an act saying does not perform
  (:func:`candidates.act_predicate`), its modality, date and attribution found by the rule stages. An actor
  with no target takes ``add_no_target`` for a plain comment (01) and ``add_no_target_act`` for any other root
  (each ``add`` when absent; the shipped scorer.json sets neither): on corpus-dev, at p >= 0.15, the model's
  target-less comments were right 0.21 of the time and its pairs 0.12, its target-less acts once in about 45
  (an act with no one acted upon is rarely an event the coders code). Tuning them apart did not hold on
  corpus-test (``scripts/tune_scorer.py --by-kind``).
"""
from __future__ import annotations

from .candidates import Candidate, act_predicate, candidates, copula, event_key, predicate, sought

DEFAULTS = {"keep": 0.2, "retype": 0.1, "retype_best": 0.5, "add": 0.6}
JOINT_ROOTS = frozenset({"03", "04", "05", "06"})  # acts coded in both directions when two parties do them together
GENERIC_ROOT = "01"  # a rule event is never re-typed to a plain comment: the act its pattern names is more specific
REACH_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "poss", "dative", "appos", "conj", "attr", "agent")


def add_threshold(th: dict, c: Candidate, root: str) -> float:
    """The probability a candidate's best root needs for the model to add it (see ``add`` above)."""
    if c.target is not None:
        return th["add"]
    return th.get("add_no_target" if root == GENERIC_ROOT else "add_no_target_act", th["add"])


def _derived(e) -> bool:
    """An event the rules derived from another event's modality (a stated intent, a demand, a refusal, a
    condition: ``Draft.derived``)."""
    return e.derived is not None


class ScorerStage:
    """Wraps a runtime ``Scorer`` (or, to collect training candidates, a list) for ``RuleCoder``."""

    def __init__(self, scorer=None, *, collect: list | None = None, thresholds: dict | None = None,
                 rules: bool | None = None, use_rules: bool = True):
        self.scorer = scorer
        self.collect = collect
        th = dict(DEFAULTS)
        th.update(getattr(scorer, "thresholds", None) or {})
        th.update(thresholds or {})
        self.th = th
        self.rules = getattr(scorer, "rules", True) if rules is None else rules
        self.use_rules = use_rules  # False: model only (rule events are candidates' evidence, never output)

    @property
    def prefetching(self) -> bool:
        """Whether the encoder encodes ahead on a thread of its own (``DETENTE_PREFETCH``)."""
        return bool(getattr(getattr(self.scorer, "encoder", None), "prefetching", False))

    def prefetch(self, sents) -> None:
        """Let the encoder start on ``sents`` while the coder parses and codes what comes before them
        (``DETENTE_PREFETCH``). Most will have candidates (about 70%); the rest are encoded for nothing, on a
        core that would otherwise wait. (Leaving out sentences that name no actor and hold no pronoun, 21% of
        them, most with no candidate, made the coder no faster.)"""
        if self.prefetching:
            self.scorer.encoder.prefetch([s.text for s in sents])

    def release(self, sents) -> None:
        """The coder is done with ``sents``: forget their encodings that no candidate asked for."""
        if self.prefetching:
            self.scorer.encoder.drop([s.text for s in sents])

    def apply(self, coder, fr, events: list) -> list:
        """The drafts of the sentence ``fr`` (a ``context.Frame``) after scoring (``events`` are the rules')."""
        sent, sent_text, sent_span, article, mentions, sectors, ctx, base = (
            fr.sent, fr.text, fr.span, fr.article, fr.mentions, fr.sectors, fr.ctx, fr.base)
        reached, unknown = self._reached(coder, sent, mentions, sectors, ctx, article.published)
        cands = candidates(sent, sent_text, mentions, sectors, article.published, coder.resolver, events, reached,
                           unknown)
        if self.collect is not None:
            from .features import char_span

            x = self.scorer.features(sent, cands) if cands else []
            for c, row in zip(cands, x):
                pred = predicate(sent, c)
                self.collect.append({"article_id": article.id, "sentence": sent_text, "span": list(sent_span),
                                     "key": list(c.key), "x": row, "text": sent.text,
                                     "chars": [char_span(sent, c.source_span), char_span(sent, c.target_span),
                                               char_span(sent, (pred.i, pred.i + 1))]})
            return events
        if not cands:
            return events if self.use_rules else [e for e in events if e.modality != "asserted"]
        probs = self.scorer.score(sent, cands)
        roots = self.scorer.roots
        by_key = {c.key: (c, p) for c, p in zip(cands, probs)}
        out = []
        coded = set()
        # the model scores a pair, not a verb: the roots the pair's asserted rule events already carry are
        # explained, so its best root never re-types another of the pair's rule events to one of them ("the US
        # spoke to Iran (04) ... warned they will pay a price (13)" keeps the threat)
        carried: dict[tuple, set] = {}
        for e in events:
            if e.modality == "asserted":
                carried.setdefault(event_key(e), set()).add(e.cameo_root)
        for e in events:
            key = event_key(e)
            hit = by_key.get(key)
            if e.modality != "asserted" or hit is None:
                if self.use_rules:
                    out.append(e)
                continue
            if not self.use_rules:
                continue
            p = hit[1]
            best = int(p.argmax())
            own = float(p[roots.index(e.cameo_root)]) if e.cameo_root in roots else 0.0
            trace = {"stage": "scorer", "p_root": round(own, 3), "p_best": round(float(p[best]), 3),
                     "best_root": roots[best]}
            if float(p[best]) < self.th["keep"]:
                continue  # the model sees no event between them
            if (own < self.th["retype"] and float(p[best]) >= self.th["retype_best"] and roots[best] != GENERIC_ROOT
                    and roots[best] not in carried.get(key, ())
                    and not _derived(e)):
                e.code = coder.cameo.get(roots[best])
                e.retyped_by = coder.scorer_name
                trace["decision"] = "retyped"
            else:
                trace["decision"] = "kept"
            e.confidence = round(max(own, float(p[best]) * 0.8), 3)
            e.scorer = trace
            coded.add(key)
            out.append(e)
        proposals = []
        for key, (c, p) in by_key.items():
            if key in coded or c.rules and self.use_rules:
                continue
            best = int(p.argmax())
            if float(p[best]) >= add_threshold(self.th, c, roots[best]):
                proposals.append((float(p[best]), roots[best], c))
        # one role per actor and predicate: the most probable pairs first, and a pair whose source (or target)
        # already has that role for the same predicate is not added ("X blamed Y, while Z condemned W" gives
        # X->Y, not also X->W and Z->Y on the same verb)
        if not proposals:
            return out
        taken: set[tuple] = set()
        # the rules' actors by predicate and root: "Pyongyang rejected the proposal by Seoul" (a rule's PRK -> KOR
        # 12) does not also tell that Pyongyang, or Seoul, rejected (12) with no one rejected
        starts = {base + t.idx: t.i for t in sent}
        acting = {(starts.get(e.trigger_span[0]), a.country, e.cameo_root) for e in out
                  if e.trigger_span and e.modality == "asserted" for a in (e.source, e.target) if a is not None}
        touched = {(i, country) for i, country, _root in acting}
        # a rule's pair on a predicate, turned round: "Iran rejected the proposal by Iraq" (the rules' IRN -> IRQ 12)
        # does not also tell that Iraq rejected Iran there; joint acts (meeting, agreeing, cooperating) go both ways
        turned = {(starts.get(e.trigger_span[0]), e.target.country, e.source.country, e.cameo_root) for e in out
                  if e.trigger_span and e.modality == "asserted" and e.source is not None and e.target is not None
                  and e.cameo_root not in JOINT_ROOTS}
        from ..speech import STATEMENT_VERBS

        for p_best, root, c in sorted(proposals, key=lambda t: -t[0]):
            pred = predicate(sent, c)  # one role per actor of the governing word, whatever clause carries the act
            roles = {("source", pred.i, c.source.country)} if c.source is not None else set()
            if c.target is not None:
                roles.add(("target", pred.i, c.target.country))
            if c.source is not None and c.target is not None and (
                    pred.i, c.source.country, c.target.country, root) in turned:
                continue
            if c.source is None and (pred.i, c.target.country) in touched:
                continue  # the rules named who acted on it there ("were arrested in Riyadh": Saudi Arabia's)
            if roles & taken or c.target is None and (pred.i, c.source.country, root) in acting or sought(root, pred):
                continue
            act = act_predicate(c, root, pred, STATEMENT_VERBS)
            if copula(root, act):
                continue
            taken |= roles
            out.extend(self._model_event(coder, c, root, p_best, act, fr))
        return out

    @staticmethod
    def _reached(coder, sent, mentions, sectors, ctx, on) -> tuple[list, list]:
        """Actors the parse reaches (subjects, objects and possessors, pronouns and descriptions included), as
        (actor, token index); and the phrases ([start, end) token spans) that name a person or group the
        knowledge base does not know ("Goldberg", "House Democrats", "the demonstrators")."""
        from ...actors.resolve import noun_phrase

        out, unknown = [], []
        for tok in sent:
            if tok.dep_ in REACH_DEPS:
                for a in coder._actor(tok, mentions, sectors, ctx, on, unresolved=True) or []:
                    if a.code is None:
                        span = noun_phrase(tok)
                        if a.text and a.text in span.text:
                            unknown.append((span.start, span.end))
                        continue
                    out.append((a, tok.i))
        return out, unknown

    def _model_event(self, coder, c: Candidate, root: str, p: float, pred, fr) -> list:
        """The event the model adds for candidate ``c`` at ``root`` on ``pred``, the word that carries the act
        (:func:`candidates.act_predicate`)."""
        from ..context import Found
        from ..patterns import Pattern

        pattern = Pattern(id=f"model.{root}", lemma=pred.lemma_, cameo=root,
                          target="object" if c.target is not None else "none")
        made: list = []
        coder._emit(made, Found(pred, pattern, [pred], None), c.source, [c.target] if c.target is not None else [],
                    fr, rule_suffix=f"(p={p:.2f})", chosen=True)
        for e in made:
            e.origin, e.coder, e.confidence = "scorer", coder.scorer_name, round(p, 3)
            e.scorer = {"stage": "scorer", "decision": "added", "p_root": round(p, 3), "predicate": pred.text}
        return made
