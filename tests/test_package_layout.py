"""The repository layout must never shadow Hugging Face's `evaluate` (or any installed
`baselines`) when Python runs from the repository root."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

PROBE = """
import importlib.util, json, sys
sys.path.insert(0, {root!r})  # as pytest's rootdir insertion and `python -m` do
spec = importlib.util.find_spec("evaluate")
print(json.dumps([spec.origin, list(spec.submodule_search_locations or [])] if spec else None))
"""


@pytest.mark.parametrize("argv", [["-c"], ["-I", "-c"]], ids=["cwd-on-path", "isolated"])
def test_top_level_evaluate_is_hugging_face_not_ours(argv):
    import json

    out = subprocess.run([sys.executable, *argv, PROBE.format(root=str(ROOT))], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    found = json.loads(out)
    assert found is not None, "Hugging Face's evaluate is a test dependency and should be installed"
    origin, locations = found
    ours = str(ROOT / "evaluate")  # a .venv inside the clone is fine; our evaluate/ folder is not
    assert origin and not origin.startswith(ours), origin
    assert all(not loc.startswith(ours) for loc in locations), locations


@pytest.mark.parametrize("folder", ["evaluate", "baselines"])
def test_code_folders_are_not_regular_packages(folder):
    assert not list((ROOT / folder).glob("__init__.*")), f"{folder}/__init__ would shadow an installed package"


def test_no_root_conftest():
    assert not (ROOT / "conftest.py").exists()


def test_subpackages_import_as_boilerbench():
    import boilerbench.baselines
    import boilerbench.evaluate

    assert boilerbench.evaluate.__name__ == "boilerbench.evaluate"
    assert boilerbench.baselines.__name__ == "boilerbench.baselines"
