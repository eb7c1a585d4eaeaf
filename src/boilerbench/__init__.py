"""boilerbench: an annotated corpus and benchmark for boilerplate removal in page text dumps.

The public API, importable from here and from `boilerbench.evaluate`:

- `load_corpus`, `Document`: the documents (the bundled corpus by default);
- `Prediction`: what an extractor says about one document;
- `score` -> `Results`, and `compare` (a paired bootstrap of two results);
- `leaderboard`: run extractors, score them and rank them on each track;
- `check`: the regression gate against a baseline file.

`import boilerbench` stays cheap: the scorer (numpy) and the baselines load on first use.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path as _Path
from typing import TYPE_CHECKING, Any

from .document import Document, Line, Span, Token, fingerprint
from .errors import NotFoundError, Problem, UserError
from .labels import LABELS
from .loader import load_corpus
from .prediction import Prediction
from .version import __version__

# In a wheel, evaluate/, baselines/, corpus/ and schema/ are folders of this package. In a
# source checkout they sit at the top of the repository, beside src/, and have no __init__.py
# (so that `import evaluate` from the root can never shadow Hugging Face's library); setuptools'
# editable finder cannot map such nested namespace folders, so the checkout adds its root here.
_checkout = _Path(__file__).resolve().parents[2]
if (_checkout / "pyproject.toml").is_file() and (_checkout / "evaluate").is_dir():
    __path__.append(str(_checkout))  # noqa: F821 - the package's own __path__



# Public names that load on first use (PEP 562): name -> the module that defines it.
_LAZY = {
    "score": "boilerbench.evaluate.scoring",
    "compare": "boilerbench.evaluate.comparison",
    "Results": "boilerbench.evaluate.results",
    "check": "boilerbench.evaluate.gate",
    "leaderboard": "boilerbench.baselines.benchmark",
}
# boilerbench.evaluate has no __init__.py (see above): its public names are attached to that
# namespace package here.
_EVALUATE_API = {
    **_LAZY,
    "Prediction": "boilerbench.prediction", "load_corpus": "boilerbench.loader", "Document": "boilerbench.document",
    "read_results": "boilerbench.evaluate.results_json", "write_results": "boilerbench.evaluate.results_json",
    "results_markdown": "boilerbench.evaluate.report",
    "read_predictions": "boilerbench.evaluate.predictions", "write_predictions": "boilerbench.evaluate.predictions",
    "prf_from_counts": "boilerbench.evaluate.metrics",
    "UndefinedMetricWarning": "boilerbench.evaluate.metrics",
}


def _attach_api(namespace: str, api: dict[str, str]) -> None:
    module = importlib.import_module(namespace)

    def __getattr__(name: str) -> Any:
        if name in api:
            value = getattr(importlib.import_module(api[name]), name)
            setattr(module, name, value)
            return value
        raise AttributeError(f"module {namespace!r} has no attribute {name!r}")

    module.__getattr__ = __getattr__  # type: ignore[method-assign]
    setattr(module, "__all__", sorted(api))  # noqa: B010 - a namespace module mypy cannot see into
    sys.modules[namespace] = module


_attach_api("boilerbench.evaluate", _EVALUATE_API)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'boilerbench' has no attribute {name!r}")


if TYPE_CHECKING:  # what the lazy names are, for type checkers and editors
    from boilerbench.baselines.benchmark import leaderboard
    from boilerbench.evaluate.comparison import compare
    from boilerbench.evaluate.gate import check
    from boilerbench.evaluate.results import Results
    from boilerbench.evaluate.scoring import score

__all__ = [
    "LABELS", "Document", "Line", "NotFoundError", "Prediction", "Problem", "Results", "Span", "Token", "UserError",
    "check", "compare", "fingerprint", "leaderboard", "load_corpus", "score", "__version__",
]
