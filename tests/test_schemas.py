"""The shipped JSON Schemas: the fast validator never accepts what jsonschema rejects."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from tei_convert import convert_corpus
from tei_convert.checks.schemas import json_schema, schema_problem

from conftest import CASES

MANIFEST = "manifest.schema.json"
_WRONG_VALUES: list[Any] = [None, 0, -1, "", "x", "ab" * 32, [], [0, 0], {}, True, 1.5]


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("out")
    inputs = [CASES / "0002-untitled-vague-date-unknown-field.txt",
              CASES / "0101-volume-two-works-and-a-chronicle.txt", out / "missing.txt"]
    convert_corpus(inputs, out)
    data: dict[str, Any] = json.loads((out / "manifest.json").read_text("utf-8"))
    return data


def _places(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key path in ``value``."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key)
            yield from _places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:2]):
            yield (*path, index)
            yield from _places(item, (*path, index))


def _mutations(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The manifest with one value replaced, one key removed or one key added."""
    for place in _places(data):
        for wrong in _WRONG_VALUES:
            changed = copy.deepcopy(data)
            parent = changed
            for step in place[:-1]:
                parent = parent[step]
            if isinstance(parent, dict) and wrong is _WRONG_VALUES[0]:
                del parent[place[-1]]
                yield copy.deepcopy(changed)
                parent[place[-1]] = None
            parent[place[-1]] = wrong
            yield changed
        container = copy.deepcopy(data)
        target = container
        for step in place:
            target = target[step]
        if isinstance(target, dict):
            target["unexpected"] = 1
            yield container


def test_a_real_manifest_fits(manifest: dict[str, Any]) -> None:
    assert schema_problem(manifest, MANIFEST) is None


def test_both_validators_agree_on_every_single_change(manifest: dict[str, Any]) -> None:
    reference = jsonschema.Draft202012Validator(json_schema(MANIFEST))
    checked = 0
    for changed in _mutations(manifest):
        fits = reference.is_valid(changed)
        assert (schema_problem(changed, MANIFEST) is None) is fits
        checked += 1
    assert checked > 1000


def test_a_problem_names_where_it_is(manifest: dict[str, Any]) -> None:
    changed = copy.deepcopy(manifest)
    changed["documents"][0]["output"]["sha256"] = "not a hash"
    problem = schema_problem(changed, MANIFEST)
    assert problem is not None
    assert problem.startswith("documents/0/output/sha256: ")
