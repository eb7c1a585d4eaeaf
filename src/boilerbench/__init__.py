"""boilerbench: an annotated corpus and benchmark for boilerplate removal in page text dumps."""

from __future__ import annotations

from pathlib import Path as _Path

from .document import Document, Line, Span, Token
from .errors import Problem, UserError
from .labels import LABELS
from .loader import fingerprint, load_corpus

# In a wheel, evaluate/, baselines/, corpus/ and schema/ are folders of this package. In a
# source checkout they sit at the top of the repository, beside src/, and have no __init__.py
# (so that `import evaluate` from the root can never shadow Hugging Face's library); setuptools'
# editable finder cannot map such nested namespace folders, so the checkout adds its root here.
_checkout = _Path(__file__).resolve().parents[2]
if (_checkout / "pyproject.toml").is_file() and (_checkout / "evaluate").is_dir():
    __path__.append(str(_checkout))  # noqa: F821 - the package's own __path__

__version__ = "0.1.0"

# evaluate/ has no __init__.py (see above), so the public names of boilerbench.evaluate are
# attached to that namespace package on first use, as a module-level __getattr__ (PEP 562).
_EVALUATE_API = {
    "score": "scoring", "compare": "compare", "Results": "results", "read_results": "results",
    "write_results": "results", "results_markdown": "results", "Prediction": "predictions",
    "read_predictions": "predictions", "write_predictions": "predictions",
    "precision_recall_fscore_support": "metrics", "prf_from_counts": "metrics", "align": "align",
}


def _attach_api(namespace: str, api: dict[str, str]) -> None:
    import importlib
    import sys

    module = importlib.import_module(namespace)

    def __getattr__(name: str):
        if name in api:
            value = getattr(importlib.import_module(f"{namespace}.{api[name]}"), name)
            setattr(module, name, value)
            return value
        raise AttributeError(f"module {namespace!r} has no attribute {name!r}")

    module.__getattr__ = __getattr__
    module.__all__ = sorted(api)
    sys.modules[namespace] = module


_attach_api("boilerbench.evaluate", _EVALUATE_API)

__all__ = [
    "LABELS", "Document", "Line", "Problem", "Span", "Token", "UserError", "fingerprint", "load_corpus",
    "__version__",
]
