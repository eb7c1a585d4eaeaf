"""An extractor that is an external command: the document text goes to its stdin, the extracted
body comes back on its stdout. It runs without a shell, with a per-document timeout."""

from __future__ import annotations

import shlex
import subprocess

from boilerbench.document import Document

INTERPRETERS = ("python", "python3", "node", "ruby", "perl", "sh", "bash", "java", "deno", "bun", "uv", "uvx")


def default_name(argv: list[str]) -> str:
    """A command's name when --name is not given: the program, or for an interpreter the script
    or module it runs (`python my_extractor.py` is `my_extractor`, `python -m pkg.cli` is `pkg.cli`)."""
    import re

    program = argv[0].rsplit("/", 1)[-1]
    if re.sub(r"[\d.]+$", "", program) in INTERPRETERS:
        rest = argv[1:]
        for k, arg in enumerate(rest):
            if arg == "-m" and k + 1 < len(rest):
                return rest[k + 1]
            if not arg.startswith("-"):
                return arg.rsplit("/", 1)[-1].rsplit(".", 1)[0] or program
    return program


class CommandExtractor:
    input = "text"

    def __init__(self, command: str, timeout: float = 30.0, name: str | None = None, version: str | None = None):
        self.argv = shlex.split(command)
        if not self.argv:
            raise ValueError("--command needs a command to run")
        self.name = name or default_name(self.argv)
        self.version = version or "command"
        self.timeout = timeout

    def extract(self, document: Document) -> str:
        try:
            done = subprocess.run(self.argv, input=(document.text + "\n").encode("utf-8"), capture_output=True,
                                  timeout=self.timeout, check=False)
        except subprocess.TimeoutExpired:
            raise TimeoutError(f"the command did not finish within {self.timeout:g} s") from None
        except OSError as e:
            raise RuntimeError(f"cannot run {self.argv[0]!r}: {e.strerror}") from None
        if done.returncode != 0:
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise RuntimeError(f"the command exited with status {done.returncode}: {tail[0][:200]}")
        try:
            return done.stdout.decode("utf-8")
        except UnicodeDecodeError:
            raise ValueError("the command's output is not valid UTF-8") from None
