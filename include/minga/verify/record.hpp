// SPDX-License-Identifier: Apache-2.0
// minga/verify/record.hpp - the election record: everything a verifier needs, as JSON or binary.
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

#include <cstdint>
#include <span>
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
  std::vector<DeviceClosing> device_closings;  ///< one per chained device, as each stated it when voting ended
  EncryptedTally tally;
  TallyDecryption decryption;

  /// The JSON text (pretty-printed, 1-space indent).
  std::string to_json() const;
  /// Parses the JSON text. Error(Errc::parse) naming the JSON path of the first
  /// malformed, missing, unknown or mistyped field, bad hex, a scalar >= L or
  /// a point that is not a canonical non-identity ristretto255 encoding.
  /// It checks nothing that verify_record checks (proofs, hashes, sums).
  static ElectionRecord from_json(std::string_view json);

  /// The compact binary form: the same document as CBOR (RFC 8949) after the
  /// self-describe tag d9 d9 f7, with points, scalars, hashes and proofs as
  /// bytes instead of hex; about half the size of the JSON text, and converts
  /// to it and back without loss (docs/verify_record.md, "Binary form").
  std::vector<std::uint8_t> to_binary() const;
  /// Reads the binary form. Error(Errc::parse) naming the byte or JSON path for
  /// malformed CBOR, nesting deeper than 32, a duplicate key, text that is not
  /// UTF-8, a byte string shorter than 32 bytes or hex text where bytes belong; then what from_json
  /// reports for the document.
  static ElectionRecord from_binary(std::span<const std::uint8_t> bytes);
  /// True when `bytes` starts as the binary form does (d9 d9 f7); JSON never does.
  static bool is_binary_record(std::span<const std::uint8_t> bytes) noexcept;
  /// Reads a record in either form (the file's bytes), naming `source` in errors.
  static ElectionRecord read(std::string_view bytes, std::string_view source = "<record>");
};

/// The record of a finished election: its context, the guardians' public records,
/// the ballot box (ballots and board; the devices' closings from its ballots,
/// close_device_chains), the encrypted tally and its decryption.
MINGA_EXPORT ElectionRecord make_record(const ElectionContext& context, std::span<const GuardianRecord> guardians,
                                        const BallotBox& box, const EncryptedTally& tally,
                                        const TallyDecryption& decryption);

/// The election context the record describes, recomputed: ElectionContext::make
/// over its parameters, manifest and joint key (the guardians' K_i0 summed).
/// Error(Errc::mismatch) naming the field when a stored hash or key differs from
/// the recomputed one; a record that verifies always has a context.
MINGA_EXPORT ElectionContext election_context(const ElectionRecord& record);

// ---- parts of the record, on their own -------------------------------------
// The same JSON objects as inside a record, for ballots and sums that travel
// alone: a ballot submitted from a voter's device, the ballots of an election
// folder (one per line), a partition's partial sum computed on another machine.

/// One encrypted ballot as one line of compact JSON (an element of "ballots").
MINGA_EXPORT std::string encrypted_ballot_to_json(const EncryptedBallot& ballot);
/// Reads one ballot object. Error(Errc::parse) naming `source`, `line` (0: none)
/// and the JSON path of the first bad field, as ElectionRecord::from_json does.
MINGA_EXPORT EncryptedBallot encrypted_ballot_from_json(std::string_view json, std::string_view source = "<ballot>",
                                                        std::uint64_t line = 0);

/// An encrypted tally (complete or partial) as compact JSON:
///   {"schema": "minga.encrypted-tally/1", "cast_ballots": n,
///    "contests": [{"options": [{"alpha": "<hex>", "beta": "<hex>"}, ...]}, ...]}
MINGA_EXPORT std::string encrypted_tally_to_json(const EncryptedTally& tally);
/// Reads it back; Error(Errc::parse) naming `source` and the field.
MINGA_EXPORT EncryptedTally encrypted_tally_from_json(std::string_view json, std::string_view source = "<tally>");

/// Devices' closings as compact JSON, the record's "device_closings" array:
///   [{"device_id": ID, "ballots": n, "closing_hash": "<hex>"}, ...]
MINGA_EXPORT std::string device_closings_to_json(std::span<const DeviceClosing> closings);
/// Reads it back; Error(Errc::parse) naming `source` and the JSON path of the bad field.
MINGA_EXPORT std::vector<DeviceClosing> device_closings_from_json(std::string_view json,
                                                                  std::string_view source = "<closings>");

}  // namespace minga::verify
