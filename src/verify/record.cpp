// SPDX-License-Identifier: Apache-2.0
// src/verify/record.cpp - the election record's JSON form (docs/verify_record.md).
#include "minga/verify/record.hpp"

#include <nlohmann/json.hpp>

#include "minga/core/error.hpp"
#include "record_document.hpp"

namespace minga::verify {
namespace {

using nlohmann::json;
constexpr const char* kSchema = "minga.record/1";

// ---- writing ----

json proof_json(const RangeProof& p) {
  json c = json::array(), r = json::array();
  for (const Scalar& s : p.challenges) c.push_back(s.hex());
  for (const Scalar& s : p.responses) r.push_back(s.hex());
  return {{"challenges", c}, {"responses", r}};
}

json proofs_json(const std::vector<RangeProof>& proofs) {
  json out = json::array();
  for (const RangeProof& p : proofs) out.push_back(proof_json(p));
  return out;
}

json ciphertext_json(const Ciphertext& ct) { return {{"alpha", ct.alpha.hex()}, {"beta", ct.beta.hex()}}; }

// Selections, or a budget proof's bits: [{"alpha", "beta", "proof"}, ...].
json selections_json(const std::vector<EncryptedSelection>& selections) {
  json out = json::array();
  for (const EncryptedSelection& s : selections)
    out.push_back(
        {{"alpha", s.ciphertext.alpha.hex()}, {"beta", s.ciphertext.beta.hex()}, {"proof", proof_json(s.proof)}});
  return out;
}

// A contest in the form its members say: quadratic (votes), ranked (row proofs) or the others.
json contest_json(const EncryptedContest& c) {
  if (!c.votes.empty()) {
    json votes = json::array();
    for (const EncryptedQuadraticVote& v : c.votes) {
      json challenges = json::array(), vote_responses = json::array(), square_responses = json::array();
      for (const Scalar& s : v.proof.challenges) challenges.push_back(s.hex());
      for (const Scalar& s : v.proof.vote_responses) vote_responses.push_back(s.hex());
      for (const Scalar& s : v.proof.square_responses) square_responses.push_back(s.hex());
      votes.push_back({{"vote", ciphertext_json(v.vote)},
                       {"square", ciphertext_json(v.square)},
                       {"proof",
                        {{"challenges", challenges},
                         {"vote_responses", vote_responses},
                         {"square_responses", square_responses}}}});
    }
    return {{"votes", votes},
            {"budget_proof",
             {{"spent_bits", selections_json(c.budget_proof.spent_bits)},
              {"slack_bits", selections_json(c.budget_proof.slack_bits)}}}};
  }
  const json sels = selections_json(c.selections);
  if (!c.row_proofs.empty())
    return {{"selections", sels},
            {"row_proofs", proofs_json(c.row_proofs)},
            {"rank_proofs", proofs_json(c.rank_proofs)},
            {"gap_proofs", proofs_json(c.gap_proofs)}};
  return {{"selections", sels}, {"limit_proof", proof_json(c.limit_proof)}};
}

json ballot_json(const EncryptedBallot& b) {
  json contests = json::array();
  for (const EncryptedContest& c : b.contests) contests.push_back(contest_json(c));
  json j = {{"ballot_id", b.ballot_id},
            {"device_id", b.device_id},
            {"chain_mode", static_cast<std::uint32_t>(b.chain_mode)},
            {"chain_value", hex_encode(b.chain_value)},
            {"state", b.state == BallotState::cast ? "cast" : "spoiled"},
            {"confirmation_code", hex_encode(b.confirmation_code)},
            {"contests", contests}};
  if (b.opening)
    j["opening"] = {{"ballot_nonce", b.opening->ballot_nonce.hex()}, {"selections", b.opening->selections}};
  return j;
}

// ---- reading: every accessor names its JSON path ----

[[noreturn]] void fail(const std::string& path, const std::string& reason) {
  throw_parse_error(Location{"<record>", 0, path}, reason);
}

struct Node {
  const json& j;
  std::string path;

