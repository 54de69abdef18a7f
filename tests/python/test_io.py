# SPDX-License-Identifier: Apache-2.0
# Reading real files, writing and reading back (files, JSON, bytes, pickle), and where errors point.
import collections
import pickle
from fractions import Fraction

import pytest

import minga
from conftest import call_or_skip, pabulib_files, pabulib_header, shared_file, shared_files, small_pabulib_files


def same_election(a, b):
    """Everything a reader keeps, compared field by field."""
    assert a.kind == b.kind
    assert a.alternatives == b.alternatives
    assert (a.budget, a.seats, a.title) == (b.budget, b.seats, b.title)
    assert a.meta == b.meta
    assert a.rules == b.rules
    assert a.same_ballots(b)
    assert a.breakdown("stratum") == b.breakdown("stratum")


# ---- real pabulib files -------------------------------------------------------------------------


@pytest.mark.parametrize("path", pabulib_files())
def test_pabulib_counts_match_what_the_file_declares(path):
    meta = pabulib_header(path)
    e = minga.read(path)
    assert e.source_format == "pabulib"
    assert e.num_ballots == int(meta["num_votes"])
    assert e.num_alternatives == int(meta["num_projects"])
    assert e.budget == Fraction(meta["budget"].replace(",", "."))
    # The PROJECTS section states each project's number of votes (and, for points, its score).
    votes = collections.Counter()
    points = collections.Counter()
    for ballot, count, _, _ in e.ballots():
        for project in ballot:
            votes[project] += count
        if isinstance(ballot, dict):
            for project, p in ballot.items():
                points[project] += p * count
    for alternative in e.alternatives:
        if alternative.attribute("votes") is not None:
            assert votes[alternative.id] == int(alternative.attribute("votes")), alternative.id
        if e.kind == "score" and alternative.attribute("score") is not None:
            assert points[alternative.id] == Fraction(alternative.attribute("score")), alternative.id


def test_pabulib_channels_come_from_the_voting_method_column():
    path = shared_file("pabulib", "Poland_Lodz_2022.pb")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    votes = text.split("\nVOTES", 1)[1].splitlines()[2:]
    # Counted here without minga: the voting_method column of the VOTES section.
    methods = collections.Counter(line.rsplit(";", 1)[1].strip() for line in votes if line.strip())
    e = minga.read(path)
    assert e.breakdown("channel") == {"online": methods["internet"], "paper": methods["paper"]}


# ---- real PrefLib files ---------------------------------------------------------------------------


def preflib_header(path):
    header = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("# "):
                break
            key, _, value = line[2:].partition(":")
            header[key.strip()] = value.strip()
    return header


@pytest.mark.parametrize("path", shared_files("elections", "*/*.soi", "*/*.toi"))
def test_preflib_counts_match_the_header(path):
    header = preflib_header(path)
    e = call_or_skip(minga.read, path)
    assert e.kind == "ranked"
    assert e.num_alternatives == int(header["NUMBER ALTERNATIVES"])
    assert e.num_ballots == int(header["NUMBER VOTERS"])
    assert e.num_distinct == int(header["NUMBER UNIQUE ORDERS"])


# ---- round trips ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", small_pabulib_files())
def test_json_round_trip(path):
    e = minga.read(path)
    text = call_or_skip(minga.to_json, e)
    assert '"minga.election/1"' in text
    same_election(e, minga.from_json(text))
    same_election(e, minga.from_json(text.encode("utf-8")))


@pytest.mark.parametrize("path", small_pabulib_files())
def test_binary_round_trip(path):
    e = minga.read(path)
    data = call_or_skip(minga.to_bytes, e)
    assert isinstance(data, bytes)
    back = minga.from_bytes(data)
    same_election(e, back)
    assert back.notes == e.notes
    assert minga.from_bytes(bytearray(data)).same_ballots(e)
    assert minga.from_bytes(memoryview(data)).same_ballots(e)


@pytest.mark.parametrize("path", small_pabulib_files())
def test_pabulib_write_and_read_back(path, tmp_path):
    e = minga.read(path)
    out = tmp_path / "copy.pb"
    minga.write(e, out)
    same_election(e, minga.read(out))
    same_election(e, minga.read_string(minga.write_string(e, "pabulib"), "pabulib"))


