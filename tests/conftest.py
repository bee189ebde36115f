"""Shared fixtures: where the read-only reference data next to the repository lives.

``../shared`` exists in the project's CI and work tree but not in a user's clone, so every fixture
skips (with the reason) instead of failing when it is absent.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, settings

# Property tests (tests/test_properties.py): a bounded, derandomized profile by default, so that
# CI is repeatable and quick; HYPOTHESIS_PROFILE=long runs many more random examples.
settings.register_profile(
    "ci", max_examples=150, derandomize=True, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "long", max_examples=5000, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# The tests read termkit's English messages: a developer's French or Chinese locale must not
# change them (tests/test_i18n.py sets the languages it tests).
os.environ["TERMKIT_LANG"] = "en"

SHARED = Path(__file__).resolve().parents[2] / "shared"
BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _existing(path: Path) -> Path:
    if not path.is_dir():
        pytest.skip(f"../shared is absent: {path} not found (only the project's CI has it)")
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` next to the repository, or skip the test."""
    return _existing(SHARED)


@pytest.fixture(scope="session")
def reference_dir(shared_dir: Path) -> Path:
    """``../shared/reference`` (facts and test data), or skip the test."""
    return _existing(shared_dir / "reference")


@pytest.fixture(scope="session")
def samples_dir(shared_dir: Path) -> Path:
    """``../shared/samples`` (real meeting reports), or skip the test."""
    return _existing(shared_dir / "samples")


@pytest.fixture(autouse=True, scope="session")
def _private_termbase_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the tests' compiled termbases out of the user's cache directory."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TERMKIT_CACHE_DIR", str(tmp_path_factory.mktemp("termkit-cache")))
        yield


def load_benchmark(name: str) -> ModuleType:
    """A script of ``benchmarks/`` (not a package) imported as the module ``name``."""
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up while the file executes
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def benchmark_script() -> Callable[[str], ModuleType]:
    """Loads a script of ``benchmarks/`` by name (``abbrev_score``), for tests of the scorers."""
    return load_benchmark
