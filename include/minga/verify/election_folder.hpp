// SPDX-License-Identifier: Apache-2.0
// minga/verify/election_folder.hpp - one verifiable election run step by step from a folder.
//
// The flow behind `minga election init|encrypt|cast|challenge|submit|close|tally|decrypt`,
// the C ABI's minga_verifiable_* functions and Python's minga.VerifiableElection:
//
//   init      the manifest, a k-of-n key ceremony and the board's signing key
//   encrypt   a device encrypts a ballot and shows its confirmation and short codes
//   cast      the pending ballot goes on the board; the voter gets a signed receipt
//   challenge the pending ballot is opened instead (spoiled) and never counted
//   submit    a ballot encrypted elsewhere (a voter's own device) is checked, then cast
//   close     no ballot is accepted any more; each device's chain is closed and the
//             board's final checkpoint is kept
//   tally     the homomorphic sums of the cast ballots
//   decrypt   k guardians decrypt the sums with proofs; the election record is written
//
// FOLDER LAYOUT (every JSON file is the format of docs/verify_record.md)
//   election.json          public: minga.record/1 before any ballot (parameters,
//                          manifest, guardians' public records, joint key, hashes,
//                          board key; empty board and tally)
//   ballots.jsonl          public: every cast or spoiled ballot, one per line, in
//                          submission order; appended and flushed (fsync) per ballot
//   receipts/<id>.json     public: each cast ballot's receipt (minga.receipt/1)
//   devices/<id>.json      a device's chaining state (its last confirmation code and
//                          how many ballots it encrypted)
//   pending/<id>.json      SECRET until cast or challenged: an encrypted ballot, its
//                          nonce and its choices (what a voting device remembers)
//   secret/board.key       SECRET: the board's Ed25519 seed (hex)
//   secret/guardian-<l>.key SECRET: guardian l's share of the election key (hex)
//   closings.json          public: each device's closing (ballots and closing hash;
//                          the record's "device_closings"), written at closing
//   closed.txt             the board's signed checkpoint at closing
//   tally.json             the encrypted tally (minga.encrypted-tally/1)
//   record.json            the complete election record, written by decrypt
//   lock                   serialises processes working on the folder (flock)
//
// WHAT A FOLDER IS FOR. One operator running a whole election on one machine: a
// demo, a school or neighbourhood vote, a test of a deployment, the docs. The
// secret files are written with mode 0600 and wiped from memory after use, but
// they sit side by side: whoever holds the folder holds every guardian's share.
// A real k-of-n election keeps each guardian's share on that guardian's own
// machine; the folder's guardian files are the shares to hand out.
//
// Every step checks its stage (no cast after close, no tally before close, ...)
// and fails with Error(Errc::invalid_argument) saying what comes first. A step
// that fails leaves the folder as it was: files are replaced by rename, and a
// ballot counts from the moment its line is flushed to ballots.jsonl.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>

#include "minga/export.h"
#include "minga/verify/ballot.hpp"
#include "minga/verify/keys.hpp"
#include "minga/verify/manifest.hpp"
#include "minga/verify/receipt.hpp"
#include "minga/verify/record.hpp"
#include "minga/verify/tally.hpp"

namespace minga::verify {

/// Where a folder's election stands.
enum class FolderStage : std::uint8_t { open, closed, tallied, decrypted };

MINGA_EXPORT const char* folder_stage_name(FolderStage stage) noexcept;

/// What a voter is shown for a ballot, as JSON: {"ballot_id", "device_id",
/// "confirmation_code" (64 hex), "short_code"}; a spoiled ballot adds
/// "state": "spoiled" and its opened "selections".
MINGA_EXPORT std::string ballot_codes_json(const EncryptedBallot& ballot);

class MINGA_EXPORT ElectionFolder {
 public:
  /// Creates `folder` (it must not exist, or be empty) for a new election: runs
  /// a local k-of-n key ceremony (every record and share checked), makes the
  /// board's signing key (named "<election_id>.board") and writes election.json
  /// and the secret files. Returns the folder opened.
  static ElectionFolder create(const std::filesystem::path& folder, const Manifest& manifest,
                               const CeremonyParameters& parameters);

  /// Opens an existing folder: reads election.json (checking its hashes against
  /// the recomputed ones), replays ballots.jsonl onto the board, and holds an
  /// exclusive lock on the folder until destroyed (a second opener, in this or
  /// another process, waits). Errors name the file, the line and the field.
  explicit ElectionFolder(const std::filesystem::path& folder);

  ElectionFolder(ElectionFolder&&) noexcept;
  ElectionFolder& operator=(ElectionFolder&&) noexcept;
  ~ElectionFolder();

  const std::filesystem::path& path() const noexcept;
  FolderStage stage() const;
  const ElectionContext& context() const noexcept;
  /// The board's public key (publish it: receipts are checked against it).
  const NoteVerifier& board_key() const noexcept;
  /// Every cast or spoiled ballot, in submission order.
  const std::vector<EncryptedBallot>& ballots() const noexcept;
  /// {"stage", "cast", "spoiled", "election_hash", "board_key", "folder"} as JSON.
  std::string status_json() const;

  /// Encrypts `plaintext` on device `device_id` (chained codes) and keeps it
  /// pending until cast() or challenge(). Error(invalid_argument) when the id is
  /// already used (pending or submitted) or the choices do not fit the manifest.
  EncryptedBallot encrypt(const std::string& device_id, const PlaintextBallot& plaintext);
  /// Casts a pending ballot: on the board, receipt written and returned, nonce wiped.
  Receipt cast(const std::string& ballot_id);
  /// Challenges a pending ballot: it is opened (nonce and choices published) and spoiled.
  EncryptedBallot challenge(const std::string& ballot_id);
  /// Casts a ballot encrypted elsewhere, after check_ballot: Error(Errc::verification)
  /// listing the findings when a proof or its code fails. Its device chain is
  /// the submitter's business (verify_record checks it over the whole record).
  Receipt submit(const EncryptedBallot& ballot);

  /// Ends voting: closes each device's chain (closings.json: ballots and closing hash
  /// per device; each device prints its short_code() on its closing tape) and seals the
  /// board (closed.txt, its final signed checkpoint). Returns the closings.
  /// Error(Errc::invalid_argument) naming the pending ballots, if any: cast or
  /// challenge each first; Error(Errc::mismatch) if a device's own count or last
  /// code differs from the ballots the box holds.
  std::vector<DeviceClosing> close();
  /// Sums the cast ballots (closed folders only) and writes tally.json.
  EncryptedTally tally();
  /// Decrypts the tally with the given guardians (at least k of them, read from
  /// `secret/guardian-<l>.key`), writes record.json and returns the record.
  ElectionRecord decrypt(std::span<const std::uint32_t> guardians);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace minga::verify
