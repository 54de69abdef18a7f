# SPDX-License-Identifier: Apache-2.0
"""What every result object offers: to_dict(), to_json(), records() and to_pandas().

Two kinds of results share it:
- JsonDocumentResult: results read from the library's own JSON document
  (BudgetResult, TallyResult); to_dict()/to_json() give that document back;
- DataclassResult: frozen dataclasses built in Python (QvResult, QfResult);
  to_dict()/to_json() give their fields, exact numbers as strings ("1/3").
pandas is imported only by to_pandas().
"""

from __future__ import annotations

import json
from dataclasses import asdict
from fractions import Fraction
from typing import Any, Dict, List, Optional


def dataframe(records: List[Dict[str, Any]]) -> Any:
    """records as a pandas.DataFrame (pandas is an optional dependency, imported here only)."""
    import pandas

    return pandas.DataFrame.from_records(records)


def plain(value: Any) -> Any:
    """JSON values: Fractions as exact strings ("1/3"), tuples as lists, keys as str."""
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


class JsonDocumentResult:
    """A result kept as the library's JSON document (``_doc``), with typed fields read from it."""

    __slots__ = ("_doc",)
    _doc: Dict[str, Any]

    def __init__(self, document: Dict[str, Any]) -> None:
        self._doc = document

    @classmethod
    def from_json(cls, text: str) -> Any:
        return cls(json.loads(text))

    def to_dict(self) -> Dict[str, Any]:
        """The result as plain JSON values (exact amounts as strings, as in the C ABI)."""
        copy: Dict[str, Any] = json.loads(json.dumps(self._doc))
        return copy

    def to_json(self, indent: Optional[int] = 2) -> str:
        return json.dumps(self._doc, indent=indent, ensure_ascii=False)

    def records(self) -> List[Dict[str, Any]]:
        raise NotImplementedError

    def to_pandas(self) -> Any:
        """records() as a pandas.DataFrame."""
        return dataframe(self.records())

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._doc == other._doc  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]


class DataclassResult:
    """to_dict(), to_json() and to_pandas() for the frozen result dataclasses."""

    def to_dict(self) -> Dict[str, Any]:
        """The result as plain JSON values (exact numbers as strings such as "1/3")."""
        return plain(asdict(self))  # type: ignore[call-overload]

    def to_json(self, indent: Optional[int] = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def records(self) -> List[Dict[str, Any]]:
        raise NotImplementedError

    def to_pandas(self) -> Any:
        return dataframe(self.records())
