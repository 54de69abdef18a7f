# SPDX-License-Identifier: Apache-2.0
"""Progress bars for long calls (verifying many ballots, Add1 over a large instance).

Every long call takes ``progress``:

- ``None`` (the default): a bar on standard error when it is a terminal, so
  interactive use shows one and scripts, notebooks' logs and CI stay quiet;
- ``True`` / ``False``: always / never a bar;
- a callable: called instead of a bar, with the call's own figures (see each
  function), for a GUI or a log.

The bar is one line redrawn in place, about ten times a second at most::

    verifying ballots  [##########..........]  52%  10,400/20,000  3.1 s

Interrupting (Ctrl-C) stops the call in C++ and raises KeyboardInterrupt.
"""

from __future__ import annotations

import sys
import time
from typing import Any, Callable, Optional, TextIO, Union

Progress = Union[None, bool, Callable[..., Any]]
"""What a long call's ``progress`` argument takes: None, True, False or a callable."""

_WIDTH = 20


class ProgressBar:
    """A one-line text bar: ``update(done, total)`` redraws it, ``close()`` ends the line."""

    def __init__(self, label: str, stream: Optional[TextIO] = None, min_interval: float = 0.1) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.min_interval = min_interval
        self._start = time.monotonic()
        self._last_draw = float("-inf")
        self._drawn = False

    def update(self, done: float, total: float, unit: str = "") -> None:
        now = time.monotonic()
        finished = total > 0 and done >= total
        if not finished and now - self._last_draw < self.min_interval:
            return
        self._last_draw = now
        share = min(max(done / total, 0.0), 1.0) if total > 0 else 0.0
        filled = round(share * _WIDTH)
        bar = "#" * filled + "." * (_WIDTH - filled)
        line = f"\r{self.label}  [{bar}] {share:4.0%}  {done:,.0f}/{total:,.0f}{unit}  {now - self._start:.1f} s"
        self.stream.write(line)
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False


def _wants_bar(progress: Progress) -> bool:
    if progress is None:
        stream = sys.stderr
        return stream is not None and hasattr(stream, "isatty") and stream.isatty()
    return progress is True


def run_with_progress(
    progress: Progress, label: str, call: Callable[[Optional[Callable[..., Any]]], Any], bar_update: Callable[..., Any]
) -> Any:
    """Runs ``call(callback)``: callback is the user's callable, a bar's updater or None.

    ``bar_update(bar, *figures)`` turns the figures the C++ side reports into a
    ``bar.update`` call. The bar's line is ended however the call ends.
    """
    if progress is not None and not isinstance(progress, bool) and not callable(progress):
        raise TypeError(f"progress must be None, True, False or a callable, not {type(progress).__name__}")
    if callable(progress) and not isinstance(progress, bool):
        return call(progress)
    if not _wants_bar(progress):
        return call(None)
    bar = ProgressBar(label)
    try:
        return call(lambda *figures: bar_update(bar, *figures))
    finally:
        bar.close()
