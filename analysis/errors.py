"""Errors the user can fix: each names the file, the line when known, and the fix.

The CLI prints ``str(error)`` on one line and exits with status 2, never a traceback.
Example: ``seeds/catalog.csv:3: 'published' is empty — add the publication date as YYYY-MM-DD``.
"""
from __future__ import annotations

from pathlib import Path


class NewsframeError(Exception):
    """Base class for every error newsframe reports to a user."""


class InputError(NewsframeError):
    """Bad input: a file that cannot be read as an article or catalog."""

    def __init__(self, file: str | Path, message: str, fix: str = "", line: int | None = None):
        self.file = str(file)
        self.line = line
        self.message = message
        self.fix = fix
        super().__init__(str(self))

    def __reduce__(self):  # picklable, so worker processes can report it
        return (type(self), (self.file, self.message, self.fix, self.line))

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        text = f"{where}: {self.message}"
        if self.fix:
            text += f" — {self.fix}"
        return text


class ArticleTooSlow(InputError):
    """An article whose extraction outran its time budget (``pipeline.ARTICLE_SECONDS``).

    Why: one pathological file (megabytes of run-on text) must become a message naming it, which
    ``--keep-going`` can skip, rather than a run that never ends.
    """

    def __init__(self, file: str | Path, seconds: float, done: int, total: int):
        self.seconds, self.done, self.total = seconds, done, total
        super().__init__(file, f"extraction took longer than the {seconds:g} s allowed per article "
                               f"(stopped after sentence {done} of {total})",
                         "split the article into smaller files or break up its longest sentences, "
                         "or allow more time with NEWSFRAME_ARTICLE_SECONDS=SECONDS")

    def __reduce__(self):  # its own arguments, so worker processes can report it
        return (type(self), (self.file, self.seconds, self.done, self.total))
