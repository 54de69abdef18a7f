// SPDX-License-Identifier: Apache-2.0
// minga/verify/ballot.hpp - encrypted ballots, confirmation codes, cast or challenge.
//
// The hash chain (hash.hpp gives the byte layout; contests and options count from 1):
//   H_P = parameter_hash(n, k)                 H_B = H32(H_P; 0x01, canonical manifest)
//   H_E = H32(H_B; 0x14, K)                    H_I = H32(H_E; 0x20, ballot id)
// A ballot has one secret ballot nonce xi_B; selection (c, o) is encrypted with
//   xi = Hq(H_I; 0x21, c, o, xi_B)             (elgamal.hpp derive_nonce)
// and proved in 0..R (range proof, tag 0x24); contest c gets a limit proof 0..L on
// the sum of its selections with nonce sum xi (tag 0x25; proofs.hpp limit_statement).
// Ranked and quadratic contests number their ciphertexts (indicators; votes and
// squares) the same way and prove other things about them (contest_kinds.hpp).
//
// Confirmation code (ElectionGuard 2.1 section 3.4, our hash):
//   chi_c = H32(H_I; 0x28, c, alpha_1, beta_1, ..., alpha_m, beta_m)   (contest hash, over
//                                        the contest's ciphertexts: contest_ciphertexts)
//   H_C   = H32(H_I; 0x29, chi_1, ..., chi_m, mode, chain_value)        (mode as an integer)
//   H_DI  = H32(H_E; 0x29, "minga.device", device id)                   (device hash)
// mode 0 (no chaining): chain_value = H_DI for every ballot of the device.
// mode 1 (chained):     chain_value = the previous ballot's H_C on the same device
//                       (cast or challenged), H_DI for the device's first ballot.
// The device keys H_DI by H_E and the code by H_I, so the two uses of tag 0x29
// never hash under the same key. With chaining, removing, inserting or reordering
// ballots of a device breaks the chain, which the verifier follows device by device.
// When voting ends each chained device states its closing (DeviceClosing):
//   closing = H32(H_E; 0x26, device id, n, H_C of its last ballot)  (H_DI when n = 0)
// so that dropping the device's last ballots, which no later code links to, shows too.
//
// Cast or challenge (Benaloh): the device shows H_C; the voter then casts (the
// ballot goes to the bulletin board, whose leaf is H_C, and the voter gets a signed
// receipt and a short code) or challenges: the device publishes xi_B and the
// plaintext, anyone re-encrypts (reopen_ballot) and compares with the ballot and its
// code, and the ballot is spoiled: recorded, never on the board, never tallied.
//
// Secrets: xi_B lives in a SecretScalar inside PendingBallot until the ballot is
// cast (then it is wiped) or challenged (then it is published on purpose).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "minga/export.h"
#include "minga/verify/bulletin_board.hpp"
#include "minga/verify/elgamal.hpp"
#include "minga/verify/group.hpp"
#include "minga/verify/keys.hpp"
#include "minga/verify/manifest.hpp"
#include "minga/verify/proofs.hpp"
#include "minga/verify/receipt.hpp"

namespace minga::verify {

/// Everything public a ballot is bound to, with the hash chain computed from it.
struct MINGA_EXPORT ElectionContext {
  CeremonyParameters parameters;
  Manifest manifest;
  Point public_key;          ///< K
  Bytes32 parameter_hash{};  ///< H_P
  Bytes32 manifest_hash{};   ///< H_B
  Bytes32 election_hash{};   ///< H_E

