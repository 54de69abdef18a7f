# SPDX-License-Identifier: Apache-2.0
"""minga: collective decisions for civic technology.

Read, build, inspect, merge and write elections: approval (participatory
budgeting), ranked, score and quadratic ballots, with exact numbers
(``fractions.Fraction``) and the channel (online, kiosk, paper, SMS) and
district of every ballot.

>>> import minga
>>> e = minga.Election("approval", ["park", "library", "bike-lane"], budget=1000)
>>> e.add_approvals([["park", "library"], ["park"]], counts=[3, 2], channels="paper")
>>> e.num_ballots
5
>>> sorted(e.breakdown("channel").items())
[('paper', 5)]

Files: ``read(path)``, ``read_string(text, format)``, ``write(election, path)``.
Interchange: ``to_json``/``from_json`` and ``to_bytes``/``from_bytes`` (compact,
checksummed). Elections pickle, so Dask or multiprocessing can ship them, and
partial profiles combine with ``a + b`` or ``merge(parts)``.

Participatory budgets: ``budget(election, rule, ...)`` runs greedy, the Method
of Equal Shares (with its completions), the exact knapsack or Phragmén and
returns a ``BudgetResult``; ``budget_from_pabutools(instance, profile, ...)``
does the same on pabutools objects.

Quadratic voting and funding: ``qv(rows_or_file, credits=99)`` validates every
ballot against its credit budget and tallies (``QvResult``); ``qf(contributions,
pool=..., variant="clr"|"pairwise"|"cluster"|"cocm", fit=..., cap=...)`` returns
exact matches (``QfResult``).

Ranked tallies: ``tally(profile, method="irv"|"stv"|"schulze"|..., rules=..., seats=N)``
counts round by round (``TallyResult``: winners, rounds, to_dict/to_json/to_pandas);
the profile may be an Election, a path, or a pref_voting, VoteKit or preflibtools
profile (``election_from_peer``; back with ``to_pref_voting``, ``to_votekit``,
``to_preflib``). ``minga.dask`` reads, merges and counts partitions on a Dask cluster.

Verifiable elections: ``VerifiableElection.create(folder, manifest, guardians=n,
quorum=k)`` runs an encrypted election step by step (encrypt, cast or challenge,
close, tally, decrypt); ``verify_record(record)`` is the independent verifier,
``verify_receipt(receipt, election)`` a voter's offline check, ``short_code`` the
SMS-sized code; ``verify_ballots`` and ``add_tallies`` verify partitions apart.

Bulk ballots may come as integer arrays (NumPy or any buffer): NumPy is not
required by minga itself. Every error is a ``MingaError`` (a ``ValueError``)
carrying ``code``, ``file``, ``line`` and ``field``.
"""

from ._minga import (
    CHANNELS,
    FORMATS,
    KINDS,
    OVERVOTE,
    WRITE_IN,
    Alternative,
    BallotIterator,
    Election,
    MingaError,
    Profile,
    __version__,
    from_bytes,
    from_json,
    merge,
    read,
    read_string,
    to_bytes,
    to_json,
    write,
    write_string,
)

# Participatory budgeting (pure Python over minga._minga._budget_run).
from ._budget import BudgetResult, ExcludedProject, FundingStep, UnfundedProject, budget
from ._pabutools import budget_from_pabutools, election_from_pabutools, to_pabutools

# Quadratic voting and funding (pure Python over minga._minga._qv_* / _qf_*).
from ._quadratic import QfProject, QfResult, QvBallot, QvOption, QvRejection, QvResult, QvStratum, qf, qv

# Ranked tallies and the peers' ranked profiles (pure Python over minga._minga._ranked_tally).
from ._peers import (
    election_from_peer,
    election_from_pref_voting,
    election_from_preflib,
    election_from_votekit,
    to_pref_voting,
    to_preflib,
    to_votekit,
)
from ._ranked import RctabTabulation, TallyAction, TallyResult, TallyRound, TallyTie, pairwise_matrix, rctab, tally

# Verifiable elections (pure Python over minga._minga._Verifiable and _verify_*).
from ._verify import (
    VerifiableElection,
    VerificationCheck,
    VerificationReport,
    add_tallies,
    record_to_binary,
    record_to_json,
    short_code,
    short_code_matches,
    verify_ballots,
    verify_receipt,
    verify_record,
)

__all__ = [
    "CHANNELS",
    "FORMATS",
    "KINDS",
    "OVERVOTE",
    "WRITE_IN",
    "Alternative",
    "BallotIterator",
    "Election",
    "MingaError",
    "Profile",
    "__version__",
    "from_bytes",
    "from_json",
    "merge",
    "read",
    "read_string",
    "to_bytes",
    "to_json",
    "write",
    "write_string",
    # participatory budgeting
    "BudgetResult",
    "ExcludedProject",
    "FundingStep",
    "UnfundedProject",
    "budget",
    "budget_from_pabutools",
    "election_from_pabutools",
    "to_pabutools",
    # quadratic voting and funding
    "QfProject",
    "QfResult",
    "QvBallot",
    "QvOption",
    "QvRejection",
    "QvResult",
    "QvStratum",
    "qf",
    "qv",
    # ranked tallies and peer profiles (minga.dask is imported on its own: it needs Dask)
    "TallyAction",
    "TallyResult",
    "TallyRound",
    "TallyTie",
    "RctabTabulation",
    "election_from_peer",
    "election_from_pref_voting",
    "election_from_preflib",
    "election_from_votekit",
    "pairwise_matrix",
    "tally",
    "rctab",
    "to_pref_voting",
    "to_preflib",
    "to_votekit",
    # verifiable elections
    "VerifiableElection",
    "VerificationCheck",
    "VerificationReport",
    "add_tallies",
    "short_code",
    "short_code_matches",
    "verify_ballots",
    "verify_receipt",
    "record_to_binary",
    "record_to_json",
    "verify_record",
]

# Classes defined in the extension report the public package as their home,
# so reprs, pickles and documentation say minga.Election, not minga._minga.Election.
for _name in ("Alternative", "BallotIterator", "Election", "Profile"):
    globals()[_name].__module__ = __name__
del _name
