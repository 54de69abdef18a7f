# SPDX-License-Identifier: Apache-2.0
"""Verifiable elections: encrypted ballots with proofs, signed receipts, the record's verifier.

>>> import minga, tempfile, os
>>> folder = os.path.join(tempfile.mkdtemp(), "vote")
>>> manifest = {"schema": "minga.manifest/1", "election_id": "plaza-2026", "title": "Plaza", "contests": [
...     {"id": "plaza", "title": "Which plaza first?", "kind": "plurality",
...      "option_range": 1, "selection_limit": 1,
...      "options": [{"id": "norte", "label": "Norte"}, {"id": "sur", "label": "Sur"}]}]}
>>> with minga.VerifiableElection.create(folder, manifest, guardians=3, quorum=2) as e:
...     codes = e.encrypt({"ballot_id": "b-1", "selections": {"plaza": {"sur": 1}}}, device="kiosk-1")
...     receipt = e.cast("b-1")
...     _ = e.close(); _ = e.tally(); record = e.decrypt([1, 3])
>>> minga.verify_receipt(receipt, os.path.join(folder, "election.json"))["tree_size"]
1
>>> minga.verify_record(record).passed
True
>>> [o["total"] for o in record["tally"]["contests"][0]["options"]]
[0, 1]

Everything cryptographic runs in C++ (libsodium, ristretto255) with the GIL
released; these functions pass the JSON documents of docs/verify_record.md and
return plain dicts. The folder is the same as ``minga election``'s
(docs/verify_election.md); errors are ``MingaError`` with ``code``
"verification" when a receipt, ballot or short code does not verify.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Mapping, Sequence, Union

from ._minga import (
    _add_tallies,
    _record_to_binary,
    _record_to_json,
    _short_code,
    _short_code_check,
    _verify_ballots,
    _verify_receipt,
    _verify_record,
    _Verifiable,
)
from ._progress import Progress, ProgressBar, run_with_progress

__all__ = [
    "VerifiableElection",
    "VerificationCheck",
    "VerificationReport",
    "add_tallies",
    "record_to_binary",
    "record_to_json",
    "short_code",
    "short_code_matches",
    "verify_ballots",
    "verify_receipt",
    "verify_record",
]

Document = Union[str, bytes, os.PathLike, Mapping[str, Any]]


def _text(doc: Document, what: str) -> str:
    """JSON text of a document given as a dict, JSON text, or a path to a JSON file."""
    if isinstance(doc, Mapping):
        return json.dumps(doc)
    if isinstance(doc, bytes):
        return doc.decode("utf-8")
    if isinstance(doc, os.PathLike) or (isinstance(doc, str) and not doc.lstrip().startswith("{")):
        with open(doc, encoding="utf-8") as f:
            return f.read()
    if isinstance(doc, str):
        return doc
    raise TypeError(f"{what}: expected a dict, JSON text or a path, got {type(doc).__name__}")


def _record_bytes(record: Document) -> Union[str, bytes]:
    """A record in either form as it is passed to C++: bytes of a file, bytes or text as given, a dict as JSON."""
    if isinstance(record, os.PathLike) or (isinstance(record, str) and not record.lstrip().startswith("{")):
        with open(record, "rb") as f:
            return f.read()
    if isinstance(record, (str, bytes, Mapping)):
        return json.dumps(record) if isinstance(record, Mapping) else record
    raise TypeError(f"record: expected a dict, JSON text, binary bytes or a path, got {type(record).__name__}")


def record_to_binary(record: Document) -> bytes:
    """The record's compact binary form (CBOR, about half the JSON's size; docs/verify_record.md 1.1).

    ``record`` is a dict, JSON text, a binary record's bytes or a path to either form.
    Reading checks the format, not the proofs: ``verify_record`` does that, on either form.
    """
    return _record_to_binary(_record_bytes(record))


def record_to_json(record: Document) -> Dict[str, Any]:
    """The record as a dict (its JSON form), from a binary record's bytes, JSON text, a dict or a path."""
    return json.loads(_record_to_json(_record_bytes(record)))


