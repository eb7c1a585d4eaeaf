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
    from .errors import Problem, UserError

    path = Path(path)
    if path.is_dir():  # say so with the user's path, not the temporary file's
        raise UserError(Problem(str(path), None, "is a folder; give a file name"))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            yield handle
        os.chmod(tmp, 0o666 & ~_umask())  # the usual permissions, not mkstemp's 0600
        try:
            os.replace(tmp, path)
        except OSError as e:
            raise UserError(Problem(str(path), None, f"cannot write the file: {e.strerror or e}")) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_files_atomic(root: str | Path, files: dict[Path, str]) -> None:
    """Write several text files below `root` all or nothing: each is written to a staging
    folder inside `root` first, then renamed into place; if any write or rename fails, the
    files already moved are put back as they were and the error is raised."""
    import shutil

    from .errors import Problem, UserError

    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".boilerbench-staging-", dir=root))
    moved: list[tuple[Path, Path | None]] = []  # (target, its previous content's backup or None)
    made: list[Path] = []  # folders created here, removed again on failure
    try:
        staged = []
        for i, (target, text) in enumerate(files.items()):
            tmp = stage / f"{i}.new"
            tmp.write_text(text, encoding="utf-8")
            os.chmod(tmp, 0o666 & ~_umask())
            staged.append((Path(target), tmp))
        for i, (target, tmp) in enumerate(staged):
            try:
                if target.is_dir():
                    raise IsADirectoryError(21, "is a folder", str(target))
                missing = [p for p in (target.parent, *target.parent.parents) if not p.exists()]
                target.parent.mkdir(parents=True, exist_ok=True)
                made += missing
                backup = None
                if target.exists():
                    backup = stage / f"{i}.old"
                    os.replace(target, backup)
                moved.append((target, backup))
                os.replace(tmp, target)
            except OSError as e:
                raise UserError(Problem(str(target), None, f"cannot write the file: {e.strerror or e}; "
                                                           "nothing was written")) from None
    except BaseException:
        for target, backup in reversed(moved):
            if backup is not None:
                os.replace(backup, target)
            else:
                target.unlink(missing_ok=True)
        for folder in sorted(made, key=lambda f: len(f.parts), reverse=True):  # deepest first
            try:
                folder.rmdir()
            except OSError:
                pass
        raise
    finally:
        shutil.rmtree(stage, ignore_errors=True)


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


def read_json(path: str | Path, what: str, missing: str | None = None, *, fast: bool = False) -> Any:
    """Parse a JSON file; a missing or malformed file is the user's mistake, reported with its path.
    `fast`: parse with orjson where it can (a benchmark's stored outputs are megabytes of text),
    for files whose numbers are never read (orjson reads an integer beyond 64 bits as a float);
    a file it refuses is read again here, for the message."""
    from .errors import NotFoundError, Problem, UserError
    from .jsonl import NOT_FAST, fast_value

    path = Path(path)
    if fast:
        try:
            value = fast_value(path.read_bytes())
        except OSError:
            value = NOT_FAST  # the reading below says what is wrong
        if value is not NOT_FAST:
            return value
    try:
        return json.loads(path.read_text(encoding="utf-8"), parse_constant=_no_constants)
    except FileNotFoundError:
        raise NotFoundError(Problem(str(path), None, missing or f"no such {what} file")) from None
    except (ValueError, UnicodeDecodeError) as e:
        raise UserError(Problem(str(path), None, f"not a valid {what} JSON file: {e}")) from None
    except RecursionError:
        raise UserError(Problem(str(path), None, f"not a valid {what} JSON file: nested too deeply")) from None


CREATED: list[Path] = []
"""Folders `ensure_writable` made in this process: a command that then fails removes them again
while they are still empty (`remove_created_if_empty`), so a refused run leaves nothing behind."""


def remove_created_if_empty() -> None:
    """Remove the folders made for outputs that stayed empty (a failed command's), deepest first.

    >>> remove_created_if_empty()  # nothing made, nothing removed
    """
    for top in reversed(CREATED):
        for folder in sorted((p for p in [top, *top.rglob("*")] if p.is_dir()), key=lambda p: -len(p.parts)):
            try:
                folder.rmdir()  # only succeeds on an empty folder
            except OSError:
                pass
    CREATED.clear()


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
    first_new = next((a for a in reversed([target, *target.parents]) if not a.exists()), None)
    try:
        target.mkdir(parents=True, exist_ok=True)
        if first_new is not None:
            CREATED.append(first_new)
    except OSError as e:
        raise UserError(f"{flag} {path}: cannot create the folder {target}: {e.strerror or e}") from None
    if not os.access(target, os.W_OK | os.X_OK):
        raise UserError(f"{flag} {path}: the folder {target} is not writable")
