// SPDX-License-Identifier: Apache-2.0
// Signed notes (C2SP signed-note, Ed25519) and checkpoints (C2SP tlog-checkpoint).
#include "minga/verify/checkpoint.hpp"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <utility>

#include "verify/board_encoding.hpp"

namespace minga::verify {
namespace {

using board_detail::base64_decode;
using board_detail::base64_encode;
using board_detail::ensure_sodium;

constexpr unsigned char kEd25519Type = 0x01;                    // signed-note signature type byte
constexpr std::string_view kSignaturePrefix = "\xE2\x80\x94 ";  // em dash U+2014, space
constexpr std::size_t kMaxSignatures = 100;

std::span<const unsigned char> bytes_of(std::string_view text) {
  return {reinterpret_cast<const unsigned char*>(text.data()), text.size()};
}

[[noreturn]] void fail(const char* input, std::uint64_t line, const char* field, const std::string& reason) {
  throw_parse_error(Location{input, line, field}, reason);
}

// Length of the UTF-8 sequence starting at text[i], or 0 when it is not valid UTF-8
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    if (b0 == 0xE0) low = 0xA0;
    if (b0 == 0xED) high = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    if (b0 == 0xF0) low = 0x90;
    if (b0 == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  return length;
}

// Valid UTF-8 without ASCII control characters other than newline (signed-note format).
void check_note_characters(std::string_view text, const char* input) {
  std::uint64_t line = 1;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') ++line;
    if ((c < 0x20 && c != '\n') || c == 0x7F)
      fail(input, line, "text", "control character " + std::to_string(c) + " is not allowed in a note");
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) fail(input, line, "text", "the note is not valid UTF-8");
    i += length;
  }
}

// Key names: non-empty, no spaces, no plus, no control characters.
bool is_valid_key_name(std::string_view name) {
  return !name.empty() && std::none_of(name.begin(), name.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7F || c == '+';
  });
}

std::vector<std::string_view> split_lines(std::string_view text) {  // text ends with '\n'
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::uint64_t count_lines(std::string_view text) {
  return static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

// ---- keys ------------------------------------------------------------------------------------------------------

std::uint32_t NoteVerifier::key_id() const {
  std::string input = name;
  input.push_back('\n');
  input.push_back(static_cast<char>(kEd25519Type));
  input.append(reinterpret_cast<const char*>(public_key.data()), public_key.size());
  const Digest hash = sha256(bytes_of(input));
  return (std::uint32_t{hash[0]} << 24) | (std::uint32_t{hash[1]} << 16) | (std::uint32_t{hash[2]} << 8) | hash[3];
}

bool NoteVerifier::verify(std::span<const unsigned char> message, const Ed25519Signature& signature) const noexcept {
  if (sodium_init() < 0) return false;
  return crypto_sign_ed25519_verify_detached(signature.data(), message.data(), message.size(), public_key.data()) == 0;
}

std::string NoteVerifier::to_string() const {
  char id[9];
  const std::uint32_t k = key_id();
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = 0; i < 8; ++i) id[i] = kHex[(k >> (28 - 4 * i)) & 0xF];
  id[8] = '\0';
  std::vector<unsigned char> key{kEd25519Type};
  key.insert(key.end(), public_key.begin(), public_key.end());
  return name + "+" + id + "+" + base64_encode(key);
}

NoteVerifier NoteVerifier::parse(std::string_view text) {
  constexpr const char* kInput = "<verifier key>";
  const std::size_t plus1 = text.find('+');
  const std::size_t plus2 = plus1 == std::string_view::npos ? plus1 : text.find('+', plus1 + 1);
  if (plus2 == std::string_view::npos) fail(kInput, 0, "", "expected name+keyid+key");
  NoteVerifier v;
  v.name = std::string(text.substr(0, plus1));
  if (!is_valid_key_name(v.name)) fail(kInput, 0, "name", "a key name is non-empty, without spaces or '+'");
  const std::string_view id_text = text.substr(plus1 + 1, plus2 - plus1 - 1);
  std::uint32_t id = 0;
  const auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id, 16);
  if (id_text.size() != 8 || ec != std::errc{} || end != id_text.data() + id_text.size() ||
      std::any_of(id_text.begin(), id_text.end(), [](char c) { return c >= 'A' && c <= 'F'; }))
    fail(kInput, 0, "key ID", "expected 8 lower-case hex digits, got '" + std::string(id_text) + "'");
  const auto key = base64_decode(text.substr(plus2 + 1));
  if (!key || key->size() != 1 + v.public_key.size())
    fail(kInput, 0, "key", "expected base64 of 33 bytes (type byte and Ed25519 public key)");
  if ((*key)[0] != kEd25519Type)
    fail(kInput, 0, "key", "signature type " + std::to_string((*key)[0]) + " is not Ed25519 (1)");
  std::copy(key->begin() + 1, key->end(), v.public_key.begin());
  if (v.key_id() != id) fail(kInput, 0, "key ID", "the key ID does not match the name and key");
  return v;
}