@dataclass(frozen=True)
class VerificationCheck:
    """One check of the verifier: its name, whether it passed, and what it found."""

    check: str
    passed: bool
    reason: str


@dataclass(frozen=True)
class VerificationReport:
    """The verifier's checks of a record; ``passed`` only when every check passed."""

    passed: bool
    checks: List[VerificationCheck]

    def failed(self) -> List[VerificationCheck]:
        return [c for c in self.checks if not c.passed]

    def to_dict(self) -> Dict[str, Any]:
        return {
            "schema": "minga.verification/1",
            "passed": self.passed,
            "checks": [{"check": c.check, "passed": c.passed, "reason": c.reason} for c in self.checks],
        }

    def __bool__(self) -> bool:
        return self.passed


def _ballots_bar(bar: ProgressBar, checked: int, total: int) -> None:
    bar.update(checked, total, " ballots")


def verify_record(record: Document, *, progress: Progress = None) -> VerificationReport:
    """Recomputes every hash, proof, chain, the board, the sums and the decryptions of a record.

    ``record`` is a dict, JSON text, the bytes of the binary form (``record_to_binary``)
    or a path to a record in either form. A record that cannot be read raises
    MingaError (code "parse", the JSON path in ``field``); one that reads but fails a
    check returns a report with ``passed`` False naming the first failing item per check.
    ``progress``: a bar while the ballots' proofs are checked (see minga._progress:
    None = when stderr is a terminal), or a callable ``progress(checked, total)``.
    """
    data = _record_bytes(record)
    report = json.loads(
        run_with_progress(progress, "verifying ballots", lambda told: _verify_record(data, told), _ballots_bar)
    )
    return VerificationReport(report["passed"], [VerificationCheck(**c) for c in report["checks"]])


def verify_ballots(
    election: Document,
    ballots: Iterable[Union[str, Mapping[str, Any]]],
    first_index: int = 0,
    threads: int = 0,
    *,
    progress: Progress = None,
) -> Dict[str, Any]:
    """Verifies one partition of an election's ballots (their proofs and codes) and sums its cast ballots.

    ``election`` is election.json or record.json; ``ballots`` are ballot objects
    (dicts or JSON lines, as in ballots.jsonl or a record's "ballots");
    ``first_index`` is the partition's position in the whole, so findings name
    ballots as the record does. Returns {"ballots", "selections", "passed",
    "failures", "sum"}; partitions' sums combine with ``add_tallies``.
    ``progress`` as for verify_record.
    """
    text = _text(election, "election")
    lines = [b if isinstance(b, str) else json.dumps(b) for b in ballots]
    return json.loads(
        run_with_progress(
            progress,
            "verifying ballots",
            lambda told: _verify_ballots(text, lines, first_index, threads, told),
            _ballots_bar,
        )
    )


def add_tallies(a: Mapping[str, Any], b: Mapping[str, Any]) -> Dict[str, Any]:
    """The sum of two encrypted tallies ("minga.encrypted-tally/1"), option by option."""
    return json.loads(_add_tallies(json.dumps(a), json.dumps(b)))


def verify_receipt(receipt: Document, election: Document) -> Dict[str, Any]:
    """A voter's offline check of a receipt against the published election.json (or record.json).

    Returns {"origin", "tree_size", "leaf_index", "short_code"}; raises MingaError with
    code "verification" when the signature, checkpoint or inclusion proof fails.
    """
    return json.loads(_verify_receipt(_text(receipt, "receipt"), _text(election, "election")))


def short_code(confirmation_code: str) -> str:
    """The 10-character short code (two groups of five) of a 64-hex-digit confirmation code."""
    return _short_code(confirmation_code)