  /// Validates the parameters and the manifest, refuses an identity K, computes the hashes.
  static ElectionContext make(const CeremonyParameters& parameters, Manifest manifest, const Point& public_key);
};

/// H_I = H32(H_E; 0x20, ballot id).
MINGA_EXPORT Bytes32 selection_hash(const Bytes32& election_hash, std::string_view ballot_id);
/// H_DI = H32(H_E; 0x29, "minga.device", device id).
MINGA_EXPORT Bytes32 device_hash(const Bytes32& election_hash, std::string_view device_id);

enum class ChainMode : std::uint32_t { none = 0, chained = 1 };
enum class BallotState : std::uint8_t { cast, spoiled };

/// The closing hash of a chained device: H32(H_E; 0x26, device id, n, last), n the
/// number of ballots (cast and spoiled) the device made and `last` the H_C of its
/// last one (H_DI when n = 0).
MINGA_EXPORT Bytes32 device_closing_hash(const Bytes32& election_hash, std::string_view device_id,
                                         std::uint64_t ballots, const Bytes32& last_code);

/// What a chained device states when voting ends: how many ballots it made and the
/// hash closing its chain. Published then (printed on the device's closing tape, its
/// short_code() read aloud), and kept in the record, where the verifier recomputes
/// it from the device's ballots: a ballot dropped from the end of a chain, which no
/// later code links to, changes it.
struct MINGA_EXPORT DeviceClosing {
  std::string device_id;
  std::uint64_t ballots = 0;
  Bytes32 closing_hash{};
  bool operator==(const DeviceClosing&) const = default;
};

/// A voter's choices: selections[c][o] for contest c, option o (0-based here).
/// Ranked contests: the rank given to option o (1 = first, 0 = not ranked).
/// Quadratic contests: the votes v on option o shifted by V, i.e. v + V in 0..2V
/// (so 0..2V with V meaning no vote; plaintext_ballot_from_json takes v itself).
struct MINGA_EXPORT PlaintextBallot {
  std::string ballot_id;
  std::vector<std::vector<std::uint64_t>> selections;
};

/// Throws Error(Errc::invalid_argument) naming "ballot <id>", the contest and option
/// when the shape differs from the manifest, a value exceeds option_range or a
/// contest's sum exceeds selection_limit; for a ranked contest when a rank is
/// given twice or a rank is skipped (ranks used are 1..k); for a quadratic one
/// when a value is above 2V or the credits (sum of v^2) exceed C. Ballot ids
/// follow the manifest id rules.
MINGA_EXPORT void validate_plaintext(const Manifest& manifest, const PlaintextBallot& ballot);

/// Reads a voter's choices by id, validated against the manifest:
///   {"ballot_id": "b-17", "selections": {"council": {"ana": 1, "bo": 1}, "parks": {"pond": 3}}}
/// A contest or option left out gets 0. Ranked contests give each ranked option
/// its rank ({"mayor": {"bo": 1, "ana": 2}}); quadratic contests give votes,
/// negative ones against ({"budget": {"pool": 3, "road": -1}}; left out: 0 votes).
/// Error(Errc::parse) naming `source` and the field for malformed JSON, an
/// unknown contest or option or a value that is not a non-negative integer (an
/// integer for quadratic contests); then what validate_plaintext throws.
MINGA_EXPORT PlaintextBallot plaintext_ballot_from_json(const Manifest& manifest, std::string_view json,
                                                        std::string_view source = "<ballot>");

/// A quadratic contest's option: v + V and v^2 encrypted, with their pair proof.
struct MINGA_EXPORT EncryptedQuadraticVote {
  Ciphertext vote;    ///< encrypts v + V
  Ciphertext square;  ///< encrypts v^2
  QuadraticPairProof proof;
};

/// One contest of a ballot. Which members are used depends on the contest's kind
/// (contest_kinds.hpp has the proofs):
///   plurality .. cumulative: selections (one per option, range 0..R) and limit_proof (0..L)
///   ranked:    selections (n*r indicators, each 0..1), row_proofs (n), rank_proofs (r), gap_proofs (r-1)
///   quadratic: votes (one per option) and budget_proof
struct MINGA_EXPORT EncryptedContest {
  std::vector<EncryptedSelection> selections;
  RangeProof limit_proof;                     ///< the sum encrypts 0..selection_limit
  std::vector<RangeProof> row_proofs;         ///< ranked: candidate i is ranked at most once
  std::vector<RangeProof> rank_proofs;        ///< ranked: rank p holds at most one candidate
  std::vector<RangeProof> gap_proofs;         ///< ranked: rank p+1 is used only if rank p is
  std::vector<EncryptedQuadraticVote> votes;  ///< quadratic: one per option
  BudgetProof budget_proof;                   ///< quadratic: credits spent are 0..C
};

/// The contest's ciphertexts in order (what its confirmation-code hash, its
/// nonces and the tally's sums are over): the selections' ciphertexts, or for
/// a quadratic contest each option's vote and square.
MINGA_EXPORT std::vector<Ciphertext> contest_ciphertexts(const EncryptedContest& contest);

/// What a challenged ballot publishes: its nonce and its choices.
struct MINGA_EXPORT BallotOpening {
  Scalar ballot_nonce;  ///< xi_B, public on purpose
  std::vector<std::vector<std::uint64_t>> selections;
};

struct MINGA_EXPORT EncryptedBallot {
  std::string ballot_id;
  std::string device_id;
  ChainMode chain_mode = ChainMode::chained;
  Bytes32 chain_value{};
  std::vector<EncryptedContest> contests;
  Bytes32 confirmation_code{};  ///< H_C
  BallotState state = BallotState::cast;
  std::optional<BallotOpening> opening;  ///< only for spoiled (challenged) ballots
};

/// chi_c of one contest (c 1-based).
MINGA_EXPORT Bytes32 contest_hash(const Bytes32& selection_hash, std::uint64_t contest,
                                  const EncryptedContest& encrypted);
/// H_C of a ballot from its contests and chaining field (recomputed, never read).
MINGA_EXPORT Bytes32 compute_confirmation_code(const Bytes32& selection_hash, const EncryptedBallot& ballot);

/// Encrypts and proves a ballot with the given nonce. The chaining field is the caller's
/// (EncryptionDevice keeps it). Throws what validate_plaintext throws.
MINGA_EXPORT EncryptedBallot encrypt_ballot(const ElectionContext& context, const PlaintextBallot& plaintext,
                                            const SecretScalar& ballot_nonce, std::string device_id, ChainMode mode,
                                            const Bytes32& chain_value);

/// Re-encrypts a challenged ballot from its opening (nonce and choices) with the
/// ballot's own id, device and chaining field. Equal to the ballot's contests and
/// code exactly when the device encrypted what the opening says. Throws
/// Error(Errc::invalid_argument) when the ballot has no opening or the choices do
/// not fit the manifest.
MINGA_EXPORT EncryptedBallot reopen_ballot(const ElectionContext& context, const EncryptedBallot& ballot);

/// A ballot encrypted and shown to the voter, waiting for cast or challenge.
struct MINGA_EXPORT PendingBallot {
  EncryptedBallot ballot;
  SecretScalar nonce;
  PlaintextBallot plaintext;
};

/// One voting device: encrypts ballots and chains their codes. Keeps a pointer to
/// `context`, which must outlive the device.
class MINGA_EXPORT EncryptionDevice {
 public:
  EncryptionDevice(const ElectionContext& context, std::string device_id, ChainMode mode = ChainMode::chained);
  const std::string& id() const noexcept { return device_id_; }
  /// Encrypts with a fresh random ballot nonce.
  PendingBallot encrypt(const PlaintextBallot& plaintext);
  /// Encrypts with a given nonce (reproducible test vectors).
  PendingBallot encrypt(const PlaintextBallot& plaintext, SecretScalar nonce);

