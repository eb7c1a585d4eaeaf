"""Write files atomically: a temporary file beside the target, renamed over it only once it is
complete, so a crash or an error never leaves a half-written results, predictions or baseline
file behind."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_writer(path: str | Path) -> Iterator[IO[str]]:
    """A text handle whose content replaces `path` when the block ends without an exception."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            yield handle
        os.chmod(tmp, 0o666 & ~_umask())  # the usual permissions, not mkstemp's 0600
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: str | Path, text: str) -> None:
    with atomic_writer(path) as handle:
        handle.write(text)


def write_json_atomic(path: str | Path, data: Any) -> None:
    """Write JSON atomically; NaN and Infinity are refused (they are not JSON)."""
    text = json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False)
    with atomic_writer(path) as handle:
        handle.write(text + "\n")


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def read_json(path: str | Path, what: str, missing: str | None = None) -> Any:
    """Parse a JSON file; a missing or malformed file is the user's mistake, reported with its path."""
    from .errors import NotFoundError, Problem, UserError

    path = Path(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"), parse_constant=_no_constants)
    except FileNotFoundError:
        raise NotFoundError(Problem(str(path), None, missing or f"no such {what} file")) from None
    except (ValueError, UnicodeDecodeError) as e:
        raise UserError(Problem(str(path), None, f"not a valid {what} JSON file: {e}")) from None
    except RecursionError:
        raise UserError(Problem(str(path), None, f"not a valid {what} JSON file: nested too deeply")) from None


def ensure_writable(path: str | Path, flag: str, *, folder: bool = False) -> None:
    """Refuse, before any work, an output the run could not write: a file name that is a folder,
    a folder name that is a file, or a place where the folder cannot be made or written. Makes the
    folder (or the file's folder) it will write into, as the writers would."""
    from .errors import UserError

    p = Path(path)
    if folder and p.exists() and not p.is_dir():
        raise UserError(f"{flag} {path}: exists and is not a folder")
    if not folder and p.is_dir():
        raise UserError(f"{flag} {path}: is a folder; give a file name")
    target = p if folder else p.parent
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UserError(f"{flag} {path}: cannot create the folder {target}: {e.strerror or e}") from None
    if not os.access(target, os.W_OK | os.X_OK):
        raise UserError(f"{flag} {path}: the folder {target} is not writable")
