// SPDX-License-Identifier: Apache-2.0
// The election folder (minga/verify/election_folder.hpp): a whole election step by step on disk,
// reopened between steps as separate processes would; stages, submitted ballots, receipts, bad input;
// and batch verification of partitions whose sums add up to the record's tally.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "minga/core/error.hpp"
#include "minga/verify/election_folder.hpp"
#include "minga/verify/short_code.hpp"
#include "minga/verify/verifier.hpp"
#include "verify_election_fixture.hpp"

using namespace minga;
using namespace minga::verify;
using namespace minga::verify::testing;
namespace fs = std::filesystem;

namespace {

// A fresh, empty folder under the system's temporary directory, removed afterwards.
struct TempFolder {
  fs::path path;
  explicit TempFolder(const std::string& name) {
    std::random_device rd;
    path = fs::temp_directory_path() / ("minga-folder-" + name + "-" + std::to_string(rd()));
    fs::remove_all(path);
  }
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

template <class F>
Error error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  FAIL("no minga::Error thrown");
  return Error(Errc::internal, "unreachable");
}

}  // namespace

TEST_CASE("an election folder runs the whole flow, reopened between steps, and its record verifies",
          "[verify][folder]") {
  TempFolder dir("flow");
  const Manifest m = small_manifest();
  std::mt19937_64 rng(7);
  std::vector<std::vector<std::uint64_t>> expected = {{0, 0, 0}, {0, 0}};  // sums over cast ballots
  std::vector<std::pair<std::string, Receipt>> receipts;  // ballot id, receipt
  Bytes32 election_hash{};
  NoteVerifier board;
  {
    ElectionFolder f = ElectionFolder::create(dir.path, m, CeremonyParameters{3, 2});
    election_hash = f.context().election_hash;
    board = f.board_key();
    CHECK(f.stage() == FolderStage::open);
  }
  for (int i = 0; i < 9; ++i) {
    ElectionFolder f(dir.path);  // a new process per step: everything comes back from the files
    const std::string id = "b-" + std::to_string(i);
    const auto choices = random_choices(m, rng);
    const EncryptedBallot shown = f.encrypt(i % 2 ? "kiosk-1" : "kiosk-2", {id, choices});
    CHECK(fs::exists(dir.path / "pending" / (id + ".json")));
    if (i == 4) {
      const EncryptedBallot opened = f.challenge(id);
      CHECK(opened.state == BallotState::spoiled);
      REQUIRE(opened.opening);
      CHECK(opened.opening->selections == choices);
      CHECK(opened.confirmation_code == shown.confirmation_code);
    } else {
      receipts.emplace_back(id, f.cast(id));
      CHECK(receipts.back().second.confirmation_code == shown.confirmation_code);
      for (std::size_t c = 0; c < choices.size(); ++c)
        for (std::size_t o = 0; o < choices[c].size(); ++o) expected[c][o] += choices[c][o];
    }
    CHECK_FALSE(fs::exists(dir.path / "pending" / (id + ".json")));  // the nonce is gone once decided
  }
  // Every receipt checks offline against what election.json publishes, and is the file kept for it.
  const ElectionRecord published = ElectionRecord::from_json(slurp(dir.path / "election.json"));
  CHECK(published.election_hash == election_hash);
  CHECK(published.board_key == board);
  for (const auto& [id, r] : receipts) {
    CHECK_NOTHROW(verify_receipt(r, published.board_key, published.election_hash));
    CHECK(Receipt::from_json(slurp(dir.path / "receipts" / (id + ".json"))) == r);
  }

  {
    ElectionFolder f(dir.path);
    CHECK(f.ballots().size() == 9);
    CHECK_THROWS_AS(f.tally(), Error);  // not closed yet
    f.close();
    CHECK(f.stage() == FolderStage::closed);
    CHECK(error_of([&] { (void)f.encrypt("kiosk-1", {"late", random_choices(m, rng)}); }).code() ==
          Errc::invalid_argument);
  }
  {
    ElectionFolder f(dir.path);
    const std::vector<std::uint32_t> one = {2};
    CHECK_THROWS_AS(f.decrypt(one), Error);  // before the tally
    CHECK(f.tally().cast_ballots == 8);
    CHECK(error_of([&] { (void)f.decrypt(one); }).code() == Errc::invalid_argument);  // below the quorum of 2
  }
  ElectionFolder f(dir.path);
  const std::vector<std::uint32_t> two = {3, 1};
  const ElectionRecord record = f.decrypt(two);
  CHECK(f.stage() == FolderStage::decrypted);
  for (std::size_t c = 0; c < expected.size(); ++c)
    for (std::size_t o = 0; o < expected[c].size(); ++o) CHECK(record.decryption.options[c][o].total == expected[c][o]);
  const ElectionRecord reread = ElectionRecord::from_json(slurp(dir.path / "record.json"));
  const std::vector<VerificationCheck> checks = verify_record(reread);
  for (const VerificationCheck& c : checks) INFO(c.name << ": " << c.reason);
  CHECK(all_passed(checks));
}