  ChainMode mode() const noexcept { return mode_; }
  /// The code the next ballot chains from (mode chained): the device hash at
  /// first, then the last code this device produced.
  const Bytes32& last_code() const noexcept { return last_code_; }
  /// How many ballots this device has encrypted.
  std::uint64_t ballots() const noexcept { return ballots_; }
  /// Continues a device whose state was stored: it has made `ballots` ballots and
  /// its next one chains from `code`.
  void resume_after(const Bytes32& code, std::uint64_t ballots) noexcept {
    last_code_ = code;
    ballots_ = ballots;
  }
  /// The device's closing statement now. Error(Errc::invalid_argument) for a device
  /// that does not chain (ChainMode::none): without a chain there is nothing to close.
  DeviceClosing close() const;

 private:
  const ElectionContext* context_;
  std::string device_id_;
  ChainMode mode_;
  Bytes32 device_hash_{};
  Bytes32 last_code_{};
  std::uint64_t ballots_ = 0;
};

/// The closing statement of every chained device of `ballots`, from its ballots in
/// their order (the record order), sorted by device id: what each device states at
/// closing when every ballot it made was cast or challenged.
MINGA_EXPORT std::vector<DeviceClosing> close_device_chains(const Bytes32& election_hash,
                                                            std::span<const EncryptedBallot> ballots);

/// The ballot box: takes cast and challenged ballots, keeps them in submission
/// order, posts cast ballots' codes to the bulletin board. Keeps a pointer to its
/// context, which must outlive the box.
class MINGA_EXPORT BallotBox {
 public:
  BallotBox(const ElectionContext& context, SigningKey board_key);

  /// Casts: appends H_C to the board and returns the signed receipt (its
  /// short_code(receipt.confirmation_code) is the voter's short code). The nonce is wiped.
  /// Error(Errc::invalid_argument) when the ballot id was already submitted.
  Receipt cast(PendingBallot&& pending);
  /// Challenges: publishes the opening and records the ballot as spoiled.
  const EncryptedBallot& challenge(PendingBallot&& pending);

  /// Takes a ballot encrypted elsewhere, or replays one this box accepted before
  /// (a stored box reopened): a cast ballot goes on the board and its receipt is
  /// returned; a spoiled one is kept with its opening and gets no receipt. The
  /// box does not check proofs here: check_ballot (verifier.hpp) first whatever
  /// comes from outside. Error(Errc::invalid_argument) when the id was already submitted.
  std::optional<Receipt> accept(EncryptedBallot ballot);
  /// Throws what accept() would throw for this ballot, changing nothing (to store
  /// a ballot durably before the box takes it).
  void check_acceptable(const EncryptedBallot& ballot) const;

  const std::vector<EncryptedBallot>& ballots() const noexcept { return ballots_; }
  const BulletinBoard& board() const noexcept { return board_; }
  const ElectionContext& context() const noexcept { return *context_; }

 private:
  void admit(const EncryptedBallot& ballot);
  const ElectionContext* context_;
  BulletinBoard board_;
  std::vector<EncryptedBallot> ballots_;
  std::map<std::string, std::size_t> index_of_id_;
};

}  // namespace minga::verify
