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

__all__ = [
    "LABELS", "Document", "Line", "Problem", "Span", "Token", "UserError", "fingerprint", "load_corpus",
    "__version__",
]
