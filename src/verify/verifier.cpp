// SPDX-License-Identifier: Apache-2.0
// src/verify/verifier.cpp - the independent verifier (see the header for the checks).
#include "minga/verify/verifier.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "minga/core/error.hpp"
#include "minga/verify/contest_kinds.hpp"
#include "minga/verify/hash.hpp"

namespace minga::verify {
namespace {

// Collects failures of one check: the first reason and a count.
class Tracker {
 public:
  Tracker(std::string name, std::string what) : name_(std::move(name)), what_(std::move(what)) {}
  void fail(const std::string& reason) {
    if (failures_++ == 0) first_ = reason;
  }
  // Runs f; a minga::Error thrown by it (bad data that cannot even be computed on) is a failure.
  void guard(const std::string& where, const std::function<void()>& f) {
    try {
      f();
    } catch (const Error& e) {
      fail(where + ": " + e.what());
    }
  }
  VerificationCheck result() const {
    if (failures_ == 0) return {name_, true, what_};
    return {name_, false, first_ + (failures_ > 1 ? " (and " + std::to_string(failures_ - 1) + " more)" : "")};
  }

 private:
  std::string name_, what_, first_;
  std::size_t failures_ = 0;
};

std::string ballot_name(const EncryptedBallot& b, std::size_t i) {
  return "ballot " + std::to_string(i + 1) + " (" + b.ballot_id + ")";
}

// The verifier's own context: recomputed hashes (falling back to the stored key
// only when the guardians' key cannot be formed, which joint_key reports).
struct Recomputed {
  bool params_ok = false;
  Bytes32 h_p{}, h_b{}, h_e{};
  Point k;
};

// Runs f(0..n-1) on `threads` threads (0: all cores). f must not throw minga::Error
// for bad data (it reports findings instead); anything else it throws is rethrown.
// `progress`, when set, is called on the calling thread only, about every 1% of n;
// when it throws (a user's interrupt), the workers stop and the exception propagates.
template <class F>
void parallel_for(std::size_t n, unsigned threads, F&& f, const VerifyProgress& progress = {}) {
  const std::size_t workers =
      std::clamp<std::size_t>(threads ? threads : std::thread::hardware_concurrency(), 1, std::max<std::size_t>(n, 1));
  std::atomic<std::size_t> next{0}, done{0};
  std::atomic<bool> stop{false};  // set by the first worker that throws: the others finish their item and stop
  const std::size_t step = std::max<std::size_t>(n / 100, 1);
  std::size_t reported = 0;  // by worker 0, the calling thread
  std::vector<std::exception_ptr> errors(workers);
  auto work = [&](std::size_t w) {
    try {
      for (std::size_t i = next++; i < n && !stop; i = next++) {
        f(i);
        const std::size_t finished = ++done;
        if (w == 0 && progress && finished >= reported + step) progress(reported = finished, n);
      }
    } catch (...) {
      errors[w] = std::current_exception();
      stop = true;
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t w = 1; w < workers; ++w) pool.emplace_back(work, w);
  work(0);
  for (std::thread& t : pool) t.join();
  for (const std::exception_ptr& e : errors)
    if (e) std::rethrow_exception(e);
  if (progress) progress(n, n);
}

bool fits_manifest(const Manifest& m, const EncryptedBallot& b) {
  if (b.contests.size() != m.contests.size()) return false;
  for (std::size_t c = 0; c < m.contests.size(); ++c)
    if (!contest_fits(m.contests[c], b.contests[c])) return false;
  return true;
}

// " option <id>" (one result per option), or " result <id>.first" and the like.
std::string result_name(const ManifestContest& c, std::size_t result) {
  const bool per_option = contest_result_count(c) == c.options.size();
  return (per_option ? " option " : " result ") + contest_result_id(c, result);
}

// Sums of each contest's ciphertexts over the cast ballots that fit the manifest.
struct ContestSums {
  std::vector<std::vector<Ciphertext>> sums;
  explicit ContestSums(const Manifest& m) {
    for (const ManifestContest& c : m.contests) sums.emplace_back(contest_ciphertext_count(c));
  }
  void add(const EncryptedBallot& b) {
    for (std::size_t c = 0; c < sums.size(); ++c) {
      const std::vector<Ciphertext> cts = contest_ciphertexts(b.contests[c]);
      for (std::size_t j = 0; j < cts.size(); ++j) sums[c][j] += cts[j];
    }
  }
  std::vector<std::vector<Ciphertext>> results(const Manifest& m) const {
    std::vector<std::vector<Ciphertext>> out;
    for (std::size_t c = 0; c < sums.size(); ++c) out.push_back(contest_results(m.contests[c], sums[c]));
    return out;
  }
};

// Each chained device's closing, recomputed from its ballots in record order, against the
// closings the record states: the same devices, counts and hashes (device_chains).
void check_closings(const Bytes32& h_e, const ElectionRecord& r, Tracker& t) {
  std::map<std::string, DeviceClosing> expected;
  for (DeviceClosing& d : close_device_chains(h_e, r.ballots)) expected.emplace(d.device_id, std::move(d));
  std::set<std::string> unchained, stated;
  for (const EncryptedBallot& b : r.ballots)
    if (b.chain_mode != ChainMode::chained) unchained.insert(b.device_id);
  for (const DeviceClosing& d : r.device_closings) {
    const std::string name = "device " + d.device_id;
    if (!stated.insert(d.device_id).second) {
      t.fail(name + " closes twice");
      continue;
    }
    auto it = expected.find(d.device_id);
    if (it == expected.end()) {
      if (unchained.contains(d.device_id))
        t.fail(name + " does not chain its codes, so it has no closing");
      else if (d.ballots != 0)
        t.fail(name + " closed with " + std::to_string(d.ballots) + " ballots, the record holds none of it");
      else if (d.closing_hash != device_closing_hash(h_e, d.device_id, 0, device_hash(h_e, d.device_id)))
        t.fail(name + ": its closing hash is not that of an empty chain");
      continue;
    }
    if (d.ballots != it->second.ballots)
      t.fail(name + " closed with " + std::to_string(d.ballots) + " ballots, the record holds " +
             std::to_string(it->second.ballots));
    else if (d.closing_hash != it->second.closing_hash)
      t.fail(name + ": its closing hash is not that of its last ballot's code");
  }
  for (const auto& [device, closing] : expected)
    if (!stated.contains(device)) t.fail("device " + device + " has no closing");
}

}  // namespace

BallotFindings check_ballot(const ElectionContext& context, const EncryptedBallot& b, const std::string& name) {
  BallotFindings f;
  const Manifest& m = context.manifest;
  if (!fits_manifest(m, b)) {
    f.selection.push_back(name + ": its contests and options do not match the manifest");
    return f;
  }
  const Bytes32 h_i = selection_hash(context.election_hash, b.ballot_id);
  for (std::size_t c = 0; c < m.contests.size(); ++c) {
    ContestFindings cf = check_contest(context, h_i, c + 1, b.contests[c], name);
    f.selections += cf.proofs;
    f.selection.insert(f.selection.end(), cf.own.begin(), cf.own.end());
    f.limit.insert(f.limit.end(), cf.sums.begin(), cf.sums.end());
  }
  if (compute_confirmation_code(h_i, b) != b.confirmation_code)
    f.code.push_back(name + ": confirmation code does not match its ciphertexts and chain field");
  return f;
}

BatchVerification verify_ballots(const ElectionContext& context, std::span<const EncryptedBallot> ballots,
                                 std::uint64_t first_index, unsigned threads, const VerifyProgress& progress) {
  std::vector<BallotFindings> findings(ballots.size());
  parallel_for(
      ballots.size(), threads,
      [&](std::size_t i) { findings[i] = check_ballot(context, ballots[i], ballot_name(ballots[i], first_index + i)); },
      progress);
  BatchVerification out;
  out.ballots = ballots.size();
  ContestSums sums(context.manifest);
  for (std::size_t i = 0; i < ballots.size(); ++i) {
    const BallotFindings& f = findings[i];
    out.selections += f.selections;
    for (const auto* list : {&f.selection, &f.limit, &f.code})
      out.failures.insert(out.failures.end(), list->begin(), list->end());
    const EncryptedBallot& b = ballots[i];
    if (b.state != BallotState::cast || !fits_manifest(context.manifest, b)) continue;
    ++out.sum.cast_ballots;
    sums.add(b);
  }
  out.sum.totals = sums.results(context.manifest);
  return out;
}

std::vector<VerificationCheck> verify_record(const ElectionRecord& r, const VerifyProgress& progress) {
  std::vector<VerificationCheck> out;
  const Manifest& m = r.manifest;
  Recomputed re;

  {  // parameters
    Tracker t("parameters", "n = " + std::to_string(r.parameters.guardians) +
                                ", k = " + std::to_string(r.parameters.quorum) + ", H_P recomputed");
    t.guard("parameters", [&] {
      r.parameters.validate();
      re.h_p = r.parameters.parameter_hash();
      re.params_ok = true;
      if (re.h_p != r.parameter_hash) t.fail("stored parameter_hash differs from H_P recomputed from n and k");
    });
    out.push_back(t.result());
  }
  {  // guardians
    Tracker t("guardians", std::to_string(r.guardians.size()) + " guardian records with valid proofs of possession");
    if (r.guardians.size() != r.parameters.guardians)
      t.fail(std::to_string(r.guardians.size()) +
             " guardian records for n = " + std::to_string(r.parameters.guardians));
    std::set<std::uint32_t> seen;
    for (const GuardianRecord& g : r.guardians) {
      if (!seen.insert(g.index).second) t.fail("guardian " + std::to_string(g.index) + " appears twice");
      if (!re.params_ok || !verify_guardian_record(r.parameters, g))
        t.fail("guardian " + std::to_string(g.index) + ": commitments or proof of possession do not verify");
    }
    out.push_back(t.result());
  }
  {  // joint key
    Tracker t("joint_key", "K is the sum of the guardians' first commitments");
    re.k = r.public_key;
    t.guard("joint key", [&] {
      re.k = joint_public_key(r.guardians);
      if (!(re.k == r.public_key)) t.fail("stored joint_public_key is not the sum of the guardians' K_i0");
    });
    out.push_back(t.result());
  }
  {  // hash chain
    Tracker t("hash_chain", "H_B from the canonical manifest and H_E from H_B and K recomputed");
    t.guard("manifest", [&] {
      re.h_b = m.hash(re.h_p);
      re.h_e = Transcript(re.h_b, Tag::election).point(re.k).h32();
      if (re.h_b != r.manifest_hash) t.fail("stored manifest_hash differs from H_B recomputed");
      if (re.h_e != r.election_hash) t.fail("stored election_hash differs from H_E recomputed");
    });
    out.push_back(t.result());
  }
  {  // ballot ids
    Tracker t("ballot_ids", std::to_string(r.ballots.size()) + " ballot ids, all distinct");
    std::set<std::string> ids;
    for (std::size_t i = 0; i < r.ballots.size(); ++i)
      if (!ids.insert(r.ballots[i].ballot_id).second)
        t.fail(ballot_name(r.ballots[i], i) + ": id repeats an earlier ballot");
    out.push_back(t.result());
  }

  // Per-ballot proofs and codes: independent per ballot, so split across the cores.
  const ElectionContext ctx{r.parameters, m, re.k, re.h_p, re.h_b, re.h_e};
  std::vector<BallotFindings> findings(r.ballots.size());
  parallel_for(r.ballots.size(), 0,
               [&](std::size_t i) { findings[i] = check_ballot(ctx, r.ballots[i], ballot_name(r.ballots[i], i)); },
               progress);
  Tracker sel("selection_proofs",
              "every selection's own proof holds (range 0..R; ranked indicators 0..1; quadratic vote pairs)");
  Tracker lim("limit_proofs",
              "every proof on a recomputed sum holds (limits 0..L; ranked rows, ranks and gaps; quadratic budgets)");
  Tracker codes("confirmation_codes", "every confirmation code recomputed from its ballot");
  std::size_t selections = 0;
  for (const BallotFindings& f : findings) {
    selections += f.selections;
    for (const std::string& s : f.selection) sel.fail(s);
    for (const std::string& s : f.limit) lim.fail(s);
    for (const std::string& s : f.code) codes.fail(s);
  }
  out.push_back(sel.result());
  out.back().reason += out.back().passed ? " (" + std::to_string(selections) + " selections)" : "";
  out.push_back(lim.result());
  out.push_back(codes.result());

  {  // device chains
    Tracker t("device_chains",
              "each device's ballots chain from its device hash in record order; each chained device's closing holds");
    std::map<std::string, std::pair<ChainMode, Bytes32>> state;  // device -> (mode, previous code)
    for (std::size_t i = 0; i < r.ballots.size(); ++i) {
      const EncryptedBallot& b = r.ballots[i];
      const std::string name = ballot_name(b, i);
      auto it = state.find(b.device_id);
      if (it == state.end()) {
        if (b.chain_value != device_hash(re.h_e, b.device_id))
          t.fail(name + ": first ballot of device " + b.device_id + " does not start from the device hash");
        state.emplace(b.device_id, std::make_pair(b.chain_mode, b.confirmation_code));
        continue;
      }
      auto& [mode, previous] = it->second;
      if (b.chain_mode != mode) t.fail(name + ": device " + b.device_id + " changes chaining mode");
      const Bytes32 expected = mode == ChainMode::chained ? previous : device_hash(re.h_e, b.device_id);
      if (b.chain_value != expected)
        t.fail(name + ": chain value is not " +
               (mode == ChainMode::chained ? "the previous code on device " : "the device hash of ") + b.device_id);
      previous = b.confirmation_code;
    }
    check_closings(re.h_e, r, t);
    out.push_back(t.result());
  }
  {  // spoiled ballots
    Tracker t("spoiled_ballots",
              "every spoiled ballot reopens to its ciphertexts and code; cast ballots are not opened");
    std::size_t spoiled = 0;
    for (std::size_t i = 0; i < r.ballots.size(); ++i) {
      const EncryptedBallot& b = r.ballots[i];
      const std::string name = ballot_name(b, i);
      if (b.state == BallotState::cast) {
        if (b.opening) t.fail(name + ": a cast ballot carries an opening (its secret nonce)");
        continue;
      }
      ++spoiled;
      if (!b.opening) {
        t.fail(name + ": spoiled without an opening");
        continue;
      }
      t.guard(name, [&] {
        const EncryptedBallot again = reopen_ballot(ctx, b);
        bool same = again.confirmation_code == b.confirmation_code && fits_manifest(m, b);
        for (std::size_t c = 0; same && c < b.contests.size(); ++c)
          same = contest_ciphertexts(again.contests[c]) == contest_ciphertexts(b.contests[c]);
        if (!same) t.fail(name + ": the opening does not re-encrypt to the ballot and its code");
      });
    }
    out.push_back(t.result());
    out.back().reason += out.back().passed ? " (" + std::to_string(spoiled) + " spoiled)" : "";
  }

  std::uint64_t cast = 0;
  for (const EncryptedBallot& b : r.ballots) cast += b.state == BallotState::cast;
  {  // board
    Tracker t("board",
              "signed checkpoint covers exactly the " + std::to_string(cast) + " cast ballots' codes, in order");
    t.guard("checkpoint", [&] {
      const Checkpoint cp = open_checkpoint(r.board_checkpoint, r.board_key);
      MerkleLog log;
      for (const EncryptedBallot& b : r.ballots)
        if (b.state == BallotState::cast) log.append(b.confirmation_code);
      if (cp.tree_size != cast)
        t.fail("checkpoint has " + std::to_string(cp.tree_size) + " leaves, the record " + std::to_string(cast) +
               " cast ballots");
      else if (cp.root != log.root())
        t.fail("checkpoint root is not the Merkle root of the cast ballots' codes");
    });
    out.push_back(t.result());
  }

  // Aggregate, recomputed from cast ballots only (ranked and quadratic results formed from the sums).
  ContestSums sums(m);
  for (const EncryptedBallot& b : r.ballots)
    if (b.state == BallotState::cast && fits_manifest(m, b)) sums.add(b);
  const std::vector<std::vector<Ciphertext>> totals = sums.results(m);
  {
    Tracker t("aggregate", "tally ciphertexts are the sums over the " + std::to_string(cast) + " cast ballots");
    if (r.tally.cast_ballots != cast)
      t.fail("tally says " + std::to_string(r.tally.cast_ballots) + " cast ballots, the record has " +
             std::to_string(cast));
    bool shape = r.tally.totals.size() == totals.size() && r.decryption.options.size() == totals.size();
    for (std::size_t c = 0; shape && c < totals.size(); ++c)
      shape = r.tally.totals[c].size() == totals[c].size() && r.decryption.options[c].size() == totals[c].size();
    if (!shape) {
      t.fail("the tally's contests and options do not match the manifest");
    } else {
      for (std::size_t c = 0; c < totals.size(); ++c)
        for (std::size_t o = 0; o < totals[c].size(); ++o)
          if (!(r.tally.totals[c][o] == totals[c][o]))
            t.fail("contest " + m.contests[c].id + result_name(m.contests[c], o) +
                   ": tally ciphertext is not the sum of the cast ballots");
    }
    out.push_back(t.result());
  }
  {  // decryption, against the recomputed totals
    Tracker t("decryption", "partial decryptions proved, combined totals match K*t");
    const std::vector<std::uint32_t>& set = r.decryption.guardians;
    const std::set<std::uint32_t> distinct(set.begin(), set.end());
    if (distinct.size() != set.size()) t.fail("a guardian appears twice in the decrypting set");
    if (set.size() < r.parameters.quorum)
      t.fail(std::to_string(set.size()) + " decrypting guardians, quorum " + std::to_string(r.parameters.quorum));
    std::map<std::uint32_t, Point> public_shares;
    for (std::uint32_t g : distinct)
      t.guard("guardian " + std::to_string(g), [&] {
        if (g < 1 || g > r.parameters.guardians) throw Error(Errc::invalid_argument, "not in the ceremony");
        public_shares[g] = share_public_key(r.guardians, g);
      });
    for (std::size_t c = 0; c < totals.size() && c < r.decryption.options.size(); ++c)
      for (std::size_t o = 0; o < totals[c].size() && o < r.decryption.options[c].size(); ++o) {
        const OptionDecryption& d = r.decryption.options[c][o];
        const std::string where = "contest " + m.contests[c].id + result_name(m.contests[c], o);
        const DecryptionStatement st{re.h_e, re.k, c + 1, o + 1, totals[c][o]};
        std::vector<std::uint32_t> used;
        bool ok = true;
        for (const PartialDecryption& p : d.partials) {
          used.push_back(p.guardian);
          auto it = public_shares.find(p.guardian);
          if (it == public_shares.end() || !verify_partial_decryption(st, it->second, p)) {
            t.fail(where + ": guardian " + std::to_string(p.guardian) + "'s partial decryption does not verify");
            ok = false;
          }
        }
        std::sort(used.begin(), used.end());
        if (used != std::vector<std::uint32_t>(distinct.begin(), distinct.end())) {
          t.fail(where + ": partials are not exactly the decrypting set");
          ok = false;
        }
        if (d.total > result_bound(m.contests[c], o, cast)) {
          t.fail(where + ": total " + std::to_string(d.total) + " is above the most the cast ballots allow");
          ok = false;
        }
        if (!ok) continue;
        t.guard(where, [&] {
          const Point combined = combine_partial_decryptions(d.partials, r.parameters.quorum);
          if (!check_plaintext(st, combined, d.total))
            t.fail(where + ": total " + std::to_string(d.total) + " is not the decryption");
        });
      }
    out.push_back(t.result());
  }
  return out;
}

std::string batch_verification_json(const BatchVerification& batch) {
  return nlohmann::json{{"ballots", batch.ballots},
                        {"selections", batch.selections},
                        {"passed", batch.failures.empty()},
                        {"failures", batch.failures},
                        {"sum", nlohmann::json::parse(encrypted_tally_to_json(batch.sum))}}
      .dump();
}

std::vector<EncryptedBallot> encrypted_ballots_from_jsonl(std::string_view rest, std::string_view source) {
  std::vector<EncryptedBallot> ballots;
  for (std::uint64_t line = 1; !rest.empty(); ++line) {
    const std::size_t end = std::min(rest.find('\n'), rest.size());
    const std::string_view text = rest.substr(0, end);
    rest.remove_prefix(std::min(rest.size(), end + 1));
    if (text.find_first_not_of(" \t\r") != std::string_view::npos)
      ballots.push_back(encrypted_ballot_from_json(text, source, line));
  }
  return ballots;
}

std::string verification_report_json(const std::vector<VerificationCheck>& checks) {
  nlohmann::json list = nlohmann::json::array();
  for (const VerificationCheck& c : checks) list.push_back({{"check", c.name}, {"passed", c.passed}, {"reason", c.reason}});
  return nlohmann::json{{"schema", "minga.verification/1"}, {"passed", all_passed(checks)}, {"checks", list}}.dump(1);
}

bool all_passed(const std::vector<VerificationCheck>& checks) noexcept {
  return std::all_of(checks.begin(), checks.end(), [](const VerificationCheck& c) { return c.passed; });
}

}  // namespace minga::verify
