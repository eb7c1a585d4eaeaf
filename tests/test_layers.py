"""Layers import downward only: core <- evaluate <- baselines <- commands (and the package's public
face). Every module of src/boilerbench, evaluate/ and baselines/ is given its layer here, so a new
module must be placed; each `import` (found with `ast`, lazy imports inside functions included) may
only reach its own layer or one below."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

LAYERS = ("core", "evaluate", "baselines", "commands")

CORE = {  # documents, their formats and I/O, tokens, and what needs nothing of the scorer
    "agreement", "atomic", "corpus", "document", "document_structure", "errors", "flags", "html_render", "hub",
    "importing", "jsonl", "labels", "labelstudio", "loader", "paths", "prediction", "schema", "schemas",
    "source_format", "stats", "tables", "tokenize", "validation", "version",
}
TOP = {"", "cli", "testing"}  # the package's face (boilerbench/__init__ attaches the public API lazily), the CLI
# and the pytest helper: they may reach any layer


def layer_of(module: str) -> str:
    """`module` is a dotted name below `boilerbench` ("" for the package itself)."""
    head = module.split(".")[0]
    if head in ("evaluate", "baselines", "commands"):
        return head
    if head in CORE:
        return "core"
    if module in TOP:
        return "commands"
    raise AssertionError(f"boilerbench.{module} has no layer: add it to tests/test_layers.py")


def modules() -> dict[str, Path]:
    out = {}
    for folder, prefix in ((ROOT / "src" / "boilerbench", ""), (ROOT / "evaluate", "evaluate."),
                           (ROOT / "baselines", "baselines.")):
        for path in folder.rglob("*.py"):
            parts = path.relative_to(folder).with_suffix("").parts
            name = prefix + ".".join(p for p in parts if p != "__init__")
            out[name.rstrip(".")] = path
    return out


def imports_of(name: str, path: Path) -> set[str]:
    """Every boilerbench module `name` imports, as dotted names below `boilerbench`."""
    package = name.split(".")[:-1] if path.name != "__init__.py" else name.split(".") if name else []
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            node.body = []  # names for type checkers only: no import at run time
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                targets = [".".join(["boilerbench", *base, *([node.module] if node.module else [])])]
            else:
                targets = [node.module or ""]
            if targets[0] in ("boilerbench", "boilerbench.evaluate", "boilerbench.baselines", "boilerbench.commands"):
                known = {f"boilerbench.{m}".rstrip(".") for m in modules()}  # a submodule, or a name of the package
                targets = [f"{targets[0]}.{a.name}" if f"{targets[0]}.{a.name}" in known else targets[0]
                           for a in node.names]
        for t in targets:
            if t == "boilerbench" or t.startswith("boilerbench."):
                found.add(t.removeprefix("boilerbench").lstrip("."))
    return found


def test_every_module_has_a_layer():
    for name in modules():
        assert layer_of(name) in LAYERS


def test_no_module_imports_an_upper_layer():
    upward = []
    for name, path in sorted(modules().items()):
        mine = LAYERS.index(layer_of(name))
        for target in sorted(imports_of(name, path)):
            if LAYERS.index(layer_of(target)) > mine:
                upward.append(f"boilerbench.{name} ({layer_of(name)}) imports "
                              f"boilerbench.{target} ({layer_of(target)})")
    assert upward == []


def test_the_checker_sees_lazy_and_relative_imports(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("from typing import TYPE_CHECKING\nfrom .ranking import rank\n"
                     "def f():\n    from boilerbench.baselines.registry import available\n"
                     "if TYPE_CHECKING:\n    from boilerbench.commands import run\n")
    assert imports_of("evaluate.probe", probe) == {"evaluate.ranking", "baselines.registry"}


def test_no_layer_reaches_into_another_packages_private_names():
    """A module may use the `_private` names of its own package only (baselines once read
    `evaluate.predictions._from_json`)."""
    reached = []
    for name, path in sorted(modules().items()):
        mine = name.split(".")[0] if name.split(".")[0] in ("evaluate", "baselines", "commands") else "core"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("boilerbench"):
                theirs = (node.module or "").split(".")[1] if "." in (node.module or "") else "core"
                theirs = theirs if theirs in ("evaluate", "baselines", "commands") else "core"
                reached += [f"{name} imports {node.module}.{a.name}" for a in node.names
                            if a.name.startswith("_") and not a.name.startswith("__") and theirs != mine]
    assert reached == []
