"""Errors a user can meet, each carrying where it happened (file and line, or document)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, reported as `where:line: message`."""

    where: str
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.where}: {self.message}"
        return f"{self.where}:{self.line}: {self.message}"


class UserError(ValueError):
    """A mistake in the user's input: the CLI prints it without a traceback and exits non-zero.
    In Python it is a `ValueError`, as a library user expects of bad input."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem("boilerbench", None, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class NotFoundError(UserError, FileNotFoundError):
    """A file or folder the user named does not exist: both a `UserError` (the CLI prints it) and
    a `FileNotFoundError` (what Python code catches)."""

    def __init__(self, problems: list[Problem] | Problem | str):
        super().__init__(problems)
        first = self.problems[0]
        self.filename = first.where if first.where != "boilerbench" else None

    def __str__(self) -> str:  # OSError's form ("[Errno None] ...") says less than the problems do
        return "\n".join(str(p) for p in self.problems)
