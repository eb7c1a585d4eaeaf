"""List the registered extractors: the bundled baselines (the default leaderboard), the HTML
extractors and installed plugins (these two run only when named: --extractor NAME)."""

from __future__ import annotations

import argparse


def add_arguments(p: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    from boilerbench.baselines.registry import BUILTINS, HTML_EXTRACTORS, available, load_extractor

    for name, target in sorted(available().items()):
        ext = load_extractor(name)
        origin = "builtin" if name in BUILTINS else "html" if name in HTML_EXTRACTORS else "plugin"
        print(f"{name:17s} {str(ext.version):8s} {getattr(ext, 'input', 'text'):5s} {origin:8s} {target}")
    print("\nThe default leaderboard runs the builtin ones; html and plugin extractors run when named "
          "(--extractor NAME).")
    return 0
