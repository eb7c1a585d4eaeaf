"""Run mypy as configured in pyproject.toml ([tool.mypy]) on the package as a wheel lays it out.

In the checkout, evaluate/ and baselines/ sit beside src/ (so that a top-level `import evaluate`
never shadows Hugging Face's library) and join the package only at run time; mypy cannot follow
that. This builds boilerbench/ in a temporary folder from symlinks (src/boilerbench's files, plus
evaluate/ and baselines/ inside it) and runs mypy there. Exits with mypy's status.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        package = Path(tmp) / "boilerbench"
        package.mkdir()
        for item in (ROOT / "src" / "boilerbench").iterdir():
            if item.name != "__pycache__":
                (package / item.name).symlink_to(item)
        for name in ("evaluate", "baselines", "corpus", "schema"):
            (package / name).symlink_to(ROOT / name)
        return subprocess.call([sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
                                "--cache-dir", str(Path(tmp) / ".mypy_cache")], cwd=tmp)


if __name__ == "__main__":
    sys.exit(main())
