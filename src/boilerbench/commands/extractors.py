"""List the registered extractors: the bundled baselines (the default leaderboard, with their
version, the input they read, whether the gate checks them, where their parameters come from and
what they reimplement), the HTML extractors and installed plugins (these two run only when named:
--extractor NAME)."""

from __future__ import annotations

import argparse


def add_arguments(p: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    from boilerbench.baselines.catalog import BY_NAME
    from boilerbench.baselines.registry import available, load_extractor

    from ..tables import text_table

    rows = []
    order = list(BY_NAME)
    for name, target in sorted(available().items(), key=lambda item: (order.index(item[0]) if item[0] in BY_NAME
                                                                         else len(order), item[0])):
        ext = load_extractor(name)
        about = BY_NAME.get(name)
        if about is None:
            rows.append([name, str(ext.version), getattr(ext, "input", "text"), "plugin", f"plugin: {target}", "–"])
        else:
            rows.append([name, str(ext.version), about.input, "yes" if about.gated else "no", about.parameters,
                         about.reference])
    print(text_table(["name", "version", "input", "gated", "parameters from", "reference"], rows, "llllll"), end="")
    print("\nThe default leaderboard runs the gated ones; html and plugin extractors run when named "
          "(--extractor NAME).")
    return 0
