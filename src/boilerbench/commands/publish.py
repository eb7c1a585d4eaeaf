"""Publish the corpus to the Hugging Face Hub: export it as `boilerbench export` does (the same
folder and the same card, with the same flags) or take a folder already exported with --folder,
create the dataset repository and upload the folder through huggingface_hub. The token comes
from HF_TOKEN or the login cache and is never printed. --dry-run lists the files and sizes."""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

from ..errors import UserError
from .export import add_export_arguments, check_export_flags, export_folder


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--repo-id", required=True, help="ORG/NAME of the dataset repository")
    p.add_argument("--private", action="store_true")
    p.add_argument("--revision", default=None, help="branch to upload to (created if missing)")
    p.add_argument("--dry-run", action="store_true", help="list the files and sizes, upload nothing")
    p.add_argument("--folder", default=None, help="an already exported folder (default: export now, with the "
                   "flags below)")
    add_export_arguments(p)


def run(args: argparse.Namespace) -> int:
    from ..hub.publish import publish
    from ..hub.read import is_exported

    if not re.fullmatch(r"[\w.-]+/[\w.-]+", args.repo_id):
        raise UserError(f"--repo-id {args.repo_id!r} is not of the form ORG/NAME")
    check_export_flags(args)
    with tempfile.TemporaryDirectory() as tmp:
        if args.folder:
            folder = Path(args.folder)
            if not is_exported(folder):
                raise UserError(f"{folder}: not an exported folder (no data/*.parquet); run boilerbench export")
        else:
            folder = Path(tmp) / "export"
            export_folder(args, folder, repo_id=args.repo_id)
        print(publish(folder, args.repo_id, private=args.private, revision=args.revision, dry_run=args.dry_run),
              end="")
    return 0
