"""The `boilerbench` command. Each subcommand is a module with `add_arguments` and `run`;
later ones plug in by being added to COMMANDS."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from .errors import UserError

# name -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("boilerbench.commands.validate", "check documents and report every problem"),
    "stats": ("boilerbench.commands.stats", "documents, lines and tokens per split, publisher, language, label"),
    "show": ("boilerbench.commands.show", "print a document with its labels"),
    "diff": ("boilerbench.commands.diff", "show one document's gold and predicted labels side by side"),
    "score": ("boilerbench.commands.score", "score a predictions file against the gold labels"),
    "run": ("boilerbench.commands.run", "run an extractor over the corpus and write predictions"),
    "leaderboard": ("boilerbench.commands.leaderboard", "run, score and rank extractors; the CI gate with --check"),
    "check": ("boilerbench.commands.check", "gate results against a baseline of tracked metrics"),
    "export": ("boilerbench.commands.export", "export the corpus as a Hugging Face dataset folder"),
    "publish": ("boilerbench.commands.publish", "upload the exported corpus to the Hugging Face Hub"),
    "import": ("boilerbench.commands.import_pages", "import HTML pages with gold bodies (e.g. the AEB pages)"),
    "labelstudio": ("boilerbench.commands.labelstudio", "Label Studio config, task export and annotation import"),
    "extractors": ("boilerbench.commands.extractors", "list the registered extractors"),
    "tune": ("boilerbench.commands.tune", "show how a baseline's parameters were chosen"),
    "agreement": ("boilerbench.commands.agreement", "inter-annotator agreement with the second pass"),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser; with `only`, every command is listed but only that one's module is
    imported and its arguments added (a command never reads another's: each import saved is
    startup time, e.g. 0.15 s for `import`'s page importers)."""
    from . import __version__

    parser = argparse.ArgumentParser(prog="boilerbench", description="Benchmark boilerplate removal on "
                                     "plain-text page dumps.")
    parser.add_argument("--version", action="version", version=f"boilerbench {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (module_name, help_text) in COMMANDS.items():
        if only is not None and name != only:
            sub.add_parser(name, help=help_text)
            continue
        module = importlib.import_module(module_name)
        p = sub.add_parser(name, help=help_text, description=module.__doc__)
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    command = next((a for a in given if not a.startswith("-")), None)
    parser = build_parser(command if command in COMMANDS else None)
    try:
        args = parser.parse_args(given)
    except SystemExit as e:  # --help (0), or a bad flag, which argparse has named: exit 1 as every user error
        return 0 if e.code in (0, None) else 1
    from .atomic import CREATED, remove_created_if_empty

    CREATED.clear()  # only this command's folders are ever removed
    succeeded = False
    try:
        code = int(args._run(args) or 0)
        succeeded = code == 0
        return code
    except UserError as e:
        for problem in e.problems:
            print(problem, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly (before OSError, its base)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as e:  # a file the user named cannot be read or written: say which, no traceback
        where = f"{e.filename}: " if getattr(e, "filename", None) else ""
        print(f"boilerbench: {where}{e.strerror or e}", file=sys.stderr)
        return 1
    finally:
        if not succeeded:  # a failed command leaves no empty output folder behind
            remove_created_if_empty()


if __name__ == "__main__":
    sys.exit(main())
