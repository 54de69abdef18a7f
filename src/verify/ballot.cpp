// SPDX-License-Identifier: Apache-2.0
// src/verify/ballot.cpp - ballot encryption, confirmation codes, cast or challenge (see the header).
#include "minga/verify/ballot.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <utility>

#include "minga/core/error.hpp"
#include "minga/verify/contest_kinds.hpp"
#include "minga/verify/hash.hpp"

namespace minga::verify {
namespace {

[[noreturn]] void bad_ballot(const std::string& ballot_id, const std::string& field, const std::string& reason) {
  throw Error(Errc::invalid_argument, Location{"ballot " + ballot_id, 0, field}, reason);
}

void check_ballot_id(const std::string& id) {
  if (!is_valid_id(id)) bad_ballot(id, "ballot_id", "an id has 1 to 64 characters of A-Z a-z 0-9 . _ -");
}

// Encrypts one ballot's choices (already validated) with the ballot nonce.
std::vector<EncryptedContest> encrypt_contests(const ElectionContext& ctx, const Bytes32& h_i,
                                               const std::vector<std::vector<std::uint64_t>>& choices,
                                               const SecretScalar& ballot_nonce) {
  std::vector<EncryptedContest> out;
  out.reserve(choices.size());
  for (std::size_t c = 0; c < choices.size(); ++c)
    out.push_back(encrypt_contest(ctx, h_i, c + 1, choices[c], ballot_nonce));
  return out;
}

}  // namespace

PlaintextBallot plaintext_ballot_from_json(const Manifest& manifest, std::string_view text, std::string_view source) {
  using nlohmann::json;
  auto fail = [&](const std::string& field, const std::string& reason) -> void {
    throw Error(Errc::parse, Location{std::string(source), 0, field}, reason);
  };
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception& e) {
    fail("", std::string("malformed JSON: ") + e.what());
  }
  if (!j.is_object()) fail("", "expected a JSON object {\"ballot_id\": ..., \"selections\": {...}}");
  for (const auto& [key, value] : j.items())
    if (key != "ballot_id" && key != "selections") fail(key, "unknown field");
  if (!j.contains("ballot_id") || !j["ballot_id"].is_string()) fail("ballot_id", "expected a string");
  PlaintextBallot ballot{j["ballot_id"].get<std::string>(), {}};
  for (const ManifestContest& c : manifest.contests)  // left out: 0, or no votes (v + V = V) in a quadratic contest
    ballot.selections.emplace_back(c.options.size(), c.kind == ContestKind::quadratic ? c.option_range : 0);
  const json selections = j.value("selections", json::object());
  if (!selections.is_object()) fail("selections", "expected an object of contests");
  for (const auto& [contest_id, options] : selections.items()) {
    const std::string field = "selections." + contest_id;
    std::size_t c = 0;
    while (c < manifest.contests.size() && manifest.contests[c].id != contest_id) ++c;
    if (c == manifest.contests.size()) fail(field, "no such contest in the manifest");
    if (!options.is_object()) fail(field, "expected an object of option ids to numbers");
    const ManifestContest& mc = manifest.contests[c];
    const bool quadratic = mc.kind == ContestKind::quadratic;
    for (const auto& [option_id, value] : options.items()) {
      std::size_t o = 0;
      while (o < mc.options.size() && mc.options[o].id != option_id) ++o;
      if (o == mc.options.size()) fail(field + "." + option_id, "no such option in the contest");
      if (quadratic) {
        // Votes -V..V, kept as v + V (validate_plaintext then checks 0..2V and the budget).
        const auto v = static_cast<std::int64_t>(mc.option_range);
        if (!value.is_number_integer()) fail(field + "." + option_id, "expected an integer number of votes");
        if (value.is_number_unsigned() ? value.get<std::uint64_t>() > mc.option_range
                                       : value.get<std::int64_t>() < -v)
          fail(field + "." + option_id, "votes are -" + std::to_string(v) + ".." + std::to_string(v));
        ballot.selections[c][o] = static_cast<std::uint64_t>(value.get<std::int64_t>() + v);
      } else {
        if (!value.is_number_unsigned()) fail(field + "." + option_id, "expected a non-negative integer");
        ballot.selections[c][o] = value.get<std::uint64_t>();
      }
    }
  }
  validate_plaintext(manifest, ballot);
  return ballot;
}

ElectionContext ElectionContext::make(const CeremonyParameters& parameters, Manifest manifest,
                                      const Point& public_key) {
  parameters.validate();
  manifest.validate();
  if (public_key.is_identity()) throw Error(Errc::invalid_argument, "the joint public key is the identity");
  ElectionContext ctx{parameters, std::move(manifest), public_key, {}, {}, {}};
  ctx.parameter_hash = parameters.parameter_hash();
  ctx.manifest_hash = ctx.manifest.hash(ctx.parameter_hash);
  ctx.election_hash = Transcript(ctx.manifest_hash, Tag::election).point(public_key).h32();
  return ctx;
}

