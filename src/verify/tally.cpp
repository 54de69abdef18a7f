// SPDX-License-Identifier: Apache-2.0
// src/verify/tally.cpp - homomorphic tally and threshold decryption (see the header).
#include "minga/verify/tally.hpp"

#include <algorithm>
#include <map>
#include <memory>

#include "minga/core/error.hpp"
#include "minga/verify/contest_kinds.hpp"

namespace minga::verify {

EncryptedTally aggregate(const ElectionContext& context, std::span<const EncryptedBallot> ballots) {
  const Manifest& m = context.manifest;
  EncryptedTally tally;
  std::vector<std::vector<Ciphertext>> sums;  // per contest, over its ciphertexts
  for (const ManifestContest& c : m.contests) sums.emplace_back(contest_ciphertext_count(c));
  for (const EncryptedBallot& b : ballots) {
    if (b.state != BallotState::cast) continue;
    if (b.contests.size() != m.contests.size())
      throw Error(Errc::invalid_argument, Location{"ballot " + b.ballot_id, 0, "contests"},
                  "does not fit the manifest");
    for (std::size_t c = 0; c < m.contests.size(); ++c) {
      if (!contest_fits(m.contests[c], b.contests[c]))
        throw Error(Errc::invalid_argument, Location{"ballot " + b.ballot_id, 0, "contest " + m.contests[c].id},
                    "does not fit the manifest");
      const std::vector<Ciphertext> cts = contest_ciphertexts(b.contests[c]);
      for (std::size_t j = 0; j < cts.size(); ++j) sums[c][j] += cts[j];
    }
    ++tally.cast_ballots;
  }
  for (std::size_t c = 0; c < m.contests.size(); ++c) tally.totals.push_back(contest_results(m.contests[c], sums[c]));
  return tally;
}

EncryptedTally add_tallies(const EncryptedTally& a, const EncryptedTally& b) {
  bool same = a.totals.size() == b.totals.size();
  for (std::size_t c = 0; same && c < a.totals.size(); ++c) same = a.totals[c].size() == b.totals[c].size();
  if (!same) throw Error(Errc::mismatch, "add_tallies: the two tallies have different contests or options");
  EncryptedTally sum = a;
  sum.cast_ballots += b.cast_ballots;
  for (std::size_t c = 0; c < sum.totals.size(); ++c)
    for (std::size_t o = 0; o < sum.totals[c].size(); ++o) sum.totals[c][o] += b.totals[c][o];
  return sum;
}

LocalCeremony run_local_ceremony(const CeremonyParameters& parameters) {
  parameters.validate();
  LocalCeremony out;
  std::vector<GuardianPolynomial> polynomials;
  for (std::uint32_t i = 1; i <= parameters.guardians; ++i) {
    polynomials.emplace_back(parameters, i);
    out.records.push_back(polynomials.back().record());
    if (!verify_guardian_record(parameters, out.records.back()))
      throw Error(Errc::internal, "a fresh guardian record does not verify");
  }
  for (std::uint32_t l = 1; l <= parameters.guardians; ++l) {
    std::vector<SecretScalar> received;
    for (const GuardianPolynomial& sender : polynomials) {
      received.push_back(sender.share_for(l));
      if (!verify_share(out.records[sender.index() - 1], l, received.back()))
        throw Error(Errc::internal, "a fresh share does not verify");
    }
    out.shares.push_back({l, combine_shares(received)});
  }
  return out;
}

DecryptionStatement option_statement(const ElectionContext& context, const EncryptedTally& tally, std::size_t contest,
                                     std::size_t option) {
  return DecryptionStatement{context.election_hash, context.public_key, contest + 1, option + 1,
                             tally.totals.at(contest).at(option)};
}

TallyDecryption decrypt_tally(const ElectionContext& context, std::span<const GuardianRecord> records,
                              const EncryptedTally& tally, std::span<const GuardianShare> available) {
  if (tally.cast_ballots == 0) throw Error(Errc::invalid_argument, "no cast ballot to decrypt");
  const std::uint32_t quorum = context.parameters.quorum;
  if (available.size() < quorum)
    throw Error(Errc::invalid_argument, "decryption needs " + std::to_string(quorum) + " guardians, " +
                                            std::to_string(available.size()) + " are available");
  TallyDecryption out;
  std::vector<Point> public_shares;
  for (const GuardianShare& g : available) {
    if (g.index < 1 || g.index > context.parameters.guardians)
      throw Error(Errc::invalid_argument, "guardian " + std::to_string(g.index) + " is not in the ceremony");
    if (std::find(out.guardians.begin(), out.guardians.end(), g.index) != out.guardians.end())
      throw Error(Errc::invalid_argument, "guardian " + std::to_string(g.index) + " appears twice");
    out.guardians.push_back(g.index);
    public_shares.push_back(share_public_key(records, g.index));
  }
  std::map<std::uint64_t, std::unique_ptr<DiscreteLog>> logs;  // one table per bound
  for (std::size_t c = 0; c < tally.totals.size(); ++c) {
    out.options.emplace_back();
    for (std::size_t o = 0; o < tally.totals[c].size(); ++o) {
      const std::uint64_t bound = result_bound(context.manifest.contests.at(c), o, tally.cast_ballots);
      auto& log = logs[bound];
      if (!log) log = std::make_unique<DiscreteLog>(context.public_key, bound);
      const DecryptionStatement st = option_statement(context, tally, c, o);
      OptionDecryption od;
      for (std::size_t g = 0; g < available.size(); ++g) {
        od.partials.push_back(partial_decrypt(st, available[g].index, available[g].share));
        if (!verify_partial_decryption(st, public_shares[g], od.partials.back()))
          throw Error(Errc::mismatch, "guardian " + std::to_string(available[g].index) +
                                          "'s partial decryption does not verify (wrong share?)");
      }
      const Point combined = combine_partial_decryptions(od.partials, quorum);
      od.total = log->solve(plaintext_point(st.total, combined));
      out.options.back().push_back(std::move(od));
    }
  }
  return out;
}

}  // namespace minga::verify
