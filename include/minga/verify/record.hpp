// SPDX-License-Identifier: Apache-2.0
// minga/verify/record.hpp - the election record: everything a verifier needs, as JSON.
//
// Schema "minga.record/1"; docs/verify_record.md is the normative description
// (field by field, with a test vector). Points and scalars are lower-case hex
// of their 32-byte encodings (group.hpp), hashes 64 hex digits, indices and
// counts JSON integers. The record holds no secret except, on purpose, the
// ballot nonce of each challenged (spoiled) ballot.
//
// The hashes H_P, H_B, H_E and the joint key are stored as published; a verifier
// recomputes every one of them (verifier.hpp) and never trusts the stored value.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "minga/export.h"
#include "minga/verify/ballot.hpp"
#include "minga/verify/checkpoint.hpp"
#include "minga/verify/keys.hpp"
#include "minga/verify/manifest.hpp"
#include "minga/verify/tally.hpp"

namespace minga::verify {

struct MINGA_EXPORT ElectionRecord {
  CeremonyParameters parameters;
  Bytes32 parameter_hash{};  ///< H_P as published
  Manifest manifest;
  Bytes32 manifest_hash{};  ///< H_B as published
  std::vector<GuardianRecord> guardians;
  Point public_key;         ///< K as published
  Bytes32 election_hash{};  ///< H_E as published
  NoteVerifier board_key;
  std::string board_checkpoint;          ///< the board's signed checkpoint after the last cast ballot
  std::vector<EncryptedBallot> ballots;  ///< cast and spoiled, in submission order
  EncryptedTally tally;
  TallyDecryption decryption;

  /// The JSON text (pretty-printed, 1-space indent).
  std::string to_json() const;
  /// Parses the JSON text. Error(Errc::parse) naming the JSON path of the first
  /// malformed, missing, unknown or mistyped field, bad hex, a scalar >= L or
  /// a point that is not a canonical non-identity ristretto255 encoding.
  /// It checks nothing that verify_record checks (proofs, hashes, sums).
  static ElectionRecord from_json(std::string_view json);
};

/// The record of a finished election: its context, the guardians' public records,
/// the ballot box (ballots and board), the encrypted tally and its decryption.
MINGA_EXPORT ElectionRecord make_record(const ElectionContext& context, std::span<const GuardianRecord> guardians,
                                        const BallotBox& box, const EncryptedTally& tally,
                                        const TallyDecryption& decryption);

}  // namespace minga::verify
