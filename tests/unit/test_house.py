"""The house rules that a reader can check on the source itself.

No module of ``sieve/`` over 600 lines, no function over 80 lines (nested
functions and methods included, counted from ``def`` to its last line), and no
``from sieve.x import _name``: a private name stays in its module.
"""

import ast
from pathlib import Path

import pytest

SIEVE = Path(__file__).resolve().parents[2] / "sieve"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80


def function_lengths(tree: ast.AST) -> list[tuple[str, int, int]]:
    """(name, first line, length) of every function, nested ones included."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            end = node.end_lineno if node.end_lineno is not None else node.lineno
            found.append((node.name, node.lineno, end - node.lineno + 1))
    return found


def private_imports(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, name) of every private name imported from sieve itself."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level == 0 and (node.module or "").split(".")[0] != "sieve":
            continue
        found += [(node.lineno, a.name) for a in node.names if a.name.startswith("_")]
    return found


def _modules() -> list[tuple[str, ast.Module, int]]:
    found = []
    for path in sorted(SIEVE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(SIEVE).as_posix()
        found.append((name, ast.parse(text), len(text.splitlines())))
    return found


MODULES = _modules()


def test_the_modules_are_found() -> None:
    assert len(MODULES) > 20


def test_no_module_over_600_lines() -> None:
    long = [f"{name}: {n}" for name, _, n in MODULES if n > MAX_MODULE_LINES]
    assert long == []


def test_no_function_over_80_lines() -> None:
    long = [
        f"{name}:{func} (line {line}): {n} lines"
        for name, tree, _ in MODULES
        for func, line, n in function_lengths(tree)
        if n > MAX_FUNCTION_LINES
    ]
    assert long == []


def test_no_private_name_imported_across_modules() -> None:
    private = [
        f"{name}:{line}: {imported}"
        for name, tree, _ in MODULES
        for line, imported in private_imports(tree)
    ]
    assert private == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from sieve.load.fields import _check, known_ids\n", [(1, "_check")]),
        ("def f():\n    from .fields import _check\n", [(2, "_check")]),
        ("from sieve.load.fields import known_ids\n", []),
        ("from os.path import _joinrealpath\n", []),
    ],
)
def test_the_private_import_check_sees_them(source: str, expected: list[tuple[int, str]]) -> None:
    assert private_imports(ast.parse(source)) == expected


def test_the_length_counts_nested_functions() -> None:
    source = (
        "class A:\n    def m(self):\n        def inner():\n            pass\n        return 1\n"
    )
    assert function_lengths(ast.parse(source)) == [("m", 2, 4), ("inner", 3, 2)]
