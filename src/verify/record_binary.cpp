// SPDX-License-Identifier: Apache-2.0
// src/verify/record_binary.cpp - the election record's compact binary form (docs/verify_record.md).
//
// The binary form is the JSON form's document written as CBOR (RFC 8949) after
// the self-describe tag 55799 (bytes d9 d9 f7), with every string of 64 or more
// lower-case hex digits (points, scalars, hashes, proofs) as the byte string it
// spells. Everything else (keys, ids, counts, the checkpoint text) is as in JSON.
// One document, two encodings: the record's meaning and its checks live in
// record.cpp alone, and a record converts between forms without loss.
#include <cstdint>
#include <string>
#include <vector>

#include "io/text.hpp"
#include "minga/core/error.hpp"
#include "minga/verify/group.hpp"
#include "minga/verify/record.hpp"
#include "record_document.hpp"

namespace minga::verify {
namespace {

using nlohmann::json;

constexpr unsigned char kSelfDescribeTag[] = {0xd9, 0xd9, 0xf7};
constexpr std::size_t kMinBytes = 32;    // shortest byte string: 64 hex digits
constexpr std::size_t kMaxDepth = 32;    // the document nests 8 deep; bounds the reader's recursion

bool is_lower_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

/// True for the strings the binary form stores as bytes.
bool is_byte_text(const std::string& s) {
  if (s.size() < 2 * kMinBytes || s.size() % 2 != 0) return false;
  for (char c : s)
    if (!is_lower_hex(c)) return false;
  return true;
}

json::binary_t bytes_of(const std::string& hex) {
  const std::vector<unsigned char> bytes = hex_decode(hex, hex.size() / 2, "");
  return json::binary_t(std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
}

/// Turns byte strings' hex into bytes, in place (the document is shallow).
void encode_bytes(json& node) {
  if (node.is_string()) {
    if (is_byte_text(node.get_ref<const std::string&>())) node = json::binary(bytes_of(node.get<std::string>()));
  } else if (node.is_structured()) {
    for (json& child : node) encode_bytes(child);
  }
}

[[noreturn]] void fail(const std::string& field, const std::string& reason) {
  throw_parse_error(Location{"<record>", 0, field}, reason);
}

/// Builds the document from CBOR events (nlohmann's SAX interface): byte strings
/// become hex text; nesting deeper than kMaxDepth, duplicate keys, text that is not
/// UTF-8, short byte strings and long hex text (not canonical) are refused, naming the JSON path
/// or the byte where reading stopped.
class DocumentBuilder {
 public:
  json document;
  std::string error_field;
  std::string error;

  bool null() { return put(nullptr); }
  bool boolean(bool value) { return put(value); }
  bool number_integer(json::number_integer_t value) { return put(value); }
  bool number_unsigned(json::number_unsigned_t value) { return put(value); }
  bool number_float(json::number_float_t value, const std::string&) { return put(value); }
  bool string(std::string& value) {
    if (!io::is_valid_utf8(value)) return refuse("a text string that is not UTF-8 (RFC 8949 section 3.1)");
    if (is_byte_text(value)) return refuse("hex text of 64 or more digits must be a byte string");
    return put(std::move(value));
  }
  bool binary(json::binary_t& value) {
    if (value.size() < kMinBytes) return refuse("a byte string shorter than 32 bytes");
    return put(hex_encode(value));
  }
  bool start_object(std::size_t) { return open(json::object()); }
  bool start_array(std::size_t) { return open(json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(std::string& value) {
    if (!io::is_valid_utf8(value)) {
      error_field = paths_.empty() ? "$" : paths_.back();
      error = "a key that is not UTF-8 (RFC 8949 section 3.1)";
      return false;
    }
    key_ = std::move(value);
    if (open_.back()->contains(key_)) return refuse("duplicate key");
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const json::exception& e) {
    // nlohmann counts the bytes read, the failing one included, after the tag.
    error_field = "byte " + std::to_string((position > 0 ? position - 1 : 0) + sizeof kSelfDescribeTag);
    error = e.what();
    if (const std::size_t at = error.find("parse error at byte "); at != std::string::npos)
      if (const std::size_t colon = error.find(": ", at); colon != std::string::npos) error.erase(0, colon + 2);
    return false;
  }

 private:
  // Where the next value goes: "$", "$.ballots[3]", "$.ballots[3].ballot_id".
  std::string next_path() const {
    if (open_.empty()) return "$";
    const json& parent = *open_.back();
    return paths_.back() + (parent.is_array() ? "[" + std::to_string(parent.size()) + "]" : "." + key_);
  }
  json* place(json value) {
    if (open_.empty()) {
      document = std::move(value);
      return &document;
    }
    json& parent = *open_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    json& slot = parent[key_];
    slot = std::move(value);
    return &slot;
  }
  bool put(json value) {
    place(std::move(value));
    return true;
  }
  bool open(json container) {
    if (open_.size() >= kMaxDepth) return refuse("nested deeper than " + std::to_string(kMaxDepth));
    paths_.push_back(next_path());
    open_.push_back(place(std::move(container)));
    return true;
  }
  bool close() {
    open_.pop_back();
    paths_.pop_back();
    return true;
  }
  bool refuse(std::string reason) {
    error_field = next_path();
    error = std::move(reason);
    return false;
  }

  std::vector<json*> open_;         // the containers being filled, outermost first
  std::vector<std::string> paths_;  // their JSON paths
  std::string key_;
};

}  // namespace

std::vector<std::uint8_t> ElectionRecord::to_binary() const {
  json document = record_document(*this);
  encode_bytes(document);
  std::vector<std::uint8_t> out(std::begin(kSelfDescribeTag), std::end(kSelfDescribeTag));
  json::to_cbor(document, out);
  return out;
}

ElectionRecord ElectionRecord::from_binary(std::span<const std::uint8_t> bytes) {
  if (!is_binary_record(bytes)) fail("byte 0", "not a binary record: it does not start with the CBOR tag d9 d9 f7");
  DocumentBuilder builder;
  const auto body = bytes.subspan(sizeof kSelfDescribeTag);
  bool ok = false;
  try {
    ok = json::sax_parse(body.begin(), body.end(), &builder, json::input_format_t::cbor, /*strict=*/true);
  } catch (const json::exception& e) {
    builder.error = e.what();
  }
  if (!ok) fail(builder.error_field, "malformed binary record: " + builder.error);
  return record_from_document(builder.document);
}

bool ElectionRecord::is_binary_record(std::span<const std::uint8_t> bytes) noexcept {
  return bytes.size() >= sizeof kSelfDescribeTag &&
         std::equal(std::begin(kSelfDescribeTag), std::end(kSelfDescribeTag), bytes.begin());
}

ElectionRecord ElectionRecord::read(std::string_view bytes, std::string_view source) {
  const std::span<const std::uint8_t> data(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  try {
    return is_binary_record(data) ? from_binary(data) : from_json(bytes);
  } catch (const Error& e) {
    throw Error(e.code(), Location{std::string(source), e.where().line, e.where().field}, e.reason());
  }
}

}  // namespace minga::verify
