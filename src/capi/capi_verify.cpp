// SPDX-License-Identifier: Apache-2.0
// src/capi/capi_verify.cpp - the C ABI of verifiable elections (minga_verifiable_*, minga_record_verify,
// minga_ballots_verify, minga_tallies_add, minga_receipt_verify, minga_short_code*).
//
// No cryptography here: each entry point converts its arguments, calls the
// library (minga/verify/*.hpp) and hands JSON back. The handle is an
// ElectionFolder, which owns the folder's lock.
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "capi/capi_internal.hpp"
#include "minga.h"
#include "minga/verify/election_folder.hpp"
#include "minga/verify/receipt.hpp"
#include "minga/verify/record.hpp"
#include "minga/verify/short_code.hpp"
#include "minga/verify/verifier.hpp"

struct minga_verifiable {
  minga::verify::ElectionFolder folder;
};

namespace {

using namespace minga::verify;
using minga::Errc;
using minga::Error;
namespace capi = minga::capi;

std::string_view text_of(const char* text, std::size_t len) { return std::string_view(text, len); }

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Errc::io, minga::Location{path, 0, ""}, "cannot open");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Bytes32 confirmation_code_of(const char* hex) {
  const std::vector<unsigned char> bytes = hex_decode(hex, 32, "confirmation_code");
  Bytes32 code{};
  std::copy(bytes.begin(), bytes.end(), code.begin());
  return code;
}

// The body of every function that writes one JSON document to `out`.
template <class Make>
int json_out(const char* fn, const char* out_name, char** out, Make&& make) {
  if (out != nullptr) *out = nullptr;
  return capi::guarded(fn, [&] {
    capi::require(out, fn, out_name);
    capi::copy_out(make(), out, nullptr);
    return MINGA_OK;
  });
}

int record_verify(const std::string& text, int* all_ok, char** report_json) {
  const ElectionRecord record = ElectionRecord::read(text);
  const std::vector<VerificationCheck> checks = verify_record(record);
  capi::copy_out(verification_report_json(checks), report_json, nullptr);
  *all_ok = all_passed(checks) ? 1 : 0;
  return MINGA_OK;
}

}  // namespace

