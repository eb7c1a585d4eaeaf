"""Finding extractors: the bundled baselines, third-party plugins, `module:attr` and commands.

Third-party packages register under the entry-point group `boilerbench.extractors`, as pytest
plugins do under `pytest11`:

    [project.entry-points."boilerbench.extractors"]
    my-extractor = "my_package.module:MyExtractor"

The target is an extractor object, or a class or factory called with no arguments to make one.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from importlib.metadata import entry_points

from boilerbench.document import Document
from boilerbench.errors import UserError

from .catalog import CATALOG
from .interface import Extractor, unlabelled

GROUP = "boilerbench.extractors"

BUILTINS: dict[str, str] = {a.name: a.target for a in CATALOG if a.input == "text"}
"""The bundled line baselines (from `catalog.CATALOG`): name -> 'module:attr'."""
HTML_EXTRACTORS: dict[str, str] = {a.name: a.target for a in CATALOG if a.input == "html"}
"""The bundled HTML extractors, named explicitly (they need page sources)."""
DETERMINISTIC: tuple[str, ...] = tuple(a.name for a in CATALOG if a.gated)
"""The gated extractors (`.ci/baseline.json`, the README block, the Hub card)."""


def available() -> dict[str, str]:
    """Every registered extractor: name -> 'module:attr'. Plugins cannot replace a builtin."""
    found = {ep.name: ep.value for ep in entry_points(group=GROUP)}
    return {**found, **HTML_EXTRACTORS, **BUILTINS}


def _resolve(target: str, what: str):
    module_name, _, attr = target.partition(":")
    if not module_name or not attr:
        raise UserError(f"{what}: {target!r} is not of the form 'module:attr'")
    if module_name.startswith(".") or "/" in module_name or "\\" in module_name or module_name.endswith(".py"):
        raise UserError(f"{what}: {module_name!r} is a path; give a module name, as `python -m` takes one "
                        f"(my_extractor:extract for ./my_extractor.py)")
    try:
        obj = importlib.import_module(module_name)
    except ImportError as e:
        raise UserError(f"{what}: cannot import {module_name!r}: {e}") from None
    for part in attr.split("."):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            raise UserError(f"{what}: {module_name!r} has no attribute {attr!r}") from None
    return obj


EXPECTED = ("expected an extractor object (with name, version and extract(document)), a class or a function "
            "of no arguments that makes one, or a function extract(document) returning the body text, line "
            "labels or a Prediction")


def load_extractor(spec: str) -> Extractor:
    """An extractor by registered name or 'module:attr'. A `module:attr` is imported as `python -m`
    would: the current folder comes first on the path. A plain function of one argument is an
    extract function: wrapped, named after the function, version "unknown"."""
    registry = available()
    target = registry.get(spec)
    if target is None and ":" not in spec:
        import difflib

        close = difflib.get_close_matches(spec, list(registry), n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise UserError(f"unknown extractor {spec!r}; {hint}registered: {', '.join(sorted(registry))} "
                        "(or give module:attr, or --command)")
    if target is None:
        _cwd_on_path()
    obj = _resolve(target or spec, f"extractor {spec!r}")
    if not isinstance(obj, type) and callable(obj) and not hasattr(obj, "extract"):
        required = _required_arguments(obj)
        if required == 1:
            from .interface import FunctionExtractor

            return FunctionExtractor(obj)
        if required not in (0, None):
            raise UserError(f"extractor {spec!r} is a function of {required} arguments; {EXPECTED}")
    if isinstance(obj, type) or (callable(obj) and not hasattr(obj, "extract")):
        try:
            obj = obj()
        except Exception as e:
            raise UserError(f"extractor {spec!r}: creating it failed: {type(e).__name__}: {e}") from None
    if not all(hasattr(obj, a) for a in ("name", "version", "extract")):
        raise UserError(f"extractor {spec!r} has no name, version and extract(document); {EXPECTED}")
    return obj


def _cwd_on_path() -> None:
    import os
    import sys

    cwd = os.getcwd()
    if "" not in sys.path and cwd not in sys.path:
        sys.path.insert(0, cwd)


def _required_arguments(fn) -> int | None:
    """How many arguments a callable needs (None when it cannot be told)."""
    import inspect

    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return None
    return sum(1 for p in params if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD))


def is_plugin(name: str) -> bool:
    """An extractor registered by an installed package (not bundled): it runs only when named."""
    return name in available() and name not in BUILTINS and name not in HTML_EXTRACTORS


def learns(extractor) -> bool:
    """Whether an extractor fits on labelled documents (it has a `fit` of its own, not the
    no-op of `Baseline`)."""
    from .interface import Baseline

    fit = getattr(type(extractor), "fit", None) or getattr(extractor, "fit", None)
    return fit is not None and fit is not Baseline.fit


def ready(extractor, corpus: Sequence[Document], documents: Sequence[Document]):
    """Fit an extractor on the corpus's train split (and let it tune on train plus validation),
    then let it see the unlabelled documents it is about to extract. The test split never
    reaches `fit`."""
    train = [d for d in corpus if d.split == "train"]
    tuning = [d for d in corpus if d.split in ("train", "validation")]
    fit = getattr(extractor, "fit", None)
    if fit is not None:
        try:
            if _accepts_tuning(fit):
                fit(train, tuning)
            else:
                fit(train)
        except UserError:
            raise
        except Exception as e:  # noqa: BLE001 - a plugin's failure, isolated by the caller
            raise PreparationFailed("fit()", e) from e
    prepare = getattr(extractor, "prepare", None)
    if prepare is not None:
        try:
            prepare([unlabelled(d) for d in documents])
        except UserError:
            raise
        except Exception as e:  # noqa: BLE001
            raise PreparationFailed("prepare()", e) from e
    return extractor


class PreparationFailed(Exception):
    """An extractor's fit() or prepare() raised: the run records it as every document's failure
    (as a failing extract() is recorded for its document) and goes on."""

    def __init__(self, stage: str, error: BaseException):
        from .runner import failure_text

        self.stage = stage
        self.error = error
        self.failure = failure_text(error, stage)
        super().__init__(self.failure.splitlines()[0])


def _accepts_tuning(fit) -> bool:
    import inspect

    try:
        return len(inspect.signature(fit).parameters) >= 2
    except (TypeError, ValueError):
        return False