TEST_CASE("a folder's devices serve one voter at a time and close their chains at closing", "[verify][folder]") {
  TempFolder dir("closing");
  const Manifest m = small_manifest();
  std::mt19937_64 rng(11);
  ElectionFolder f = ElectionFolder::create(dir.path, m, CeremonyParameters{1, 1});
  (void)f.encrypt("kiosk-1", {"b-0", random_choices(m, rng)});
  // The next voter on kiosk-1 waits until b-0 is cast or challenged; kiosk-2 is free.
  const Error busy = error_of([&] { (void)f.encrypt("kiosk-1", {"b-1", random_choices(m, rng)}); });
  CHECK(busy.code() == Errc::invalid_argument);
  CHECK_THAT(busy.what(), Catch::Contains("'b-0' is pending on device kiosk-1"));
  (void)f.encrypt("kiosk-2", {"b-1", random_choices(m, rng)});
  const Error open = error_of([&] { (void)f.close(); });
  CHECK(open.code() == Errc::invalid_argument);
  CHECK_THAT(open.what(), Catch::Contains("b-0, b-1; cast or challenge each first"));
  CHECK(f.stage() == FolderStage::open);
  (void)f.cast("b-0");
  (void)f.challenge("b-1");
  (void)f.encrypt("kiosk-1", {"b-2", random_choices(m, rng)});
  (void)f.cast("b-2");

  const std::vector<DeviceClosing> closings = f.close();
  REQUIRE(closings.size() == 2);
  const Bytes32& h_e = f.context().election_hash;
  const std::vector<EncryptedBallot>& b = f.ballots();  // b-0, b-1, b-2
  CHECK(closings[0] == DeviceClosing{"kiosk-1", 2, device_closing_hash(h_e, "kiosk-1", 2, b[2].confirmation_code)});
  CHECK(closings[1] == DeviceClosing{"kiosk-2", 1, device_closing_hash(h_e, "kiosk-2", 1, b[1].confirmation_code)});
  CHECK(device_closings_from_json(slurp(dir.path / "closings.json")) == closings);
  (void)f.tally();
  const std::vector<std::uint32_t> one = {1};
  const ElectionRecord record = f.decrypt(one);
  CHECK(record.device_closings == closings);
  CHECK(all_passed(verify_record(ElectionRecord::from_json(slurp(dir.path / "record.json")))));
}