def built_elections():
    approval = minga.Election("approval", ["a", "b", "c"], budget="10.5", title="Built")
    approval.add_approvals([["a"], ["b", "c"], []], counts=[2, 3, 1], channels=["online", "paper", "sms"], districts=["N", None, "S"])
    approval.rules = {"max_length": 2}
    approval.set_meta("unit", "Ward 1")
    ranked = minga.Election("ranked", ["A", "B", "C"], seats=2)
    ranked.add_rankings([["A", None, {"B", "C"}], ["overvote", "C"], ["write-in"]], counts=[5, 1, 2])
    score = minga.Election("score", ["x", "y"])
    score.add_scores([{"x": Fraction(1, 3), "y": 2}], channels="kiosk")
    quadratic = minga.Election("quadratic", ["x", "y"])
    quadratic.rules = {"credits": 100}
    quadratic.add_quadratic([{"x": -3, "y": 9}])
    return [approval, ranked, score, quadratic]


@pytest.mark.parametrize("e", built_elections(), ids=lambda e: e.kind)
def test_every_kind_round_trips_through_json_bytes_and_pickle(e):
    same_election(e, call_or_skip(minga.from_json, call_or_skip(minga.to_json, e)))
    same_election(e, call_or_skip(minga.from_bytes, call_or_skip(minga.to_bytes, e)))
    back = pickle.loads(pickle.dumps(e, protocol=pickle.HIGHEST_PROTOCOL))
    assert type(back) is minga.Election
    same_election(e, back)


def test_pickled_alternatives_and_errors():
    a = minga.Alternative("p", "Park", "12.5", withdrawn=True, attributes={"k": "v"})
    assert pickle.loads(pickle.dumps(a)) == a
    with pytest.raises(minga.MingaError) as caught:
        minga.read_string(BAD_VOTE, "pabulib", name="x.pb")
    error = caught.value
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is minga.MingaError
    assert (back.code, back.file, back.line, back.field) == (error.code, error.file, error.line, error.field)
    assert str(back) == str(error)


# ---- errors carry file, line and field -------------------------------------------------------------

BAD_VOTE = """META
key;value
num_projects;1
num_votes;1
budget;100
vote_type;approval
PROJECTS
project_id;cost
1;50
VOTES
voter_id;vote
1;1
2;99
"""


def test_reader_errors_name_file_line_and_field():
    with pytest.raises(minga.MingaError) as caught:
        minga.read_string(BAD_VOTE, "pabulib", name="bad.pb")
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.code == "parse" and error.status < 0
    assert error.file == "bad.pb"
    assert error.line == 13  # the line "2;99"
    assert error.field
    assert "99" in error.reason
    assert str(error).startswith("bad.pb:13: ")


def test_file_errors_carry_the_path(tmp_path):
    path = tmp_path / "bad.pb"
    path.write_text(BAD_VOTE, encoding="utf-8")
    with pytest.raises(minga.MingaError) as caught:
        minga.read(path)
    assert caught.value.file == str(path) and caught.value.line == 13
    with pytest.raises(minga.MingaError) as caught:
        minga.read(tmp_path / "missing.pb")
    assert caught.value.code == "io" and caught.value.file.endswith("missing.pb") and caught.value.line is None


def test_corrupt_bytes_and_json_are_reported():
    e = built_elections()[0]
    data = call_or_skip(minga.to_bytes, e)
    with pytest.raises(minga.MingaError):
        minga.from_bytes(data[: len(data) // 2])
    with pytest.raises(minga.MingaError) as caught:
        minga.from_json('{"schema": "minga.election/1", "kind": "approval", "alternatives": [{"id": "a"}],'
                        ' "ballots": [{"approve": ["b"], "count": 1}]}')
    assert caught.value.field and "b" in caught.value.reason


def test_format_names_and_options_are_checked(tmp_path):
    with pytest.raises(minga.MingaError, match="unknown format"):
        minga.read_string("x", "docx")
    with pytest.raises(TypeError, match="unexpected keyword argument 'delimeter'"):
        minga.read_string("x", "csv", delimeter=";")
    with pytest.raises(minga.MingaError, match="binary"):
        minga.write_string(built_elections()[0], "binary")
    with pytest.raises(minga.MingaError):
        minga.write(built_elections()[0], tmp_path / "x.unknown")
