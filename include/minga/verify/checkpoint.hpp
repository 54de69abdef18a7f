// SPDX-License-Identifier: Apache-2.0
// minga/verify/checkpoint.hpp - signed notes and log checkpoints (C2SP signed-note, tlog-checkpoint).
//
// A checkpoint is the board's signed statement "my log of <origin> has <size>
// leaves and this root". Its text is the C2SP tlog-checkpoint body, signed as a
// C2SP signed note with Ed25519 (signature type 0x01):
//
//   minga.example/election-2026          <- origin (the board key's name)
//   42                                   <- tree size, decimal, no leading zeros
//   CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=   <- base64 root (RFC 4648 section 4)
//                                        <- blank line: end of the signed text
//   — minga.example/election-2026 <base64(key ID || Ed25519 signature)>
//
// key ID = first 4 bytes, big-endian, of SHA-256(key name || 0x0A || 0x01 || 32-byte public key).
// The signed text runs from the first byte to the newline before the blank line.
// Witnesses may add their own signature lines; verifiers ignore lines of keys they
// do not know (by name and ID), as the signed-note specification requires.
//
// Errors: malformed text throws Error(Errc::parse) whose location names the
// input ("<note>", "<checkpoint>", "<verifier key>"), the 1-based line and the
// field; a signature that does not verify, or no signature by the expected key,
// throws Error(Errc::mismatch). Caller mistakes throw Error(Errc::invalid_argument).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "minga/export.h"
#include "minga/verify/merkle_log.hpp"

namespace minga::verify {

using Ed25519PublicKey = std::array<unsigned char, 32>;
using Ed25519Signature = std::array<unsigned char, 64>;

/// A public key that checks signed notes: its name and Ed25519 key.
struct MINGA_EXPORT NoteVerifier {
  std::string name;
  Ed25519PublicKey public_key{};

  /// SHA-256(name || 0x0A || 0x01 || public_key)[0..4) as a big-endian integer.
  std::uint32_t key_id() const;
  /// Ed25519 (strict, libsodium) check of a detached signature over message.
  bool verify(std::span<const unsigned char> message, const Ed25519Signature& signature) const noexcept;
  /// The text form "name+<8 hex key ID>+<base64(0x01 || public key)>", the
  /// verifier-key format of golang.org/x/mod/sumdb/note, for publishing the key.
  std::string to_string() const;
  /// Parses that text form; checks the name, the algorithm byte and that the
  /// key ID matches the key. Error(parse) naming the field otherwise.
  static NoteVerifier parse(std::string_view text);

  friend bool operator==(const NoteVerifier&, const NoteVerifier&) = default;
};

/// The board's Ed25519 signing key and its name. The 64-byte secret key lives
/// in sodium_malloc memory (guard pages, locked) and is wiped and freed by the
/// destructor. Movable, not copyable.
class MINGA_EXPORT SigningKey {
 public:
  /// A fresh random key (crypto_sign_ed25519_keypair).
  static SigningKey generate(std::string name);
  /// The key of a 32-byte RFC 8032 seed (crypto_sign_ed25519_seed_keypair).
  static SigningKey from_seed(std::string name, std::span<const unsigned char, 32> seed);

  SigningKey(SigningKey&& other) noexcept;
  SigningKey& operator=(SigningKey&& other) noexcept;
  SigningKey(const SigningKey&) = delete;
  SigningKey& operator=(const SigningKey&) = delete;
  ~SigningKey();

  const std::string& name() const noexcept { return verifier_.name; }
  const NoteVerifier& verifier() const noexcept { return verifier_; }
  /// Ed25519 detached signature of message.
  Ed25519Signature sign(std::span<const unsigned char> message) const;
  /// Copies the 32-byte seed out, on purpose: to keep the key in a file that the
  /// operator protects (from_seed reads it back). The caller wipes `seed`.
  void export_seed(std::span<unsigned char, 32> seed) const;

 private:
  explicit SigningKey(std::string name);
  NoteVerifier verifier_;
  unsigned char* secret_ = nullptr;  // crypto_sign_ed25519_SECRETKEYBYTES, sodium_malloc
};

/// Signs note text (UTF-8, ends in a newline, no control characters but
/// newlines) and returns the signed note: text, blank line, one signature line.
MINGA_EXPORT std::string sign_note(std::string_view text, const SigningKey& key);

/// Checks a signed note and returns its text. Checked: UTF-8 without control
/// characters other than newline; a text ending in a newline, a blank line, then
/// 1..100 signature lines "— <name> <base64>" each ending in a newline; every
/// signature whose name and key ID are the verifier's must verify, and at least
/// one must be there. Signature lines of other keys are ignored.
MINGA_EXPORT std::string open_note(std::string_view note, const NoteVerifier& verifier);

/// A log's tree head in the tlog-checkpoint text form.
struct MINGA_EXPORT Checkpoint {
  std::string origin;
  std::uint64_t tree_size = 0;
  Digest root{};
  std::vector<std::string> extensions;  ///< optional extra lines, opaque, non-empty (not recommended)

  /// The note text: origin, size, base64 root, extension lines, each + "\n".
  /// Error(invalid_argument) for an empty origin, or a line holding a newline.
  std::string text() const;
  /// Parses note text (strict: at least three non-empty lines, decimal size
  /// without leading zeros that fits 64 bits, canonical base64 of 32 bytes).
  static Checkpoint parse(std::string_view text);

  friend bool operator==(const Checkpoint&, const Checkpoint&) = default;
};

/// The checkpoint signed by key as a note. The origin must be the key's name.
MINGA_EXPORT std::string sign_checkpoint(const Checkpoint& checkpoint, const SigningKey& key);

/// open_note, then Checkpoint::parse, then: the origin is the verifier's name
/// (Error(mismatch) otherwise).
MINGA_EXPORT Checkpoint open_checkpoint(std::string_view note, const NoteVerifier& verifier);

}  // namespace minga::verify