TEST_CASE("device closings: a device's own statement is the one recomputed from its ballots", "[verify][folder]") {
  TestCeremony ceremony({1, 1});
  const ElectionContext ctx = ElectionContext::make(ceremony.parameters, small_manifest(), ceremony.public_key());
  std::mt19937_64 rng(3);
  EncryptionDevice a(ctx, "a"), b(ctx, "b"), none(ctx, "n", ChainMode::none);
  // Before any ballot the chain is empty: it closes on the device hash.
  CHECK(a.close() == DeviceClosing{"a", 0, device_closing_hash(ctx.election_hash, "a", 0, device_hash(ctx.election_hash, "a"))});
  std::vector<EncryptedBallot> ballots;
  for (int i = 0; i < 7; ++i) {
    EncryptionDevice& d = i % 3 == 0 ? b : i % 3 == 1 ? a : none;
    ballots.push_back(d.encrypt({"x-" + std::to_string(i), random_choices(ctx.manifest, rng)}).ballot);
  }
  CHECK(a.ballots() == 2);
  CHECK(b.ballots() == 3);
  CHECK(close_device_chains(ctx.election_hash, ballots) == std::vector<DeviceClosing>{a.close(), b.close()});
  CHECK(error_of([&] { (void)none.close(); }).code() == Errc::invalid_argument);
  // Each field is in the hash.
  const Bytes32 h = b.close().closing_hash;
  CHECK(device_closing_hash(ctx.election_hash, "b", 2, b.last_code()) != h);
  CHECK(device_closing_hash(ctx.election_hash, "a", 3, b.last_code()) != h);
  CHECK(device_closing_hash(ctx.election_hash, "b", 3, a.last_code()) != h);
  CHECK(device_closing_hash(device_hash(ctx.election_hash, "x"), "b", 3, b.last_code()) != h);
}

TEST_CASE("a ballot encrypted elsewhere is checked before it is cast; a bad one changes nothing",
          "[verify][folder]") {
  TempFolder dir("submit");
  const Manifest m = small_manifest();
  ElectionFolder f = ElectionFolder::create(dir.path, m, CeremonyParameters{1, 1});
  std::mt19937_64 rng(11);
  EncryptionDevice phone(f.context(), "phone-9");  // the voter's own device: same public context

  PendingBallot good = phone.encrypt({"remote-1", random_choices(m, rng)});
  const Receipt r = f.submit(good.ballot);
  CHECK_NOTHROW(verify_receipt(r, f.board_key(), f.context().election_hash));
  const std::string board_before = slurp(dir.path / "ballots.jsonl");

  PendingBallot bad = phone.encrypt({"remote-2", random_choices(m, rng)});
  std::swap(bad.ballot.contests[0].selections[0].ciphertext, bad.ballot.contests[0].selections[1].ciphertext);
  const Error e = error_of([&] { (void)f.submit(bad.ballot); });
  CHECK(e.code() == Errc::verification);
  CHECK_THAT(e.what(), Catch::Contains("remote-2") && Catch::Contains("range proof fails"));
  CHECK(error_of([&] { (void)f.submit(good.ballot); }).code() == Errc::invalid_argument);  // same id again
  CHECK(slurp(dir.path / "ballots.jsonl") == board_before);
  CHECK(f.ballots().size() == 1);

  // A spoiled ballot (with its nonce) cannot be submitted as cast.
  EncryptedBallot opened = good.ballot;
  opened.ballot_id = "remote-3";
  opened.opening = BallotOpening{good.nonce.reveal(), good.plaintext.selections};
  CHECK(error_of([&] { (void)f.submit(opened); }).code() == Errc::invalid_argument);
}

