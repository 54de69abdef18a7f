// SPDX-License-Identifier: Apache-2.0
// bindings/python/src/verify.cpp - minga._minga._Verifiable and _verify_*: verifiable elections, JSON in and out.
//
// No cryptography here: each function calls the library (minga/verify/*.hpp)
// with the GIL released and returns the same JSON documents as the C ABI;
// minga/_verify.py turns them into Python objects.
#include "src/verify.hpp"

#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "minga/core/error.hpp"
#include "minga/verify/election_folder.hpp"
#include "minga/verify/receipt.hpp"
#include "minga/verify/record.hpp"
#include "minga/verify/short_code.hpp"
#include "minga/verify/verifier.hpp"
#include "src/progress.hpp"

namespace minga::python {

namespace py = pybind11;
using namespace pybind11::literals;
using namespace minga::verify;

namespace {

Bytes32 code_of(const std::string& hex) {
  const std::vector<unsigned char> bytes = hex_decode(hex, 32, "confirmation_code");
  Bytes32 code{};
  std::copy(bytes.begin(), bytes.end(), code.begin());
  return code;
}

// An election folder; closing it (or collecting it) releases the folder's lock.
class Verifiable {
 public:
  explicit Verifiable(ElectionFolder folder) : folder_(std::move(folder)) {}

  ElectionFolder& folder() {
    if (!folder_) throw Error(Errc::invalid_argument, "this VerifiableElection was released");
    return *folder_;
  }
  void release() { folder_.reset(); }

  std::string status() { return folder().status_json(); }

 private:
  std::optional<ElectionFolder> folder_;
};

}  // namespace

void define_verify(py::module_& m) {
  py::class_<Verifiable>(m, "_Verifiable")
      .def_static(
          "create",
          [](const std::string& folder, const std::string& manifest_json, std::uint32_t guardians,
             std::uint32_t quorum) {
            py::gil_scoped_release no_gil;
            return Verifiable(ElectionFolder::create(folder, Manifest::from_json(manifest_json),
                                                     CeremonyParameters{guardians, quorum}));
          },
          "folder"_a, "manifest_json"_a, "guardians"_a, "quorum"_a)
      .def_static(
          "open",
          [](const std::string& folder) {
            py::gil_scoped_release no_gil;  // may wait for another process's lock
            return Verifiable(ElectionFolder(folder));
          },
          "folder"_a)
      .def("release", &Verifiable::release)
      .def("status", &Verifiable::status)
      .def(
          "encrypt",
          [](Verifiable& v, const std::string& device_id, const std::string& ballot_json) {
            py::gil_scoped_release no_gil;
            ElectionFolder& f = v.folder();
            return ballot_codes_json(f.encrypt(device_id, plaintext_ballot_from_json(f.context().manifest, ballot_json)));
          },
          "device_id"_a, "ballot_json"_a)
      .def(
          "cast",
          [](Verifiable& v, const std::string& ballot_id) {
            py::gil_scoped_release no_gil;
            return v.folder().cast(ballot_id).to_json();
          },
          "ballot_id"_a)
      .def(
          "challenge",
          [](Verifiable& v, const std::string& ballot_id) {
            py::gil_scoped_release no_gil;
            return ballot_codes_json(v.folder().challenge(ballot_id));
          },
          "ballot_id"_a)
      .def(
          "submit",
          [](Verifiable& v, const std::string& ballot_json) {
            py::gil_scoped_release no_gil;
            return v.folder().submit(encrypted_ballot_from_json(ballot_json)).to_json();
          },
          "encrypted_ballot_json"_a)
      .def("close",
           [](Verifiable& v) {
             py::gil_scoped_release no_gil;
             return device_closings_to_json(v.folder().close());
           })
      .def("tally",
           [](Verifiable& v) {
             py::gil_scoped_release no_gil;
             return encrypted_tally_to_json(v.folder().tally());
           })
      .def(
          "decrypt",
          [](Verifiable& v, const std::vector<std::uint32_t>& guardians) {
            py::gil_scoped_release no_gil;
            return v.folder().decrypt(guardians).to_json();
          },
          "guardians"_a);

  m.def(
      "_verify_record",
      [](const std::string& record, py::handle progress) {
        const auto told = progress_callback<VerifyProgress>(progress);
        py::gil_scoped_release no_gil;
        return verification_report_json(verify_record(ElectionRecord::read(record), told));
      },
      "record"_a, "progress"_a = py::none());
  m.def(
      "_record_to_binary",
      [](const std::string& record) {
        std::vector<std::uint8_t> binary;
        {
          py::gil_scoped_release no_gil;
          binary = ElectionRecord::read(record).to_binary();
        }
        return py::bytes(reinterpret_cast<const char*>(binary.data()), binary.size());
      },
      "record"_a);
  m.def(
      "_record_to_json",
      [](const std::string& record) {
        py::gil_scoped_release no_gil;
        return ElectionRecord::read(record).to_json();
      },
      "record"_a);
  m.def(
      "_verify_ballots",
      [](const std::string& election_json, const std::vector<std::string>& ballots, std::uint64_t first_index,
         unsigned threads, py::handle progress) {
        const auto told = progress_callback<VerifyProgress>(progress);
        py::gil_scoped_release no_gil;
        const ElectionContext context = election_context(ElectionRecord::from_json(election_json));
        std::vector<EncryptedBallot> parsed;
        parsed.reserve(ballots.size());
        for (std::size_t i = 0; i < ballots.size(); ++i)
          parsed.push_back(encrypted_ballot_from_json(ballots[i], "<ballots>", first_index + i + 1));
        return batch_verification_json(verify_ballots(context, parsed, first_index, threads, told));
      },
      "election_json"_a, "ballots"_a, "first_index"_a, "threads"_a, "progress"_a = py::none());
  m.def(
      "_add_tallies",
      [](const std::string& a, const std::string& b) {
        return encrypted_tally_to_json(add_tallies(encrypted_tally_from_json(a, "a"), encrypted_tally_from_json(b, "b")));
      },
      "a_json"_a, "b_json"_a);
  m.def(
      "_verify_receipt",
      [](const std::string& receipt_json, const std::string& election_json) {
        const ElectionRecord election = ElectionRecord::from_json(election_json);
        const Receipt receipt = Receipt::from_json(receipt_json);
        return verified_receipt_json(receipt, verify_receipt(receipt, election.board_key, election.election_hash));
      },
      "receipt_json"_a, "election_json"_a);
  m.def(
      "_short_code", [](const std::string& hex) { return short_code(code_of(hex)); }, "confirmation_code"_a);
  m.def(
      "_short_code_check",
      [](const std::string& typed, const std::string& hex) {
        return parse_short_code(typed) == short_code_value(code_of(hex));
      },
      "short_code"_a, "confirmation_code"_a);
}

}  // namespace minga::python
