"""Domain code never imports Django (or django-ninja): checked by reading the source and by
importing it in a fresh interpreter. The import-linter contract in pyproject.toml says the same
for `make lint`; this test also keeps that contract's list complete."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
PKG = SRC / "kongthun"
FORBIDDEN = ("django", "ninja")
KERNEL = ["money.py", "clock.py", "errors.py", "ledger/charts.py"]


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def module_path(name: str) -> Path | None:
    base = SRC.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def domain_modules() -> list[Path]:
    found = {PKG / k for k in KERNEL}
    for path in PKG.rglob("*.py"):
        rel = path.relative_to(PKG).parts
        if "migrations" in rel:
            continue
        if path.name == "domain.py" or "domain" in rel[:-1]:
            found.add(path)
    return sorted(found)


def imports_of(path: Path) -> set[str]:
    package = module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else module_name(path)
    return imports_in(path.read_text(encoding="utf-8"), package)


def imports_in(source: str, package: str) -> set[str]:
    """Every module a source imports, at the top or inside a function, with relative imports resolved."""
    tree = ast.parse(source)
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            out.add(prefix)
            out |= {f"{prefix}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__import__" and node.args:
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                out.add(arg.value)
    return out


def is_forbidden(name: str) -> bool:
    return name.split(".")[0] in FORBIDDEN


def test_the_walk_finds_the_domain_modules():
    names = {module_name(p) for p in domain_modules()}
    assert {"kongthun.money", "kongthun.clock", "kongthun.errors", "kongthun.ledger.charts",
            "kongthun.ledger.domain", "kongthun.people.domain", "kongthun.orgs.domain"} <= names


def test_the_source_check_would_see_a_django_import():
    assert any(is_forbidden(m) for m in imports_of(PKG / "ledger" / "models.py"))
    lazy = "def f():\n    from django.db import transaction\n    return transaction\n"
    assert "django.db" in imports_in(lazy, "kongthun.x")
    assert "kongthun.ledger.models" in imports_in("from .models import Account\n", "kongthun.ledger")
    assert "ninja" in imports_in("import ninja as n\n", "kongthun.x")


@pytest.mark.parametrize("path", domain_modules(), ids=lambda p: str(p.relative_to(PKG)))
def test_domain_source_imports_no_django(path):
    """Follow kongthun imports too, including imports inside functions, so a lazy import of a
    models module is caught even though the import-time check below would not run it."""
    seen: set[Path] = set()
    todo = [path]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        for name in imports_of(current):
            assert not is_forbidden(name), f"{current.relative_to(SRC)} imports {name}"
            if name.startswith("kongthun."):
                target = module_path(name)
                if target is not None:
                    todo.append(target)


def test_importing_domain_modules_loads_no_django():
    names = [module_name(p) for p in domain_modules()]
    code = (
        "import importlib, json, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'ninja'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"})
    assert json.loads(out.stdout) == []


def test_the_subprocess_check_would_see_django():
    code = "import sys, django.db\nprint('django' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def test_import_linter_contract_covers_every_domain_module():
    config = tomllib.loads((SRC.parent / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    assert config.get("include_external_packages") is True, "forbidding 'django' needs external packages"
    contract = next(c for c in config["contracts"] if c["type"] == "forbidden")
    assert set(contract["forbidden_modules"]) >= set(FORBIDDEN)
    patterns = [expression_regex(e) for e in contract["source_modules"]]
    missing = {name for name in map(module_name, domain_modules()) if not any(p.fullmatch(name) for p in patterns)}
    assert not missing, f"add to the import-linter contract: {sorted(missing)}"


def expression_regex(expression: str) -> re.Pattern:
    """import-linter's module expressions: '*' is one segment, '**' one or more."""
    parts = [{"*": r"[^.]+", "**": r"[^.]+(?:\.[^.]+)*"}.get(part, re.escape(part)) for part in expression.split(".")]
    return re.compile(r"\.".join(parts))


def test_expression_matching():
    assert expression_regex("kongthun.**.domain").fullmatch("kongthun.welfare.claims.domain")
    assert expression_regex("kongthun.**.domain").fullmatch("kongthun.ledger.domain")
    assert not expression_regex("kongthun.**.domain").fullmatch("kongthun.domain")
    assert not expression_regex("kongthun.*.domain").fullmatch("kongthun.welfare.claims.domain")
    assert not expression_regex("kongthun.money").fullmatch("kongthun.moneyx")
