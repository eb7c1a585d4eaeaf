"""Names that become parts of a path: the one gate every output path goes through.

A document id, a publisher, an annotator's e-mail, an extractor's or a track's name comes from
the user's files (a Label Studio export, a predictions header, a `module:attr` plugin). Before it
names a file or a folder it passes `safe_component`, so that `../../x`, `/etc/x`, an empty name or
a NUL byte can never make a command write outside the folder the user named
(`tests/test_paths.py` checks that every output path in the source does so).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .errors import UserError

MAX_BYTES = 200  # file systems allow 255 bytes a name; room for a suffix such as `.json` or `.txt`
_UNSAFE_RUN = re.compile(r"[^A-Za-z0-9._@+-]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def safe_component(name: object, what: str) -> str:
    """`name` as one file or folder name: runs of characters outside letters, digits and
    `._@+-` become `-` (`My Extractor` gives `My-Extractor`, `jane@example.org` stays). A name
    that would leave its folder or cannot be a name at all is refused with a `UserError` that
    says `what` it was: not a string, empty, `.` or `..`, holding `/`, `\\`, NUL or another
    control character, or longer than 200 bytes.

    >>> safe_component("My Extractor", "extractor name")
    'My-Extractor'
    >>> safe_component("../../x", "annotator")
    Traceback (most recent call last):
    ...
    boilerbench.errors.UserError: boilerbench: annotator '../../x' cannot name a file or folder: it holds a '/'
    """
    if not isinstance(name, str):
        raise UserError(f"{what} {name!r} cannot name a file or folder: it is not a string")
    reason = None
    if not name.strip():
        reason = "it is empty"
    elif "/" in name or "\\" in name:
        reason = "it holds a '/'" if "/" in name else "it holds a '\\'"
    elif _CONTROL.search(name):
        reason = "it holds a control character (NUL, newline, ...)"
    elif name.strip(".") == "":
        reason = "it is only dots"
    elif len(name.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        reason = f"it is longer than {MAX_BYTES} bytes"
    if reason is None:
        cleaned = _UNSAFE_RUN.sub("-", name).strip("-").lstrip(".")
        if not cleaned:
            reason = "no letter or digit is left of it"
        else:
            return cleaned
    shown = name if len(name) <= 60 else name[:60] + "..."
    raise UserError(f"{what} {shown!r} cannot name a file or folder: {reason}")


def output_file(folder: Path, *parts: tuple[str, str], suffix: str = "") -> Path:
    """`folder/<part>/.../<last part><suffix>`, each part given as (name, what) and passed
    through `safe_component`; the result is checked to lie inside `folder`."""
    path = Path(folder)
    names = [safe_component(name, what) for name, what in parts]
    for name in names[:-1]:
        path = path / name
    if names:
        path = path / (names[-1] + suffix)
    root = Path(folder).resolve()
    if path.resolve() != root and root not in path.resolve().parents:  # a symlinked folder inside `folder`
        raise UserError(f"{path}: lies outside {folder}")
    return path


def distinct(targets: Iterable[tuple[Path, str]], what: str) -> None:
    """Refuse two different names that became the same file (`a b` and `a-b` both give `a-b`)."""
    seen: dict[Path, str] = {}
    for path, name in targets:
        if path in seen and seen[path] != name:
            raise UserError(f"{what} {seen[path]!r} and {name!r} would both be written to {path}; "
                            "rename one of them")
        seen.setdefault(path, name)


def input_file(folder: Path, name: str, what: str, suffix: str = "") -> Path:
    """`folder/<name><suffix>` for a name read from a file inside `folder` (a page id of a
    benchmark's ground truth): the name must already be a plain file name, else it is refused,
    so that the file read is the one named and lies inside `folder`."""
    if safe_component(name, what) != name:
        raise UserError(f"{what} {name!r} is not a plain file name (letters, digits and '._@+-')")
    return Path(folder) / (name + suffix)
