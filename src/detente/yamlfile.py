"""Reading YAML data: the shipped files fast, a user's files with errors that name the file."""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import ConfigError

#: libyaml's loader where PyYAML has it (five times faster on the shipped files), else the pure one
_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_shipped(text: str):
    """Parse a shipped data file's text."""
    return yaml.load(text, Loader=_FAST)


def load_user(path: str | Path, what: str):
    """Parse a user's YAML file; ConfigError names the file when it cannot be read or is not YAML."""
    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(f"{path}: cannot read {what} file: {e.strerror or e}") from None
    except yaml.YAMLError as e:
        raise ConfigError(f"{path}: malformed YAML: {e}") from None