  Node at(const std::string& key) const {
    if (!j.is_object()) fail(path, "expected a JSON object");
    if (!j.contains(key)) fail(path + "." + key, "missing field");
    return {j.at(key), path + "." + key};
  }
  Node at(std::size_t i) const { return {j.at(i), path + "[" + std::to_string(i) + "]"}; }
  void only(std::initializer_list<const char*> keys) const {
    if (!j.is_object()) fail(path, "expected a JSON object");
    for (const auto& [key, value] : j.items()) {
      bool known = false;
      for (const char* k : keys) known = known || key == k;
      if (!known) fail(path + "." + key, "unknown field");
    }
  }
  std::size_t size() const {
    if (!j.is_array()) fail(path, "expected an array");
    return j.size();
  }
  std::string text() const {
    if (!j.is_string()) fail(path, "expected a string");
    return j.get<std::string>();
  }
  std::uint64_t count() const {
    if (!j.is_number_unsigned()) fail(path, "expected a non-negative integer");
    return j.get<std::uint64_t>();
  }
  std::uint32_t count32() const {
    const std::uint64_t v = count();
    if (v > 0xffffffffu) fail(path, "too large");
    return static_cast<std::uint32_t>(v);
  }
  Bytes32 hash() const {
    const std::vector<unsigned char> b = hex_decode(text(), 32, path);
    Bytes32 out{};
    std::copy(b.begin(), b.end(), out.begin());
    return out;
  }
  Point point() const { return Point::decode(hex_decode(text(), 32, path), path); }
  /// A sum may be the identity (a partition without cast ballots sums to it).
  Point sum_point() const { return Point::decode(hex_decode(text(), 32, path), path, Point::Identity::allow); }
  Scalar scalar() const { return Scalar::decode(hex_decode(text(), 32, path), path); }
  /// read(element) for every element of the array, in order.
  template <class Read>
  auto list(Read&& read) const -> std::vector<decltype(read(std::declval<const Node&>()))> {
    std::vector<decltype(read(std::declval<const Node&>()))> out;
    for (std::size_t i = 0, n = size(); i < n; ++i) out.push_back(read(at(i)));
    return out;
  }
  std::vector<Scalar> scalars() const {
    return list([](const Node& e) { return e.scalar(); });
  }
};

RangeProof read_proof(const Node& n) {
  n.only({"challenges", "responses"});
  return {n.at("challenges").scalars(), n.at("responses").scalars()};
}

std::vector<RangeProof> read_proofs(const Node& n) { return n.list(read_proof); }

Ciphertext read_ciphertext(const Node& n) {
  n.only({"alpha", "beta"});
  return {n.at("alpha").point(), n.at("beta").point()};
}

std::vector<EncryptedSelection> read_selections(const Node& n) {
  return n.list([](const Node& e) {
    e.only({"alpha", "beta", "proof"});
    return EncryptedSelection{{e.at("alpha").point(), e.at("beta").point()}, read_proof(e.at("proof"))};
  });
}

// A contest in any of the three forms (contest_json); the verifier checks the form fits the manifest.
EncryptedContest read_contest(const Node& cn) {
  EncryptedContest ec;
  if (cn.j.is_object() && cn.j.contains("votes")) {
    cn.only({"votes", "budget_proof"});
    const Node vs = cn.at("votes");
    for (std::size_t o = 0, no = vs.size(); o < no; ++o) {
      const Node vn = vs.at(o);
      vn.only({"vote", "square", "proof"});
      const Node pn = vn.at("proof");
      pn.only({"challenges", "vote_responses", "square_responses"});
      ec.votes.push_back({read_ciphertext(vn.at("vote")),
                          read_ciphertext(vn.at("square")),
                          {pn.at("challenges").scalars(), pn.at("vote_responses").scalars(),
                           pn.at("square_responses").scalars()}});
    }
    const Node bn = cn.at("budget_proof");
    bn.only({"spent_bits", "slack_bits"});
    ec.budget_proof = {read_selections(bn.at("spent_bits")), read_selections(bn.at("slack_bits"))};
    return ec;
  }
  const bool ranked = cn.j.is_object() && cn.j.contains("row_proofs");
  if (ranked)
    cn.only({"selections", "row_proofs", "rank_proofs", "gap_proofs"});
  else
    cn.only({"selections", "limit_proof"});
  ec.selections = read_selections(cn.at("selections"));
  if (ranked) {
    ec.row_proofs = read_proofs(cn.at("row_proofs"));
    ec.rank_proofs = read_proofs(cn.at("rank_proofs"));
    ec.gap_proofs = read_proofs(cn.at("gap_proofs"));
  } else {
    ec.limit_proof = read_proof(cn.at("limit_proof"));
  }
  return ec;
}

json closings_json(std::span<const DeviceClosing> closings) {
  json out = json::array();
  for (const DeviceClosing& d : closings)
    out.push_back({{"device_id", d.device_id}, {"ballots", d.ballots}, {"closing_hash", hex_encode(d.closing_hash)}});
  return out;
}

std::vector<DeviceClosing> read_closings(const Node& n) {
  std::vector<DeviceClosing> out;
  for (std::size_t i = 0, size = n.size(); i < size; ++i) {
    const Node d = n.at(i);
    d.only({"device_id", "ballots", "closing_hash"});
    out.push_back({d.at("device_id").text(), d.at("ballots").count(), d.at("closing_hash").hash()});
  }
  return out;
}

EncryptedBallot read_ballot(const Node& n) {
  n.only({"ballot_id", "device_id", "chain_mode", "chain_value", "state", "confirmation_code", "contests", "opening"});
  EncryptedBallot b;
  b.ballot_id = n.at("ballot_id").text();
  b.device_id = n.at("device_id").text();
  const std::uint64_t mode = n.at("chain_mode").count();
  if (mode > 1) fail(n.path + ".chain_mode", "expected 0 or 1");
  b.chain_mode = static_cast<ChainMode>(mode);
  b.chain_value = n.at("chain_value").hash();
  const std::string state = n.at("state").text();
  if (state != "cast" && state != "spoiled") fail(n.path + ".state", "expected \"cast\" or \"spoiled\"");
  b.state = state == "cast" ? BallotState::cast : BallotState::spoiled;
  b.confirmation_code = n.at("confirmation_code").hash();
  const Node cs = n.at("contests");
  for (std::size_t c = 0, nc = cs.size(); c < nc; ++c) b.contests.push_back(read_contest(cs.at(c)));
  if (n.j.contains("opening")) {
    const Node on = n.at("opening");
    on.only({"ballot_nonce", "selections"});
    BallotOpening opening{on.at("ballot_nonce").scalar(), {}};
    const Node rows = on.at("selections");
    for (std::size_t c = 0, nc = rows.size(); c < nc; ++c) {
      const Node row = rows.at(c);
      std::vector<std::uint64_t> values;
      for (std::size_t o = 0, no = row.size(); o < no; ++o) values.push_back(row.at(o).count());
      opening.selections.push_back(std::move(values));
    }
    b.opening = std::move(opening);
  }
  return b;
}

json tally_contests_json(const EncryptedTally& tally) {
  json contests = json::array();
  for (const std::vector<Ciphertext>& row : tally.totals) {
    json options = json::array();
    for (const Ciphertext& ct : row) options.push_back({{"alpha", ct.alpha.hex()}, {"beta", ct.beta.hex()}});
    contests.push_back({{"options", options}});
  }
  return contests;
}

json parse_text(std::string_view text) {
  try {
    return json::parse(text);
  } catch (const json::exception& e) {
    fail("", std::string("malformed JSON: ") + e.what());
  }
}

// Runs a reader written for records, naming `source` and `line` instead of "<record>".
template <class Read>
auto read_alone(std::string_view source, std::uint64_t line, Read&& read) {
  try {
    return read();
  } catch (const Error& e) {
    throw Error(e.code(), Location{std::string(source), line, e.where().field}, e.reason());
  }
}

}  // namespace

std::string encrypted_ballot_to_json(const EncryptedBallot& ballot) { return ballot_json(ballot).dump(); }

EncryptedBallot encrypted_ballot_from_json(std::string_view text, std::string_view source, std::uint64_t line) {
  return read_alone(source, line, [&] {
    const json j = parse_text(text);
    return read_ballot(Node{j, "$"});
  });
}

std::string encrypted_tally_to_json(const EncryptedTally& tally) {
  return json{{"schema", "minga.encrypted-tally/1"},
              {"cast_ballots", tally.cast_ballots},
              {"contests", tally_contests_json(tally)}}
      .dump();
}

EncryptedTally encrypted_tally_from_json(std::string_view text, std::string_view source) {
  return read_alone(source, 0, [&] {
    const json j = parse_text(text);
    const Node root{j, "$"};
    root.only({"schema", "cast_ballots", "contests"});
    if (root.at("schema").text() != "minga.encrypted-tally/1")
      fail("$.schema", "expected \"minga.encrypted-tally/1\"");
    EncryptedTally t;
    t.cast_ballots = root.at("cast_ballots").count();
    const Node cs = root.at("contests");
    for (std::size_t c = 0, nc = cs.size(); c < nc; ++c) {
      const Node cn = cs.at(c);
      cn.only({"options"});
      const Node os = cn.at("options");
      t.totals.emplace_back();
      for (std::size_t o = 0, no = os.size(); o < no; ++o) {
        const Node on = os.at(o);
        on.only({"alpha", "beta"});
        t.totals.back().push_back({on.at("alpha").sum_point(), on.at("beta").sum_point()});
      }
    }
    return t;
  });
}

std::string device_closings_to_json(std::span<const DeviceClosing> closings) { return closings_json(closings).dump(); }

std::vector<DeviceClosing> device_closings_from_json(std::string_view text, std::string_view source) {
  return read_alone(source, 0, [&] {
    const json j = parse_text(text);
    return read_closings(Node{j, "$"});
  });
}

ElectionContext election_context(const ElectionRecord& record) {
  ElectionContext ctx = ElectionContext::make(record.parameters, record.manifest, joint_public_key(record.guardians));
  auto differ = [](const char* field, const char* what) {
    throw Error(Errc::mismatch, Location{"<record>", 0, field}, std::string(what) + " differs from the recomputed one");
  };
  if (!(ctx.public_key == record.public_key)) differ("joint_public_key", "the stored joint key");
  if (ctx.parameter_hash != record.parameter_hash) differ("parameters.parameter_hash", "the stored H_P");
  if (ctx.manifest_hash != record.manifest_hash) differ("manifest_hash", "the stored H_B");
  if (ctx.election_hash != record.election_hash) differ("election_hash", "the stored H_E");
  return ctx;
}

json record_document(const ElectionRecord& record) {
  json guardians_j = json::array();
  for (const GuardianRecord& g : record.guardians) {
    json commitments = json::array();
    for (const Point& p : g.commitments) commitments.push_back(p.hex());
    json responses = json::array();
    for (const Scalar& s : g.proof.responses) responses.push_back(s.hex());
    guardians_j.push_back({{"index", g.index},
                           {"commitments", commitments},
                           {"proof", {{"challenge", g.proof.challenge.hex()}, {"responses", responses}}}});
  }
  json ballots_j = json::array();
  for (const EncryptedBallot& b : record.ballots) ballots_j.push_back(ballot_json(b));
  json contests_j = json::array();
  for (std::size_t c = 0; c < record.tally.totals.size(); ++c) {
    json options = json::array();
    for (std::size_t o = 0; o < record.tally.totals[c].size(); ++o) {
      json option = {{"alpha", record.tally.totals[c][o].alpha.hex()}, {"beta", record.tally.totals[c][o].beta.hex()}};
      if (c < record.decryption.options.size() && o < record.decryption.options[c].size()) {
        const OptionDecryption& d = record.decryption.options[c][o];
        json partials = json::array();
        for (const PartialDecryption& p : d.partials)
          partials.push_back({{"guardian", p.guardian},
                              {"share", p.share.hex()},
                              {"challenge", p.proof.challenge.hex()},
                              {"response", p.proof.response.hex()}});
        option["partials"] = partials;
        option["total"] = d.total;
      }
      options.push_back(option);
    }
    contests_j.push_back({{"options", options}});
  }
  const json j = {
      {"schema", kSchema},
      {"parameters",
       {{"group", "ristretto255"},
        {"guardians", record.parameters.guardians},
        {"quorum", record.parameters.quorum},
        {"parameter_hash", hex_encode(record.parameter_hash)}}},
      {"manifest", json::parse(record.manifest.canonical_json())},
      {"manifest_hash", hex_encode(record.manifest_hash)},
      {"guardians", guardians_j},
      {"joint_public_key", record.public_key.hex()},
      {"election_hash", hex_encode(record.election_hash)},
      {"board", {{"key", record.board_key.to_string()}, {"checkpoint", record.board_checkpoint}}},
      {"ballots", ballots_j},
      {"device_closings", closings_json(record.device_closings)},
      {"tally", {{"cast_ballots", record.tally.cast_ballots}, {"guardians", record.decryption.guardians}, {"contests", contests_j}}}};
  return j;
}

std::string ElectionRecord::to_json() const { return record_document(*this).dump(1); }

ElectionRecord ElectionRecord::from_json(std::string_view text) { return record_from_document(parse_text(text)); }

ElectionRecord record_from_document(const json& j) {
  const Node root{j, "$"};
  root.only({"schema", "parameters", "manifest", "manifest_hash", "guardians", "joint_public_key", "election_hash",
             "board", "ballots", "device_closings", "tally"});
  if (root.at("schema").text() != kSchema) fail("$.schema", "expected \"minga.record/1\"");
  ElectionRecord r;
  const Node params = root.at("parameters");
  params.only({"group", "guardians", "quorum", "parameter_hash"});
  if (params.at("group").text() != "ristretto255") fail("$.parameters.group", "expected \"ristretto255\"");
  r.parameters.guardians = params.at("guardians").count32();
  r.parameters.quorum = params.at("quorum").count32();
  r.parameter_hash = params.at("parameter_hash").hash();
  try {
    r.manifest = Manifest::from_json(root.at("manifest").j.dump());
  } catch (const Error& e) {
    fail("$.manifest." + e.where().field, e.reason());
  }
  r.manifest_hash = root.at("manifest_hash").hash();
  const Node gs = root.at("guardians");
  for (std::size_t i = 0, n = gs.size(); i < n; ++i) {
    const Node g = gs.at(i);
    g.only({"index", "commitments", "proof"});
    GuardianRecord gr;
    gr.index = g.at("index").count32();
    const Node cs = g.at("commitments");
    for (std::size_t k = 0, nk = cs.size(); k < nk; ++k) gr.commitments.push_back(cs.at(k).point());
    const Node p = g.at("proof");
    p.only({"challenge", "responses"});
    gr.proof.challenge = p.at("challenge").scalar();
    gr.proof.responses = p.at("responses").scalars();
    r.guardians.push_back(std::move(gr));
  }
  r.public_key = root.at("joint_public_key").point();
  r.election_hash = root.at("election_hash").hash();
  const Node board = root.at("board");
  board.only({"key", "checkpoint"});
  try {
    r.board_key = NoteVerifier::parse(board.at("key").text());
  } catch (const Error& e) {
    fail("$.board.key", e.reason());
  }
  r.board_checkpoint = board.at("checkpoint").text();
  const Node bs = root.at("ballots");
  for (std::size_t i = 0, n = bs.size(); i < n; ++i) r.ballots.push_back(read_ballot(bs.at(i)));
  r.device_closings = read_closings(root.at("device_closings"));
  const Node t = root.at("tally");
  t.only({"cast_ballots", "guardians", "contests"});
  r.tally.cast_ballots = t.at("cast_ballots").count();
  const Node tg = t.at("guardians");
  for (std::size_t i = 0, n = tg.size(); i < n; ++i) r.decryption.guardians.push_back(tg.at(i).count32());
  const Node tc = t.at("contests");
  for (std::size_t c = 0, nc = tc.size(); c < nc; ++c) {
    const Node cn = tc.at(c);
    cn.only({"options"});
    const Node os = cn.at("options");
    r.tally.totals.emplace_back();
    r.decryption.options.emplace_back();
    for (std::size_t o = 0, no = os.size(); o < no; ++o) {
      const Node on = os.at(o);
      on.only({"alpha", "beta", "partials", "total"});
      r.tally.totals.back().push_back({on.at("alpha").point(), on.at("beta").point()});
      OptionDecryption d;
      const Node ps = on.at("partials");
      for (std::size_t p = 0, np = ps.size(); p < np; ++p) {
        const Node pn = ps.at(p);
        pn.only({"guardian", "share", "challenge", "response"});
        d.partials.push_back({pn.at("guardian").count32(),
                              pn.at("share").point(),
                              {pn.at("challenge").scalar(), pn.at("response").scalar()}});
      }
      d.total = on.at("total").count();
      r.decryption.options.back().push_back(std::move(d));
    }
  }
  return r;
}

ElectionRecord make_record(const ElectionContext& context, std::span<const GuardianRecord> guardians,
                           const BallotBox& box, const EncryptedTally& tally, const TallyDecryption& decryption) {
  ElectionRecord r;
  r.parameters = context.parameters;
  r.parameter_hash = context.parameter_hash;
  r.manifest = context.manifest;
  r.manifest_hash = context.manifest_hash;
  r.guardians.assign(guardians.begin(), guardians.end());
  r.public_key = context.public_key;
  r.election_hash = context.election_hash;
  r.board_key = box.board().verifier();
  r.board_checkpoint = box.board().checkpoint();
  r.ballots = box.ballots();
  r.device_closings = close_device_chains(context.election_hash, r.ballots);
  r.tally = tally;
  r.decryption = decryption;
  return r;
}

}  // namespace minga::verify
