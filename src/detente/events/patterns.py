"""The pattern dictionary: plain YAML data mapping predicates to CAMEO codes."""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path


from ..errors import ConfigError
from ..yamlfile import load_shipped, load_user
from .cameo import CameoTable



@dataclass(frozen=True)
class Pattern:
    """One predicate pattern; see the header of ``events/data/patterns.yaml``."""

    id: str
    lemma: str
    cameo: str
    kind: str = "verb"
    particle: str | None = None
    particle_prep: str | None = None
    object: tuple[str, ...] = ()
    object_xcomp: str | None = None
    target_preps: tuple[str, ...] = ()
    target: str = "object"
    spoken: bool = False
    needs: tuple[str, ...] = ()
    needs_prep: tuple[str, ...] = ()
    forbid: tuple[str, ...] = ()
    needs_object: bool = False
    forbid_object: tuple[str, ...] = ()
    by_speaker: bool = False

    @property
    def specificity(self) -> int:
        return (2 if self.object else 0) + (2 if self.object_xcomp else 0) + (1 if self.particle else 0) + (
            1 if self.particle_prep else 0)


class PatternSet:
    """Patterns indexed by (kind, lemma)."""

    def __init__(self, patterns: list[Pattern]):
        self.patterns = patterns
        self.by_lemma: dict[tuple[str, str], list[Pattern]] = {}
        for p in patterns:
            self.by_lemma.setdefault((p.kind, p.lemma.lower()), []).append(p)
        for v in self.by_lemma.values():
            v.sort(key=lambda p: -p.specificity)

    @classmethod
    def load(cls, extra: list[str | Path] | tuple = (), cameo: CameoTable | None = None) -> "PatternSet":
        """Load the shipped patterns, then user files (a pattern with an existing id replaces it)."""
        cameo = cameo or CameoTable.load()
        text = resources.files("detente.events").joinpath("data/patterns.yaml").read_text(encoding="utf-8")
        items = {p.id: p for p in parse(load_shipped(text), "patterns.yaml", cameo)}
        for path in extra:
            for p in parse(load_user(path, "patterns"), str(path), cameo):
                items[p.id] = p
        return cls(list(items.values()))

    def candidates(self, kind: str, lemma: str) -> list[Pattern]:
        return self.by_lemma.get((kind, lemma.lower()), [])


KEYS = {"id", "lemma", "cameo", "kind", "particle", "particle_prep", "object", "object_xcomp", "target_preps", "target",
        "spoken", "needs", "needs_prep", "forbid", "needs_object", "forbid_object", "by_speaker"}


def _tuple(v) -> tuple[str, ...]:
    if v is None:
        return ()
    if isinstance(v, str):
        return (v,)
    return tuple(str(x) for x in v)


def parse(raw, where: str, cameo: CameoTable) -> list[Pattern]:
    if not isinstance(raw, list):
        raise ConfigError(f"{where}: expected a list of patterns")
    out = []
    for n, r in enumerate(raw, 1):
        if not isinstance(r, dict) or not {"id", "lemma", "cameo"} <= set(r):
            raise ConfigError(f"{where}: pattern {n} needs id, lemma and cameo")
        unknown = set(r) - KEYS
        if unknown:
            raise ConfigError(f"{where}: pattern {r['id']!r} has unknown field(s) {', '.join(sorted(unknown))}; "
                              f"known: {', '.join(sorted(KEYS))}")
        code = str(r["cameo"])
        cameo.get(code)  # raises with the list of codes when unknown
        out.append(Pattern(
            id=str(r["id"]), lemma=str(r["lemma"]), cameo=code, kind=r.get("kind", "verb"),
            particle=r.get("particle") or None, particle_prep=r.get("particle_prep") or None,
            object=tuple(x.lower() for x in _tuple(r.get("object"))), object_xcomp=r.get("object_xcomp"),
            target_preps=_tuple(r.get("target_preps")), target=r.get("target", "object"),
            spoken=bool(r.get("spoken", False)), needs=tuple(x.lower() for x in _tuple(r.get("needs"))),
            needs_prep=_tuple(r.get("needs_prep")), forbid=_tuple(r.get("forbid")),
            needs_object=bool(r.get("needs_object", False)),
            forbid_object=tuple(x.lower() for x in _tuple(r.get("forbid_object"))),
            by_speaker=bool(r.get("by_speaker", False))))
    return out