SigningKey::SigningKey(std::string name) {
  if (!is_valid_key_name(name))
    throw Error(Errc::invalid_argument, "signing key name '" + name + "' is empty or holds a space or '+'");
  ensure_sodium();
  secret_ = static_cast<unsigned char*>(sodium_malloc(crypto_sign_ed25519_SECRETKEYBYTES));
  if (secret_ == nullptr) throw Error(Errc::out_of_memory, "sodium_malloc failed for a signing key");
  verifier_.name = std::move(name);
}

SigningKey SigningKey::generate(std::string name) {
  SigningKey key(std::move(name));
  crypto_sign_ed25519_keypair(key.verifier_.public_key.data(), key.secret_);
  return key;
}

SigningKey SigningKey::from_seed(std::string name, std::span<const unsigned char, 32> seed) {
  SigningKey key(std::move(name));
  crypto_sign_ed25519_seed_keypair(key.verifier_.public_key.data(), key.secret_, seed.data());
  return key;
}

void SigningKey::export_seed(std::span<unsigned char, 32> seed) const {
  crypto_sign_ed25519_sk_to_seed(seed.data(), secret_);
}

SigningKey::SigningKey(SigningKey&& other) noexcept
    : verifier_(std::move(other.verifier_)), secret_(std::exchange(other.secret_, nullptr)) {}

SigningKey& SigningKey::operator=(SigningKey&& other) noexcept {
  if (this != &other) {
    sodium_free(secret_);  // wipes before freeing; NULL-safe
    verifier_ = std::move(other.verifier_);
    secret_ = std::exchange(other.secret_, nullptr);
  }
  return *this;
}

SigningKey::~SigningKey() {
  sodium_free(secret_);
}

Ed25519Signature SigningKey::sign(std::span<const unsigned char> message) const {
  if (secret_ == nullptr) throw Error(Errc::invalid_argument, "signing with a moved-from key");
  Ed25519Signature signature;
  crypto_sign_ed25519_detached(signature.data(), nullptr, message.data(), message.size(), secret_);
  return signature;
}

// ---- signed notes ----------------------------------------------------------------------------------------------

std::string sign_note(std::string_view text, const SigningKey& key) {
  if (text.empty() || text.back() != '\n') throw Error(Errc::invalid_argument, "note text must end with a newline");
  check_note_characters(text, "<note text>");
  const Ed25519Signature signature = key.sign(bytes_of(text));
  const std::uint32_t id = key.verifier().key_id();
  std::vector<unsigned char> blob{static_cast<unsigned char>(id >> 24), static_cast<unsigned char>(id >> 16),
                                  static_cast<unsigned char>(id >> 8), static_cast<unsigned char>(id)};
  blob.insert(blob.end(), signature.begin(), signature.end());
  std::string note(text);
  note += '\n';
  note += kSignaturePrefix;
  note += key.name() + " " + base64_encode(blob) + "\n";
  return note;
}

