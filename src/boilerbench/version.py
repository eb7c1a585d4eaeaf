"""The boilerbench version: the installed distribution's (package metadata), or, in a bare
checkout with nothing installed, pyproject.toml's."""

from __future__ import annotations

from pathlib import Path


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("boilerbench")
    except PackageNotFoundError:
        import re

        try:
            text = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8")
        except OSError:
            return "unknown"
        found = re.search(r'^version\s*=\s*"([^"]+)"', text, re.MULTILINE)
        return found.group(1) if found else "unknown"


__version__ = _version()
