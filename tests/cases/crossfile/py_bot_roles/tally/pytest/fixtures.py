"""pytest fixtures shipped inside the package for its plugins' tests."""
import shutil

import pytest


@pytest.fixture
async def scores_dir(tmp_path):
    shutil.copytree("data/scores", tmp_path / "scores")  # ok: test code
    yield tmp_path / "scores"
