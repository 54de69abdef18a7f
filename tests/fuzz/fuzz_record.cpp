// SPDX-License-Identifier: Apache-2.0
// tests/fuzz/fuzz_record.cpp - libFuzzer target: the election record's readers and its verifier.
//
// Properties, for every input:
//   1. ElectionRecord::read (JSON or binary form), encrypted_ballot_from_json,
//      encrypted_tally_from_json and Manifest::from_json return or throw
//      minga::Error; anything else, a crash, a sanitizer report or a hang is a bug;
//   2. a record that reads is the same record after a round trip through each
//      form (JSON and binary), and the verifier runs to the end over it
//      (its checks pass or fail; it never crashes on what the reader accepted).
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

#include "minga/core/error.hpp"
#include "minga/verify/record.hpp"
#include "minga/verify/verifier.hpp"

namespace {

using namespace minga;
using namespace minga::verify;

[[noreturn]] void violated(const char* what, const std::string& detail) {
  std::fprintf(stderr, "\n==== minga fuzz property violated: %s\n%s\n", what, detail.c_str());
  std::abort();
}

/// Runs a reader; only minga::Error may escape it.
template <class Read>
void only_minga_errors(const char* reader, Read&& read) {
  try {
    read();
  } catch (const Error&) {
  } catch (const std::exception& e) {
    violated(reader, std::string("threw an exception that is not minga::Error: ") + e.what());
  } catch (...) {
    violated(reader, "threw something that is not a std::exception");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  only_minga_errors("ElectionRecord::read", [&] {
    const ElectionRecord record = ElectionRecord::read(bytes, "<fuzz>");
    const std::string json = record.to_json();
    if (ElectionRecord::from_json(json).to_json() != json) violated("record JSON round trip", "the text changed");
    if (ElectionRecord::from_binary(record.to_binary()).to_json() != json)
      violated("record binary round trip", "the record read back differs");
    (void)verify_record(record);
  });
  only_minga_errors("encrypted_ballot_from_json", [&] {
    const EncryptedBallot ballot = encrypted_ballot_from_json(bytes, "<fuzz>");
    const std::string json = encrypted_ballot_to_json(ballot);
    if (encrypted_ballot_to_json(encrypted_ballot_from_json(json)) != json) violated("ballot JSON round trip", json);
  });
  only_minga_errors("encrypted_tally_from_json", [&] { (void)encrypted_tally_from_json(bytes, "<fuzz>"); });
  only_minga_errors("Manifest::from_json", [&] {
    const Manifest manifest = Manifest::from_json(bytes);
    if (Manifest::from_json(manifest.canonical_json()) != manifest) violated("manifest round trip", std::string(bytes));
  });
  return 0;
}