extern "C" {

int minga_verifiable_create(minga_verifiable** out, const char* folder, const char* manifest_json,
                            uint32_t guardians, uint32_t quorum) {
  constexpr const char* fn = "minga_verifiable_create";
  if (out != nullptr) *out = nullptr;
  return capi::guarded(fn, [&] {
    capi::require(out, fn, "out");
    capi::require(folder, fn, "folder");
    capi::require(manifest_json, fn, "manifest_json");
    const Manifest manifest = Manifest::from_json(manifest_json);
    *out = new minga_verifiable{ElectionFolder::create(folder, manifest, CeremonyParameters{guardians, quorum})};
    return MINGA_OK;
  });
}

int minga_verifiable_open(minga_verifiable** out, const char* folder) {
  constexpr const char* fn = "minga_verifiable_open";
  if (out != nullptr) *out = nullptr;
  return capi::guarded(fn, [&] {
    capi::require(out, fn, "out");
    capi::require(folder, fn, "folder");
    *out = new minga_verifiable{ElectionFolder(folder)};
    return MINGA_OK;
  });
}

void minga_verifiable_free(minga_verifiable* election) { delete election; }

int minga_verifiable_status_json(const minga_verifiable* election, char** status_json) {
  constexpr const char* fn = "minga_verifiable_status_json";
  return json_out(fn, "status_json", status_json, [&] {
    capi::require(election, fn, "election");
    return election->folder.status_json();
  });
}

int minga_verifiable_encrypt(minga_verifiable* election, const char* device_id, const char* ballot_json,
                             char** codes_json) {
  constexpr const char* fn = "minga_verifiable_encrypt";
  return json_out(fn, "codes_json", codes_json, [&] {
    capi::require(election, fn, "election");
    capi::require(device_id, fn, "device_id");
    capi::require(ballot_json, fn, "ballot_json");
    ElectionFolder& f = election->folder;
    return ballot_codes_json(f.encrypt(device_id, plaintext_ballot_from_json(f.context().manifest, ballot_json)));
  });
}

int minga_verifiable_cast(minga_verifiable* election, const char* ballot_id, char** receipt_json) {
  constexpr const char* fn = "minga_verifiable_cast";
  return json_out(fn, "receipt_json", receipt_json, [&] {
    capi::require(election, fn, "election");
    capi::require(ballot_id, fn, "ballot_id");
    return election->folder.cast(ballot_id).to_json();
  });
}

int minga_verifiable_challenge(minga_verifiable* election, const char* ballot_id, char** opened_json) {
  constexpr const char* fn = "minga_verifiable_challenge";
  return json_out(fn, "opened_json", opened_json, [&] {
    capi::require(election, fn, "election");
    capi::require(ballot_id, fn, "ballot_id");
    return ballot_codes_json(election->folder.challenge(ballot_id));
  });
}

int minga_verifiable_submit(minga_verifiable* election, const char* encrypted_ballot_json, char** receipt_json) {
  constexpr const char* fn = "minga_verifiable_submit";
  return json_out(fn, "receipt_json", receipt_json, [&] {
    capi::require(election, fn, "election");
    capi::require(encrypted_ballot_json, fn, "encrypted_ballot_json");
    return election->folder.submit(encrypted_ballot_from_json(encrypted_ballot_json)).to_json();
  });
}

int minga_verifiable_close(minga_verifiable* election) {
  constexpr const char* fn = "minga_verifiable_close";
  return capi::guarded(fn, [&] {
    capi::require(election, fn, "election");
    election->folder.close();
    return MINGA_OK;
  });
}

int minga_verifiable_tally(minga_verifiable* election, char** tally_json) {
  constexpr const char* fn = "minga_verifiable_tally";
  if (tally_json != nullptr) *tally_json = nullptr;
  return capi::guarded(fn, [&] {
    capi::require(election, fn, "election");
    const EncryptedTally t = election->folder.tally();
    if (tally_json != nullptr) capi::copy_out(encrypted_tally_to_json(t), tally_json, nullptr);
    return MINGA_OK;
  });
}

int minga_verifiable_decrypt(minga_verifiable* election, const uint32_t* guardians, size_t n_guardians,
                             char** record_json) {
  constexpr const char* fn = "minga_verifiable_decrypt";
  return json_out(fn, "record_json", record_json, [&] {
    capi::require(election, fn, "election");
    if (n_guardians > 0) capi::require(guardians, fn, "guardians");
    const std::vector<std::uint32_t> list(guardians, guardians + n_guardians);
    return election->folder.decrypt(list).to_json();
  });
}

int minga_record_verify(const char* record_json, size_t len, int* all_ok, char** report_json) {
  constexpr const char* fn = "minga_record_verify";
  if (report_json != nullptr) *report_json = nullptr;
  if (all_ok != nullptr) *all_ok = 0;
  return capi::guarded(fn, [&] {
    capi::require(record_json, fn, "record_json");
    capi::require(all_ok, fn, "all_passed");
    capi::require(report_json, fn, "report_json");
    return record_verify(std::string(text_of(record_json, len)), all_ok, report_json);
  });
}

int minga_record_verify_file(const char* path, int* all_ok, char** report_json) {
  constexpr const char* fn = "minga_record_verify_file";
  if (report_json != nullptr) *report_json = nullptr;
  if (all_ok != nullptr) *all_ok = 0;
  return capi::guarded(fn, [&] {
    capi::require(path, fn, "path");
    capi::require(all_ok, fn, "all_passed");
    capi::require(report_json, fn, "report_json");
    try {
      return record_verify(read_file(path), all_ok, report_json);
    } catch (const Error& e) {
      if (e.code() != Errc::parse) throw;
      throw Error(e.code(), minga::Location{path, 0, e.where().field}, e.reason());
    }
  });
}

int minga_ballots_verify(const char* election_json, size_t election_len, const char* ballots_jsonl,
                         size_t ballots_len, uint64_t first_index, unsigned threads, char** result_json) {
  constexpr const char* fn = "minga_ballots_verify";
  return json_out(fn, "result_json", result_json, [&] {
    capi::require(election_json, fn, "election_json");
    if (ballots_len > 0) capi::require(ballots_jsonl, fn, "ballots_jsonl");
    const ElectionContext context =
        election_context(ElectionRecord::from_json(text_of(election_json, election_len)));
    const std::vector<EncryptedBallot> ballots =
        encrypted_ballots_from_jsonl(ballots_len > 0 ? text_of(ballots_jsonl, ballots_len) : std::string_view());
    return batch_verification_json(verify_ballots(context, ballots, first_index, threads));
  });
}

int minga_tallies_add(const char* a_json, const char* b_json, char** sum_json) {
  constexpr const char* fn = "minga_tallies_add";
  return json_out(fn, "sum_json", sum_json, [&] {
    capi::require(a_json, fn, "a_json");
    capi::require(b_json, fn, "b_json");
    return encrypted_tally_to_json(
        add_tallies(encrypted_tally_from_json(a_json, "<a>"), encrypted_tally_from_json(b_json, "<b>")));
  });
}

int minga_receipt_verify(const char* receipt_json, const char* election_json, size_t election_len,
                         char** checkpoint_json) {
  constexpr const char* fn = "minga_receipt_verify";
  if (checkpoint_json != nullptr) *checkpoint_json = nullptr;
  return capi::guarded(fn, [&] {
    capi::require(receipt_json, fn, "receipt_json");
    capi::require(election_json, fn, "election_json");
    const ElectionRecord election = ElectionRecord::from_json(text_of(election_json, election_len));
    const Receipt receipt = Receipt::from_json(receipt_json);
    const Checkpoint cp = verify_receipt(receipt, election.board_key, election.election_hash);
    if (checkpoint_json != nullptr) capi::copy_out(verified_receipt_json(receipt, cp), checkpoint_json, nullptr);
    return MINGA_OK;
  });
}

int minga_short_code(const char* confirmation_code_hex, char** out) {
  constexpr const char* fn = "minga_short_code";
  return json_out(fn, "short_code", out, [&] {
    capi::require(confirmation_code_hex, fn, "confirmation_code_hex");
    return short_code(confirmation_code_of(confirmation_code_hex));
  });
}

int minga_short_code_check(const char* typed, const char* confirmation_code_hex) {
  constexpr const char* fn = "minga_short_code_check";
  return capi::guarded(fn, [&] {
    capi::require(typed, fn, "short_code");
    capi::require(confirmation_code_hex, fn, "confirmation_code_hex");
    const std::uint64_t value = parse_short_code(typed);
    if (value != short_code_value(confirmation_code_of(confirmation_code_hex)))
      throw Error(Errc::verification, std::string(fn) + ": the short code belongs to another ballot");
    return MINGA_OK;
  });
}

}  // extern "C"
