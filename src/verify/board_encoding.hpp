// SPDX-License-Identifier: Apache-2.0
// Private helpers of the bulletin board files: libsodium start-up, strict base64 and hex.
#pragma once

#include <sodium.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "minga/core/error.hpp"

namespace minga::verify::board_detail {

inline void ensure_sodium() {
  if (sodium_init() < 0) throw Error(Errc::internal, "libsodium could not be initialised");
}

/// Standard base64 with padding (RFC 4648 section 4).
inline std::string base64_encode(std::span<const unsigned char> bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();  // the terminating NUL
  return out;
}

/// Strict standard base64: padding required, no spaces, unused bits zero.
/// nullopt when the text is not canonical base64.
inline std::optional<std::vector<unsigned char>> base64_decode(std::string_view text) {
  std::vector<unsigned char> out(text.size() / 4 * 3 + 3);
  std::size_t length = 0;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  out.resize(length);
  // libsodium stops at the padding; the whole text must have been consumed.
  if (base64_encode(out) != text) return std::nullopt;
  return out;
}

inline std::string hex_lower(std::span<const unsigned char> bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
  out.pop_back();
  return out;
}

/// Exactly 2*size lower- or upper-case hex digits; nullopt otherwise.
inline std::optional<std::vector<unsigned char>> hex_decode(std::string_view text, std::size_t size) {
  if (text.size() != 2 * size) return std::nullopt;
  std::vector<unsigned char> out(size);
  std::size_t length = 0;
  if (sodium_hex2bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, nullptr) != 0 ||
      length != size)
    return std::nullopt;
  return out;
}

}  // namespace minga::verify::board_detail
