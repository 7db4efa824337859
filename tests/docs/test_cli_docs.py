"""The CLI reference is generated from the CLI and current; every command and option has help."""
import subprocess
import sys

from .runner import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import gen_cli_docs  # noqa: E402


def test_every_command_and_option_has_help():
    assert gen_cli_docs.undocumented() == []


def test_cli_reference_is_current():
    page = gen_cli_docs.PAGE.read_text(encoding="utf-8")
    assert page == gen_cli_docs.render(), "docs/reference/cli.md is stale: run python scripts/gen_cli_docs.py"


def test_reference_names_every_command_and_option():
    page = gen_cli_docs.PAGE.read_text(encoding="utf-8")
    group = gen_cli_docs.cli_command()
    ctx = gen_cli_docs._ctx(group, "detente")
    for name in group.list_commands(ctx):
        assert f"## `detente {name}`" in page
        for p in group.get_command(ctx, name).params:
            if p.param_type_name == "option" and p.name != "help":
                assert f"`{p.opts[0]}`" in page, (name, p.opts)


def test_check_mode_exits_zero():
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_cli_docs.py"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