std::string open_note(std::string_view note, const NoteVerifier& verifier) {
  constexpr const char* kInput = "<note>";
  check_note_characters(note, kInput);
  if (note.empty() || note.back() != '\n') fail(kInput, count_lines(note) + 1, "", "a note ends with a newline");
  // The text ends at the newline before the last blank line.
  const std::size_t blank = note.rfind("\n\n");
  if (blank == std::string_view::npos) fail(kInput, 1, "", "no blank line between the text and the signatures");
  const std::string_view text = note.substr(0, blank + 1);
  const std::vector<std::string_view> lines = split_lines(note.substr(blank + 2));
  if (lines.empty()) fail(kInput, count_lines(text) + 2, "signature", "no signature lines after the blank line");
  if (lines.size() > kMaxSignatures)
    fail(kInput, count_lines(text) + 2, "signature", "more than " + std::to_string(kMaxSignatures) + " signatures");
  const std::uint32_t wanted_id = verifier.key_id();
  bool verified = false;
  std::uint64_t line_number = count_lines(text) + 1;
  for (const std::string_view line : lines) {
    ++line_number;
    if (!line.starts_with(kSignaturePrefix))
      fail(kInput, line_number, "signature", "a signature line starts with an em dash (U+2014) and a space");
    const std::string_view rest = line.substr(kSignaturePrefix.size());
    const std::size_t space = rest.find(' ');
    if (space == std::string_view::npos) fail(kInput, line_number, "signature", "expected '— <name> <signature>'");
    const std::string_view name = rest.substr(0, space);
    if (!is_valid_key_name(name)) fail(kInput, line_number, "key name", "a key name is non-empty, without '+'");
    const auto blob = base64_decode(rest.substr(space + 1));
    if (!blob || blob->size() < 5)
      fail(kInput, line_number, "signature", "expected base64 of a 4-byte key ID and a signature");
    const std::uint32_t id = (std::uint32_t{(*blob)[0]} << 24) | (std::uint32_t{(*blob)[1]} << 16) |
                             (std::uint32_t{(*blob)[2]} << 8) | (*blob)[3];
    if (name != verifier.name || id != wanted_id) continue;  // someone else's signature (a witness, say)
    Ed25519Signature signature;
    if (blob->size() != 4 + signature.size())
      throw Error(Errc::verification, Location{kInput, line_number, "signature"},
                  "an Ed25519 signature of key " + verifier.name + " is 64 bytes");
    std::copy(blob->begin() + 4, blob->end(), signature.begin());
    if (!verifier.verify(bytes_of(text), signature))
      throw Error(Errc::verification, Location{kInput, line_number, "signature"},
                  "the signature of key " + verifier.name + " does not verify");
    verified = true;
  }
  if (!verified) throw Error(Errc::verification, Location{kInput, 0, "signature"}, "no signature by key " + verifier.name);
  return std::string(text);
}

// ---- checkpoints -----------------------------------------------------------------------------------------------

std::string Checkpoint::text() const {
  const auto bad_line = [](std::string_view line) { return line.empty() || line.find('\n') != line.npos; };
  if (bad_line(origin)) throw Error(Errc::invalid_argument, "checkpoint origin is empty or holds a newline");
  if (std::any_of(extensions.begin(), extensions.end(), bad_line))
    throw Error(Errc::invalid_argument, "checkpoint extension line is empty or holds a newline");
  std::string out = origin + "\n" + std::to_string(tree_size) + "\n" + base64_encode(root) + "\n";
  for (const std::string& line : extensions) out += line + "\n";
  return out;
}

Checkpoint Checkpoint::parse(std::string_view text) {
  constexpr const char* kInput = "<checkpoint>";
  if (text.empty() || text.back() != '\n') fail(kInput, count_lines(text) + 1, "", "the text ends with a newline");
  const std::vector<std::string_view> lines = split_lines(text);
  if (lines.size() < 3) fail(kInput, lines.size() + 1, "", "a checkpoint has an origin, a tree size and a root");
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lines[i].empty()) fail(kInput, i + 1, i < 3 ? "" : "extension", "empty line");
  Checkpoint c;
  c.origin = std::string(lines[0]);
  const std::string_view size = lines[1];
  const auto [end, ec] = std::from_chars(size.data(), size.data() + size.size(), c.tree_size);
  if (ec == std::errc::result_out_of_range) fail(kInput, 2, "tree size", "the tree size does not fit 64 bits");
  if (ec != std::errc{} || end != size.data() + size.size() || (size.size() > 1 && size[0] == '0'))
    fail(kInput, 2, "tree size", "expected a decimal number without leading zeros, got '" + std::string(size) + "'");
  const auto root = base64_decode(lines[2]);
  if (!root || root->size() != c.root.size()) fail(kInput, 3, "root hash", "expected base64 of 32 bytes");
  std::copy(root->begin(), root->end(), c.root.begin());
  c.extensions.assign(lines.begin() + 3, lines.end());
  return c;
}

std::string sign_checkpoint(const Checkpoint& checkpoint, const SigningKey& key) {
  if (checkpoint.origin != key.name())
    throw Error(Errc::invalid_argument,
                "checkpoint origin '" + checkpoint.origin + "' is not the key name '" + key.name() + "'");
  return sign_note(checkpoint.text(), key);
}

Checkpoint open_checkpoint(std::string_view note, const NoteVerifier& verifier) {
  Checkpoint c = Checkpoint::parse(open_note(note, verifier));
  if (c.origin != verifier.name)
    throw Error(Errc::verification, Location{"<checkpoint>", 1, "origin"},
                "origin '" + c.origin + "' is not the log key's name '" + verifier.name + "'");
  return c;
}

}  // namespace minga::verify
