// SPDX-License-Identifier: Apache-2.0
// Unit tests: the election record's compact binary form (docs/verify_record.md, "Binary form").
#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "minga/core/error.hpp"
#include "minga/verify/record.hpp"
#include "minga/verify/verifier.hpp"

using namespace minga;
using namespace minga::verify;
using nlohmann::json;

namespace {

std::string read_file(const std::string& name) {
  std::ifstream in(std::string(MINGA_TEST_SOURCE_DIR) + "/data/" + name, std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::uint8_t> bytes_of(const std::string& s) { return {s.begin(), s.end()}; }

/// The binary form of a hand-made document: the tag, then its CBOR.
std::vector<std::uint8_t> tagged(const std::vector<std::uint8_t>& cbor) {
  std::vector<std::uint8_t> out(3 + cbor.size());
  out[0] = 0xd9;
  out[1] = 0xd9;
  out[2] = 0xf7;
  std::copy(cbor.begin(), cbor.end(), out.begin() + 3);
  return out;
}

/// The document with every string of 64 or more lower-case hex digits as bytes,
/// written here from the format's description, not with the library's code.
json as_binary_form(json node) {
  if (node.is_structured()) {
    for (json& child : node) child = as_binary_form(child);
  } else if (node.is_string()) {
    const std::string s = node.get<std::string>();
    if (s.size() >= 64 && s.size() % 2 == 0 && s.find_first_not_of("0123456789abcdef") == std::string::npos) {
      std::vector<std::uint8_t> bytes;
      for (std::size_t i = 0; i < s.size(); i += 2) bytes.push_back(static_cast<std::uint8_t>(std::stoi(s.substr(i, 2), nullptr, 16)));
      return json::binary(bytes);
    }
  }
  return node;
}

/// The error from_binary throws, as "field: reason" ("accepted" when none).
std::string binary_error(const std::vector<std::uint8_t>& bytes) {
  try {
    (void)ElectionRecord::from_binary(bytes);
  } catch (const Error& e) {
    CHECK(e.code() == Errc::parse);
    return e.where().field + ": " + e.reason();
  }
  return "accepted";
}

}  // namespace

TEST_CASE("record binary: the vector converts both ways without loss and verifies", "[verify-record-binary]") {
  const std::string text = read_file("verify_record_vector.json");
  const ElectionRecord record = ElectionRecord::from_json(text);
  const std::vector<std::uint8_t> binary = record.to_binary();

  // The binary form is the JSON document with hex as bytes, as CBOR after the tag;
  // the published binary vector is exactly that.
  CHECK(binary == tagged(json::to_cbor(as_binary_form(json::parse(record.to_json())))));
  CHECK(binary == bytes_of(read_file("verify_record_vector.cbor")));
  CHECK(ElectionRecord::is_binary_record(binary));
  CHECK_FALSE(ElectionRecord::is_binary_record(bytes_of(text)));

  const ElectionRecord back = ElectionRecord::from_binary(binary);
  CHECK(back.to_json() == record.to_json());
  CHECK(back.to_binary() == binary);
  CHECK(all_passed(verify_record(back)));

  // Hex became bytes: the joint key's 32 bytes are in the binary, its 64 hex digits are not.
  const std::string binary_text(binary.begin(), binary.end());
  const std::string key_hex = record.public_key.hex();
  CHECK(binary_text.find(key_hex) == std::string::npos);
  const auto key = record.public_key.bytes();
  CHECK(binary_text.find(std::string(key.begin(), key.end())) != std::string::npos);
  // About half the JSON text's size.
  CHECK(binary.size() * 100 < record.to_json().size() * 60);

  // read() tells the forms apart by their first bytes.
  CHECK(ElectionRecord::read(binary_text).to_json() == record.to_json());
  CHECK(ElectionRecord::read(text).to_json() == record.to_json());
}

TEST_CASE("record binary: strings that only look like hex survive the round trip", "[verify-record-binary]") {
  // A ballot id of 64 lower-case hex digits is stored as bytes and read back as the same text.
  json document = json::parse(read_file("verify_record_vector.json"));
  const std::string hex_id(64, 'a');
  document["ballots"][0]["ballot_id"] = hex_id;
  const ElectionRecord record = ElectionRecord::from_json(document.dump());
  CHECK(ElectionRecord::from_binary(record.to_binary()).ballots[0].ballot_id == hex_id);
  // Upper-case hex is text in both forms.
  document["ballots"][0]["ballot_id"] = std::string(64, 'A');
  const ElectionRecord upper = ElectionRecord::from_json(document.dump());
  CHECK(ElectionRecord::from_binary(upper.to_binary()).ballots[0].ballot_id == std::string(64, 'A'));
}

TEST_CASE("record binary: malformed input is a parse error naming the byte or the path", "[verify-record-binary]") {
  const std::vector<std::uint8_t> good = ElectionRecord::from_json(read_file("verify_record_vector.json")).to_binary();

  CHECK(binary_error(bytes_of("{\"schema\": 1}")).rfind("byte 0: not a binary record", 0) == 0);
  CHECK(binary_error({}).rfind("byte 0:", 0) == 0);

  // Every truncation is refused with a clear error, never a crash.
  for (std::size_t cut = 0; cut < good.size(); cut += 97) {
    const std::vector<std::uint8_t> head(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(cut));
    CHECK(binary_error(head) != "accepted");
  }
  // Trailing bytes after the document.
  std::vector<std::uint8_t> longer = good;
  longer.push_back(0x00);
  CHECK(binary_error(longer).rfind("byte " + std::to_string(good.size()), 0) == 0);

  // Rules of the binary form itself.
  CHECK(binary_error(tagged({0xa2, 0x61, 0x61, 0x01, 0x61, 0x61, 0x02})) == "$.a: malformed binary record: duplicate key");
  CHECK(binary_error(tagged(json::to_cbor(json{{"schema", json::binary({1, 2, 3})}}))) ==
        "$.schema: malformed binary record: a byte string shorter than 32 bytes");
  CHECK(binary_error(tagged(json::to_cbor(json{{"ballots", {std::string(64, '0')}}}))) ==
        "$.ballots[0]: malformed binary record: hex text of 64 or more digits must be a byte string");
  // Text strings and keys must be UTF-8 (a fuzzing find: nlohmann's CBOR reader lets 0x93 through).
  CHECK(binary_error(tagged({0xa1, 0x61, 0x61, 0x62, 0x41, 0x93})) ==
        "$.a: malformed binary record: a text string that is not UTF-8 (RFC 8949 section 3.1)");
  CHECK(binary_error(tagged({0xa1, 0x61, 0x61, 0xa1, 0x61, 0xff, 0x01})) ==
        "$.a: malformed binary record: a key that is not UTF-8 (RFC 8949 section 3.1)");
  std::vector<std::uint8_t> deep(100000, 0x81);  // arrays of one array, 100,000 deep
  deep.push_back(0x00);
  CHECK(binary_error(tagged(deep)).find("nested deeper than 32") != std::string::npos);

  // A well-formed binary of a bad document gets the document's own errors, as from JSON.
  json document = json::parse(read_file("verify_record_vector.json"));
  document["ballots"][0].erase("device_id");
  CHECK(binary_error(tagged(json::to_cbor(as_binary_form(document)))) == "$.ballots[0].device_id: missing field");
  // Hex left as text is not the binary form.
  CHECK(binary_error(tagged(json::to_cbor(document))).find("must be a byte string") != std::string::npos);
}

TEST_CASE("record binary: read() names the source in its errors", "[verify-record-binary]") {
  try {
    (void)ElectionRecord::read("{\"schema\": \"minga.record/0\"}", "published/record.json");
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.where().file == "published/record.json");
    CHECK(e.where().field == "$.schema");
  }
  try {
    (void)ElectionRecord::read(std::string("\xd9\xd9\xf7\x80", 4), "record.cbor");
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.where().file == "record.cbor");
    CHECK(e.code() == Errc::parse);
  }
}
