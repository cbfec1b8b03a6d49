"""The layout's rules, read from the source: what the wheel installs and which way imports go."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from setuptools import find_packages

ROOT = Path(__file__).resolve().parents[1]
INSTALLED = ("config", "articles", "claims")
TRAINING_ONLY = {"training", "sklearn", "torch", "transformers", "onnx"}


def imports(path: Path, *, module_level_only: bool = False) -> set[str]:
    """Top-level names of the modules `path` imports (at module level only, if asked)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if module_level_only else ast.walk(tree)
    names = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def sources(*packages: str) -> list[Path]:
    return sorted(p for package in packages for p in (ROOT / package).rglob("*.py"))


def test_the_wheel_installs_the_app_and_leaves_training_out():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    include = config["tool"]["setuptools"]["packages"]["find"]["include"]
    packages = set(find_packages(where=ROOT, include=include))
    assert {"claims.admin", "claims.extraction", "articles", "config"} <= packages
    assert not {p for p in packages if p.split(".")[0] in {"training", "tests", "benchmarks"}}


def test_nothing_installed_imports_training_code_when_it_is_imported():
    loaded = {
        str(path.relative_to(ROOT)): found
        for path in sources(*INSTALLED)
        if (found := imports(path, module_level_only=True) & TRAINING_ONLY)
    }
    assert loaded == {}


def test_only_the_train_and_evaluate_commands_reach_for_training_and_only_when_run():
    users = {path.name for path in sources(*INSTALLED) if "training" in imports(path)}
    assert users == {"train_checkworthiness.py", "evaluate_checkworthiness.py"}


def test_articles_imports_nothing_from_claims():
    reaching_back = [
        str(p.relative_to(ROOT)) for p in sources("articles") if "claims" in imports(p)
    ]
    assert reaching_back == []


def test_the_extraction_pipeline_imports_neither_django_nor_the_apps():
    impure = {
        str(path.relative_to(ROOT)): found
        for path in sources("claims/extraction")
        if (found := imports(path) & {"django", "rest_framework", "articles", "config"})
    }
    assert impure == {}
