"""Telling a person how far a run has got: a progress bar on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

Progress = Callable[[int, int], None]
"""Told (inputs done, inputs in all) when a run starts and after each input."""


@contextmanager
def progress_bar(quiet: bool) -> Iterator[Progress | None]:
    """A progress bar on stderr for runs over more than a few files, on a terminal only."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    bar = _Bar()
    try:
        yield bar.update
    finally:
        bar.close()


class _Bar:
    """Opens a tqdm bar once the run turns out to be long enough to want one."""

    _MIN_FILES = 5

    def __init__(self) -> None:
        self._bar: Any = None

    def update(self, done: int, total: int) -> None:
        if self._bar is None and total > self._MIN_FILES:
            from tqdm import tqdm  # only runs on a terminal need it

            self._bar = tqdm(total=total, unit="file", file=sys.stderr, leave=False)
        if self._bar is not None:
            self._bar.update(done - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