def short_code_matches(typed: str, confirmation_code: str) -> bool:
    """Whether a short code as typed belongs to the confirmation code.

    Forgiving of case, spaces, dashes and O/I/L; a mistyped code (its check character
    fails) raises MingaError with code "parse" rather than returning False.
    """
    return _short_code_check(typed, confirmation_code)


class VerifiableElection:
    """One verifiable election run step by step from a folder (the folder of ``minga election``).

    ``VerifiableElection.create(folder, manifest, guardians=n, quorum=k)`` makes it;
    ``VerifiableElection(folder)`` opens it again (waiting for another process's lock).
    Steps: ``encrypt`` then ``cast`` or ``challenge`` (or ``submit`` a ballot encrypted
    elsewhere), ``close``, ``tally``, ``decrypt``. Use it as a context manager, or call
    ``release()``, to release the folder's lock.
    """

    def __init__(self, folder: Union[str, os.PathLike], *, _handle: Any = None) -> None:
        self._handle = _handle if _handle is not None else _Verifiable.open(os.fspath(folder))

    @classmethod
    def create(
        cls, folder: Union[str, os.PathLike], manifest: Document, *, guardians: int, quorum: int
    ) -> "VerifiableElection":
        """Makes a new election folder: a k-of-n key ceremony, the board key, election.json."""
        handle = _Verifiable.create(os.fspath(folder), _text(manifest, "manifest"), guardians, quorum)
        return cls(folder, _handle=handle)

    def __enter__(self) -> "VerifiableElection":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.release()

    def release(self) -> None:
        """Releases the folder's lock; the object cannot be used afterwards."""
        self._handle.release()

    @property
    def status(self) -> Dict[str, Any]:
        """{"stage", "cast", "spoiled", "election_hash", "board_key", "folder"}."""
        return json.loads(self._handle.status())

    def encrypt(self, ballot: Mapping[str, Any], device: str = "device-1") -> Dict[str, Any]:
        """Encrypts {"ballot_id", "selections": {contest: {option: value}}}; returns its codes to show the voter.

        Values are numbers for plurality .. cumulative contests, ranks (1 = first) for ranked
        contests and votes (negative ones against) for quadratic contests."""
        return json.loads(self._handle.encrypt(device, json.dumps(ballot)))

    def cast(self, ballot_id: str) -> Dict[str, Any]:
        """Casts a pending ballot; returns the board's signed receipt (minga.receipt/1)."""
        return json.loads(self._handle.cast(ballot_id))

    def challenge(self, ballot_id: str) -> Dict[str, Any]:
        """Opens a pending ballot instead of casting it (spoiled, never counted)."""
        return json.loads(self._handle.challenge(ballot_id))

    def submit(self, encrypted_ballot: Document) -> Dict[str, Any]:
        """Checks a ballot encrypted elsewhere and casts it; returns the receipt."""
        return json.loads(self._handle.submit(_text(encrypted_ballot, "encrypted_ballot")))

    def close(self) -> List[Dict[str, Any]]:
        """Ends voting: no ballot is accepted any more, the board's final checkpoint is kept,
        and each device's chain is closed. Returns one {"device_id", "ballots",
        "closing_hash", "closing_code"} per device: the short closing code is what the
        device prints on its closing tape, to compare with the record's "device_closings".
        Raises MingaError naming the pending ballots (cast or challenge each first)."""
        closings = json.loads(self._handle.close())
        for c in closings:
            c["closing_code"] = _short_code(c["closing_hash"])
        return closings

    def tally(self) -> Dict[str, Any]:
        """The homomorphic sums of the cast ballots (minga.encrypted-tally/1)."""
        return json.loads(self._handle.tally())

    def decrypt(self, guardians: Sequence[int]) -> Dict[str, Any]:
        """Decrypts with at least k guardians, with proofs; returns the record (also in record.json)."""
        return json.loads(self._handle.decrypt(list(guardians)))