TEST_CASE("bad input to a folder names the file, the line and the field", "[verify][folder]") {
  TempFolder dir("bad");
  const Manifest m = small_manifest();
  {
    ElectionFolder f = ElectionFolder::create(dir.path, m, CeremonyParameters{1, 1});
    const Error unknown = error_of([&] {
      (void)plaintext_ballot_from_json(m, R"({"ballot_id": "x", "selections": {"council": {"zed": 1}}})", "x.json");
    });
    CHECK(unknown.code() == Errc::parse);
    CHECK(unknown.where().file == "x.json");
    CHECK(unknown.where().field == "selections.council.zed");
    // Over the contest's limit of 2: rejected, and the ballots already cast stay.
    (void)f.encrypt("k", plaintext_ballot_from_json(m, R"({"ballot_id": "ok-1", "selections": {"park": {"pond": 3}}})"));
    (void)f.cast("ok-1");
    CHECK(error_of([&] {
            (void)f.encrypt("k", plaintext_ballot_from_json(
                                     m, R"({"ballot_id": "over", "selections": {"council": {"ana":1,"bo":1,"cy":1}}})"));
          }).code() == Errc::invalid_argument);
    CHECK(error_of([&] { (void)f.cast("never-encrypted"); }).code() == Errc::invalid_argument);
  }
  CHECK(ElectionFolder(dir.path).ballots().size() == 1);
  CHECK(error_of([&] { (void)ElectionFolder::create(dir.path, m, CeremonyParameters{1, 1}); }).code() ==
        Errc::invalid_argument);  // not empty

  // A damaged second line of ballots.jsonl: opening the folder says where.
  {
    std::ofstream out(dir.path / "ballots.jsonl", std::ios::app);
    out << R"({"ballot_id": "x", "device_id": 7})" << '\n';
  }
  const Error damaged = error_of([&] { ElectionFolder again(dir.path); });
  CHECK(damaged.code() == Errc::parse);
  CHECK(damaged.where().file == (dir.path / "ballots.jsonl").string());
  CHECK(damaged.where().line == 2);

  CHECK(error_of([&] { ElectionFolder none(dir.path / "missing"); }).code() == Errc::io);
}

TEST_CASE("partitions verified apart add up to the record's tally and name ballots as the record does",
          "[verify][folder][batch]") {
  TempFolder dir("batch");
  const Manifest m = small_manifest();
  ElectionFolder f = ElectionFolder::create(dir.path, m, CeremonyParameters{1, 1});
  std::mt19937_64 rng(5);
  for (int i = 0; i < 12; ++i) {
    const std::string id = "p-" + std::to_string(i);
    (void)f.encrypt("kiosk", {id, random_choices(m, rng)});
    if (i == 3)
      (void)f.challenge(id);
    else
      (void)f.cast(id);
  }
  f.close();
  const EncryptedTally whole = f.tally();
  std::vector<EncryptedBallot> ballots = f.ballots();
  const std::span<const EncryptedBallot> all(ballots);
  const BatchVerification a = verify_ballots(f.context(), all.subspan(0, 5), 0, 1);
  const BatchVerification b = verify_ballots(f.context(), all.subspan(5), 5, 2);
  CHECK(a.failures.empty());
  CHECK(b.failures.empty());
  CHECK(a.ballots + b.ballots == 12);
  CHECK(a.selections == 5 * 5);
  const EncryptedTally sum = encrypted_tally_from_json(encrypted_tally_to_json(add_tallies(a.sum, b.sum)));
  CHECK(sum.cast_ballots == whole.cast_ballots);
  CHECK(sum.totals == whole.totals);
  // A partition without a cast ballot (only the challenged p-3) sums to the identity, which travels and adds.
  const BatchVerification spoiled_only = verify_ballots(f.context(), all.subspan(3, 1), 3, 1);
  CHECK(spoiled_only.sum.cast_ballots == 0);
  const EncryptedTally empty = encrypted_tally_from_json(encrypted_tally_to_json(spoiled_only.sum));
  CHECK(add_tallies(empty, sum).totals == whole.totals);

  ballots[7].contests[1].limit_proof.responses[0] = ballots[6].contests[1].limit_proof.responses[0];
  const BatchVerification tampered = verify_ballots(f.context(), all.subspan(5), 5);
  REQUIRE(tampered.failures.size() == 1);
  CHECK_THAT(tampered.failures[0], Catch::StartsWith("ballot 8 (p-7) contest park: limit proof fails"));

  EncryptedTally other = whole;
  other.totals[1].pop_back();
  CHECK(error_of([&] { (void)add_tallies(whole, other); }).code() == Errc::mismatch);
}
