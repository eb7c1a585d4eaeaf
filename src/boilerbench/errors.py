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


class UserError(Exception):
    """A mistake in the user's input: the CLI prints it without a traceback and exits non-zero."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem("boilerbench", None, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