Bytes32 selection_hash(const Bytes32& election_hash, std::string_view ballot_id) {
  return Transcript(election_hash, Tag::selection_id).text(ballot_id).h32();
}

Bytes32 device_hash(const Bytes32& election_hash, std::string_view device_id) {
  return Transcript(election_hash, Tag::confirmation_code).text("minga.device").text(device_id).h32();
}

Bytes32 device_closing_hash(const Bytes32& election_hash, std::string_view device_id, std::uint64_t ballots,
                            const Bytes32& last_code) {
  return Transcript(election_hash, Tag::device_closing).text(device_id).u64(ballots).bytes(last_code).h32();
}

void validate_plaintext(const Manifest& manifest, const PlaintextBallot& ballot) {
  check_ballot_id(ballot.ballot_id);
  if (ballot.selections.size() != manifest.contests.size())
    bad_ballot(ballot.ballot_id, "selections",
               "has " + std::to_string(ballot.selections.size()) + " contests, the manifest " +
                   std::to_string(manifest.contests.size()));
  for (std::size_t c = 0; c < manifest.contests.size(); ++c) {
    const ManifestContest& mc = manifest.contests[c];
    const auto& row = ballot.selections[c];
    const std::string at = "contest " + mc.id;
    if (row.size() != mc.options.size())
      bad_ballot(ballot.ballot_id, at,
                 "has " + std::to_string(row.size()) + " options, the manifest " + std::to_string(mc.options.size()));
    if (const std::optional<ChoiceProblem> p = contest_choice_problem(mc, row))
      bad_ballot(ballot.ballot_id, p->option.empty() ? at : at + " option " + p->option, p->reason);
  }
}

Bytes32 contest_hash(const Bytes32& selection_hash, std::uint64_t contest, const EncryptedContest& encrypted) {
  Transcript t(selection_hash, Tag::contest_hash);
  t.u64(contest);
  for (const Ciphertext& ct : contest_ciphertexts(encrypted)) t.point(ct.alpha).point(ct.beta);
  return t.h32();
}

std::vector<Ciphertext> contest_ciphertexts(const EncryptedContest& contest) {
  std::vector<Ciphertext> out;
  for (const EncryptedSelection& s : contest.selections) out.push_back(s.ciphertext);
  for (const EncryptedQuadraticVote& v : contest.votes) {
    out.push_back(v.vote);
    out.push_back(v.square);
  }
  return out;
}

Bytes32 compute_confirmation_code(const Bytes32& selection_hash, const EncryptedBallot& ballot) {
  Transcript t(selection_hash, Tag::confirmation_code);
  for (std::size_t c = 0; c < ballot.contests.size(); ++c)
    t.bytes(contest_hash(selection_hash, c + 1, ballot.contests[c]));
  t.u64(static_cast<std::uint32_t>(ballot.chain_mode)).bytes(ballot.chain_value);
  return t.h32();
}

EncryptedBallot encrypt_ballot(const ElectionContext& context, const PlaintextBallot& plaintext,
                               const SecretScalar& ballot_nonce, std::string device_id, ChainMode mode,
                               const Bytes32& chain_value) {
  validate_plaintext(context.manifest, plaintext);
  EncryptedBallot b;
  b.ballot_id = plaintext.ballot_id;
  b.device_id = std::move(device_id);
  b.chain_mode = mode;
  b.chain_value = chain_value;
  const Bytes32 h_i = selection_hash(context.election_hash, b.ballot_id);
  b.contests = encrypt_contests(context, h_i, plaintext.selections, ballot_nonce);
  b.confirmation_code = compute_confirmation_code(h_i, b);
  return b;
}

EncryptedBallot reopen_ballot(const ElectionContext& context, const EncryptedBallot& ballot) {
  if (!ballot.opening) bad_ballot(ballot.ballot_id, "opening", "the ballot was not challenged: it has no opening");
  const PlaintextBallot plaintext{ballot.ballot_id, ballot.opening->selections};
  validate_plaintext(context.manifest, plaintext);
  if (ballot.opening->ballot_nonce.is_zero()) bad_ballot(ballot.ballot_id, "opening.ballot_nonce", "is zero");
  const SecretScalar nonce(ballot.opening->ballot_nonce);
  EncryptedBallot again = ballot;
  const Bytes32 h_i = selection_hash(context.election_hash, ballot.ballot_id);
  // Only the ciphertexts are reproducible (proofs use fresh randomness); keep the ballot's proofs.
  for (std::size_t c = 0; c < plaintext.selections.size() && c < again.contests.size(); ++c) {
    const std::vector<Ciphertext> cts = reencrypt_contest(context, h_i, c + 1, plaintext.selections[c], nonce);
    EncryptedContest& ec = again.contests[c];
    std::size_t j = 0;
    for (EncryptedSelection& s : ec.selections)
      if (j < cts.size()) s.ciphertext = cts[j++];
    for (EncryptedQuadraticVote& v : ec.votes)
      if (j + 1 < cts.size()) {
        v.vote = cts[j++];
        v.square = cts[j++];
      }
  }
  again.confirmation_code = compute_confirmation_code(h_i, again);
  return again;
}

