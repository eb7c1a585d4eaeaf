"""examples/github-actions.yml works: it installs boilerbench from its repository, every
`boilerbench` command in it parses with the real CLI parser, and every path those commands read
exists in this repository or is written by a command before it."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml
from conftest import ROOT

from boilerbench.cli import build_parser

WORKFLOW = ROOT / "examples" / "github-actions.yml"
READS = ("predictions", "corpus", "check", "baseline", "readme", "results", "train_corpus")
WRITES = ("output", "out", "junit")


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps() -> list[dict]:
    return [s for job in workflow()["jobs"].values() for s in job["steps"]]


def commands(text: str) -> list[list[str]]:
    """The `boilerbench ...` commands of a shell script (or of comment lines), continuations joined."""
    joined = re.sub(r"\\\n\s*", " ", text)
    out = []
    for line in joined.splitlines():
        line = line.strip().lstrip("#").strip()
        if line.startswith("boilerbench "):
            out.append(shlex.split(line))
    return out


def setup_commands() -> list[list[str]]:
    """The commands the header comment tells a user to run once (they create the baseline): its
    indented lines."""
    return commands("\n".join(ln for ln in WORKFLOW.read_text().splitlines() if re.match(r"#\s{2,}\S", ln)))


def run_commands() -> list[list[str]]:
    return [c for s in steps() if "run" in s for c in commands(s["run"])]


def test_every_boilerbench_command_parses_with_the_real_cli():
    parser = build_parser()
    found = setup_commands() + run_commands()
    assert len(run_commands()) >= 2 and {c[1] for c in found} >= {"run", "leaderboard"}
    for argv in found:
        parser.parse_args(argv[1:])  # argparse exits (and the test fails) on an unknown command or flag


def test_every_path_it_reads_exists_or_is_written_before():
    parser = build_parser()
    written: set[str] = set()
    for argv in setup_commands() + run_commands():
        args = parser.parse_args(argv[1:])
        for dest in READS:
            value = getattr(args, dest, None)
            for path in value if isinstance(value, list) else [value] if value else []:
                if dest == "check" and getattr(args, "update", False):
                    continue  # --check BASELINE --update creates it
                assert path in written or (ROOT / path).exists(), f"{' '.join(argv)}: nothing makes {path}"
        for dest in WRITES + (("check",) if getattr(args, "update", False) else ()):
            if getattr(args, dest, None):
                written.add(getattr(args, dest))
    assert "boilerbench-baseline.json" in written  # the baseline comes from the commented set-up


def test_it_installs_boilerbench_from_its_repository_not_the_package_index():
    checkout = next(s for s in steps() if s.get("with", {}).get("repository"))
    folder = checkout["with"]["path"]
    assert checkout["uses"].startswith("actions/checkout@")
    installs = [ln.strip() for s in steps() if "run" in s for ln in s["run"].splitlines()
                if ln.strip().startswith("pip install")]
    assert f"pip install ./{folder}" in installs
    assert all(re.fullmatch(r"pip install (\.|\./\S+|--upgrade pip)", ln) for ln in installs), installs
    assert (ROOT / "pyproject.toml").exists() and 'name = "boilerbench"' in (ROOT / "pyproject.toml").read_text()
    uploads = [s for s in steps() if s.get("uses", "").startswith("actions/upload-artifact")]
    assert uploads and all(Path(s["with"]["path"]).as_posix().rstrip("/") == "results" for s in uploads)
