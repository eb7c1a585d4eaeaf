"""List the registered extractors: the bundled baselines and installed plugins."""

from __future__ import annotations

import argparse


def add_arguments(p: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    from boilerbench.baselines.registry import BUILTINS, available, load_extractor

    for name, target in sorted(available().items()):
        ext = load_extractor(name)
        origin = "builtin" if name in BUILTINS else "plugin"
        print(f"{name:12s} {str(ext.version):8s} {getattr(ext, 'input', 'text'):5s} {origin:8s} {target}")
    return 0