EncryptionDevice::EncryptionDevice(const ElectionContext& context, std::string device_id, ChainMode mode)
    : context_(&context), device_id_(std::move(device_id)), mode_(mode) {
  check_ballot_id(device_id_);
  device_hash_ = device_hash(context.election_hash, device_id_);
  last_code_ = device_hash_;
}

PendingBallot EncryptionDevice::encrypt(const PlaintextBallot& plaintext) {
  return encrypt(plaintext, SecretScalar::random());
}

PendingBallot EncryptionDevice::encrypt(const PlaintextBallot& plaintext, SecretScalar nonce) {
  const Bytes32 chain = mode_ == ChainMode::chained ? last_code_ : device_hash_;
  EncryptedBallot b = encrypt_ballot(*context_, plaintext, nonce, device_id_, mode_, chain);
  last_code_ = b.confirmation_code;
  ++ballots_;
  return PendingBallot{std::move(b), std::move(nonce), plaintext};
}

DeviceClosing EncryptionDevice::close() const {
  if (mode_ != ChainMode::chained)
    throw Error(Errc::invalid_argument, Location{"device " + device_id_, 0, "chain_mode"},
                "a device that does not chain its codes has no chain to close");
  return {device_id_, ballots_, device_closing_hash(context_->election_hash, device_id_, ballots_, last_code_)};
}

std::vector<DeviceClosing> close_device_chains(const Bytes32& election_hash, std::span<const EncryptedBallot> ballots) {
  std::map<std::string, std::pair<std::uint64_t, Bytes32>> chains;  // device -> (ballots, last code)
  for (const EncryptedBallot& b : ballots) {
    if (b.chain_mode != ChainMode::chained) continue;
    auto& [n, last] = chains[b.device_id];
    ++n;
    last = b.confirmation_code;
  }
  std::vector<DeviceClosing> out;
  for (const auto& [device, chain] : chains)
    out.push_back({device, chain.first, device_closing_hash(election_hash, device, chain.first, chain.second)});
  return out;
}

BallotBox::BallotBox(const ElectionContext& context, SigningKey board_key)
    : context_(&context), board_(context.election_hash, std::move(board_key)) {}

void BallotBox::admit(const EncryptedBallot& ballot) {
  if (index_of_id_.contains(ballot.ballot_id))
    bad_ballot(ballot.ballot_id, "ballot_id", "a ballot with this id was already submitted");
  index_of_id_.emplace(ballot.ballot_id, ballots_.size());
}

Receipt BallotBox::cast(PendingBallot&& pending) {
  admit(pending.ballot);
  Receipt receipt = board_.append(pending.ballot.confirmation_code);
  pending.ballot.state = BallotState::cast;
  pending.ballot.opening.reset();
  ballots_.push_back(std::move(pending.ballot));
  { SecretScalar wiped = std::move(pending.nonce); }  // wipes the ballot nonce now
  return receipt;
}

const EncryptedBallot& BallotBox::challenge(PendingBallot&& pending) {
  admit(pending.ballot);
  pending.ballot.state = BallotState::spoiled;
  pending.ballot.opening = BallotOpening{pending.nonce.reveal(), pending.plaintext.selections};
  ballots_.push_back(std::move(pending.ballot));
  return ballots_.back();
}

void BallotBox::check_acceptable(const EncryptedBallot& ballot) const {
  check_ballot_id(ballot.ballot_id);
  if (ballot.state == BallotState::spoiled && !ballot.opening)
    bad_ballot(ballot.ballot_id, "opening", "a spoiled ballot needs its opening");
  if (ballot.state == BallotState::cast && ballot.opening)
    bad_ballot(ballot.ballot_id, "opening", "a cast ballot must not carry its nonce");
  if (index_of_id_.contains(ballot.ballot_id))
    bad_ballot(ballot.ballot_id, "ballot_id", "a ballot with this id was already submitted");
  if (ballot.state == BallotState::cast && board_.find(ballot.confirmation_code))
    bad_ballot(ballot.ballot_id, "confirmation_code", "a ballot with this confirmation code is already on the board");
}

std::optional<Receipt> BallotBox::accept(EncryptedBallot ballot) {
  check_acceptable(ballot);
  std::optional<Receipt> receipt;
  if (ballot.state == BallotState::cast) receipt = board_.append(ballot.confirmation_code);
  admit(ballot);
  ballots_.push_back(std::move(ballot));
  return receipt;
}

}  // namespace minga::verify
