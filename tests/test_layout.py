"""The layout stays true: imports only go down the pipeline's stages, and each
package's docstring lists the modules it holds."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "tei_convert"
# Higher imports lower, never the other way round; one number is one layer, and
# modules of one layer may import each other.
LAYERS = {
    "cli": 9, "__main__": 9,
    "package": 8,
    "run": 7,
    "pipeline": 6,
    "readers": 5,
    "transforms": 4, "values": 4, "checks": 4,
    "tei": 3, "input": 3,
    "model": 1, "diagnostics": 1, "errors": 1, "version": 1, "canonical": 1,
}
STAGES = ("input", "values", "readers", "transforms", "checks", "tei", "run", "package")


def _unit(module: str) -> str:
    """The stage package or top-level module that ``tei_convert.a.b`` belongs to."""
    return module.split(".")[1]


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every ``tei_convert`` import in ``path``, lazy ones included."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.name}:{node.lineno}: use absolute imports"
            names = [node.module or ""]
            if node.module == "tei_convert":  # from tei_convert import x
                names = [f"tei_convert.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
            # "import tei_convert" reaches every layer through the public API.
            names = [f"{name}.__init__" if name == "tei_convert" else name for name in names]
        else:
            continue
        found.extend((node.lineno, name) for name in names
                     if name.startswith("tei_convert."))
    return found


def _modules() -> list[Path]:
    # The package's __init__ is the public API and stands above every layer.
    return [p for p in sorted(PACKAGE.rglob("*.py")) if p != PACKAGE / "__init__.py"]


def _upward_imports() -> list[str]:
    wrong = []
    for path in _modules():
        me = path.relative_to(PACKAGE).with_suffix("").parts[0]
        for line, module in _imports(path):
            target = _unit(module)
            if target not in LAYERS:
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports {module}, which "
                             "is in no layer (the public API is for users, not modules)")
            elif target != me and LAYERS[target] > LAYERS[me]:
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports {module}")
    return wrong


def test_every_module_has_a_layer() -> None:
    units = {path.relative_to(PACKAGE).with_suffix("").parts[0] for path in _modules()}
    assert units - set(LAYERS) == set()


def test_imports_only_go_down() -> None:
    assert _upward_imports() == []


def test_the_check_sees_an_import_that_goes_up(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # A reader that imported the run layer would be caught.
    fake = tmp_path / "tei_convert"
    (fake / "readers").mkdir(parents=True)
    (fake / "readers" / "x.py").write_text("from tei_convert.run.plan import Job\n")
    (fake / "readers" / "y.py").write_text("def f() -> None:\n"
                                           "    import tei_convert.cli\n")
    (fake / "readers" / "z.py").write_text("import tei_convert\n")
    monkeypatch.setattr(f"{__name__}.PACKAGE", fake)
    found = _upward_imports()
    assert found[:2] == ["readers/x.py:1 imports tei_convert.run.plan",
                         "readers/y.py:2 imports tei_convert.cli"]
    assert found[2].startswith("readers/z.py:1 imports tei_convert.__init__, which is in no")


def _listed_modules(init: Path) -> set[str]:
    """The names a package's docstring lists under "Modules:"."""
    doc = ast.get_docstring(ast.parse(init.read_text("utf-8"))) or ""
    _, _, listing = doc.partition("Modules:\n")
    return set(re.findall(r"^    ([a-z_]+)\s", listing, re.MULTILINE))


@pytest.mark.parametrize("stage", STAGES)
def test_each_package_docstring_lists_its_modules(stage: str) -> None:
    folder = PACKAGE / stage
    present = {p.stem for p in folder.glob("*.py") if p.name != "__init__.py"}
    assert present
    assert _listed_modules(folder / "__init__.py") == present


def test_the_top_docstring_lists_every_stage_and_module() -> None:
    doc = ast.get_docstring(ast.parse((PACKAGE / "__init__.py").read_text("utf-8"))) or ""
    listed = set(re.findall(r"^    ([a-z_]+)/?\s", doc, re.MULTILINE))
    assert listed == set(LAYERS) - {"__main__"}
