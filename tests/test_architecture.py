"""The import rules of docs/architecture.md, checked on the source."""

from __future__ import annotations

import ast
import re
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DOC = BASE_DIR / "docs" / "architecture.md"
ROW = re.compile(r"^\|\s*([a-z_]+)\s*\|\s*([^|]*?)\s*\|$")


def allowed_imports() -> dict[str, set[str] | None]:
    """app -> the apps it may import (None: every app), from the document's table."""
    rules = {}
    for line in DOC.read_text().splitlines():
        match = ROW.match(line.strip())
        if not match or match.group(1) == "app":
            continue
        app, targets = match.groups()
        if targets == "every app":
            rules[app] = None
        else:
            rules[app] = {t.strip() for t in targets.split(",") if t.strip() not in {"", "—"}}
    return rules


def project_apps() -> set[str]:
    apps = {path.parent.name for path in BASE_DIR.glob("*/apps.py")}
    return apps | {"cluster_portal"}


def imported_apps(path: Path, apps: set[str]) -> list[tuple[str, int]]:
    """First-party apps a module imports, anywhere in it, with the line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found.extend((name.split(".")[0], node.lineno) for name in names if name.split(".")[0] in apps)
    return found


def violations(rules, apps, base_dir: Path = BASE_DIR) -> list[str]:
    problems = []
    for app in sorted(apps):
        may = rules.get(app, set())
        for path in sorted((base_dir / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for target, line in imported_apps(path, apps):
                if target != app and may is not None and target not in may:
                    problems.append(f"{path.relative_to(base_dir)}:{line} imports {target}")
    return problems


def test_architecture_document_lists_every_app():
    rules = allowed_imports()

    assert project_apps() - set(rules) == set()
    assert rules["core"] == set()


def test_apps_import_only_what_the_architecture_document_allows():
    assert violations(allowed_imports(), project_apps()) == []


def test_architecture_check_catches_core_importing_a_domain_app(tmp_path):
    # The checker itself: a core module importing members, even inside a function, is caught.
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "bad.py").write_text("import os\n\ndef f():\n    from members.models import Member\n")
    (tmp_path / "members").mkdir()
    (tmp_path / "members" / "ok.py").write_text("from core import ratelimit\n")

    found = violations({"core": set(), "members": {"core"}}, {"core", "members"}, base_dir=tmp_path)

    assert found == ["core/bad.py:4 imports members"]


def test_no_app_reaches_another_through_importlib():
    apps = project_apps()
    offenders = []
    for app in sorted(apps):
        for path in (BASE_DIR / app).rglob("*.py"):
            if "migrations" not in path.parts and re.search(r"\bimport_module\(", path.read_text()):
                offenders.append(str(path.relative_to(BASE_DIR)))

    assert offenders == []
