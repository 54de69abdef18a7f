// SPDX-License-Identifier: Apache-2.0
// src/verify/election_folder.cpp - one verifiable election run from a folder (see the header).
#include "minga/verify/election_folder.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "minga/core/error.hpp"
#include "minga/verify/short_code.hpp"
#include "minga/verify/verifier.hpp"

namespace minga::verify {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

[[noreturn]] void io_error(const fs::path& file, const std::string& what) {
  throw Error(Errc::io, Location{file.string(), 0, ""}, what + (errno ? std::string(": ") + std::strerror(errno) : ""));
}

[[noreturn]] void wrong_stage(const std::string& step, const std::string& reason) {
  throw Error(Errc::invalid_argument, "election " + step + ": " + reason);
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) io_error(file, "cannot open");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Owns a file descriptor: closed on every path out.
struct Fd {
  int fd = -1;
  explicit Fd(int f = -1) noexcept : fd(f) {}
  Fd(Fd&& other) noexcept : fd(std::exchange(other.fd, -1)) {}
  Fd& operator=(Fd&&) = delete;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

void write_all(int fd, std::string_view text, const fs::path& file) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) io_error(file, "cannot write");
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::fsync(fd) != 0) io_error(file, "cannot flush to disk");
}

// Replaces `file` with `text` atomically (temporary file, fsync, rename).
void write_file(const fs::path& file, std::string_view text, mode_t mode = 0644) {
  const fs::path tmp = file.string() + ".tmp";
  {
    Fd out{::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)};
    if (out.fd < 0) io_error(tmp, "cannot create");
    write_all(out.fd, text, tmp);
  }
  if (std::rename(tmp.c_str(), file.c_str()) != 0) io_error(file, "cannot replace");
}

// Hex of secret bytes into a file readable by its owner only; the text is wiped.
void write_secret(const fs::path& file, std::span<const unsigned char> secret) {
  std::string text = hex_encode(secret) + "\n";
  try {
    write_file(file, text, 0600);
  } catch (...) {
    sodium_memzero(text.data(), text.size());
    throw;
  }
  sodium_memzero(text.data(), text.size());
}

// 32 secret bytes from such a file, handed to `use`; every copy is wiped.
template <class Use>
auto with_secret(const fs::path& file, Use&& use) {
  std::string text = read_text(file);
  std::vector<unsigned char> bytes;
  struct Wipe {
    std::string& text;
    std::vector<unsigned char>& bytes;
    ~Wipe() {
      sodium_memzero(text.data(), text.size());
      if (!bytes.empty()) sodium_memzero(bytes.data(), bytes.size());
    }
  } wipe{text, bytes};
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  bytes = hex_decode(text, 32, file.string());
  return use(std::span<const unsigned char, 32>(bytes.data(), 32));
}

std::string board_name(const Manifest& manifest) { return manifest.election_id + ".board"; }

fs::path guardian_file(const fs::path& folder, std::uint32_t l) {
  return folder / "secret" / ("guardian-" + std::to_string(l) + ".key");
}

void check_id(const std::string& id, const std::string& what) {
  if (!is_valid_id(id))
    throw Error(Errc::invalid_argument, Location{"", 0, what}, "an id has 1 to 64 characters of A-Z a-z 0-9 . _ -");
}

// A ballot waiting for cast or challenge, as the device stores it.
std::string pending_json(const PendingBallot& p) {
  std::string nonce = p.nonce.reveal().hex();
  json j = {{"schema", "minga.pending-ballot/1"},
            {"ballot", json::parse(encrypted_ballot_to_json(p.ballot))},
            {"nonce", nonce},
            {"selections", p.plaintext.selections}};
  sodium_memzero(nonce.data(), nonce.size());
  std::string text = j.dump();
  // The nonce is also inside `j`'s own string; json has no way to wipe it, so
  // overwrite it in place before `j` is destroyed.
  std::string& inside = j["nonce"].get_ref<std::string&>();
  sodium_memzero(inside.data(), inside.size());
  return text;
}

PendingBallot read_pending(const fs::path& file) {
  std::string text = read_text(file);
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception& e) {
    sodium_memzero(text.data(), text.size());
    throw Error(Errc::parse, Location{file.string(), 0, ""}, std::string("malformed JSON: ") + e.what());
  }
  sodium_memzero(text.data(), text.size());
  try {
    std::string& nonce_hex = j.at("nonce").get_ref<std::string&>();
    std::vector<unsigned char> bytes = hex_decode(nonce_hex, 32, "nonce");
    sodium_memzero(nonce_hex.data(), nonce_hex.size());
    SecretScalar nonce(Scalar::decode(bytes, "nonce"));
    sodium_memzero(bytes.data(), bytes.size());
    EncryptedBallot ballot = encrypted_ballot_from_json(j.at("ballot").dump(), file.string());
    PlaintextBallot plaintext{ballot.ballot_id, j.at("selections").get<std::vector<std::vector<std::uint64_t>>>()};
    return PendingBallot{std::move(ballot), std::move(nonce), std::move(plaintext)};
  } catch (const json::exception& e) {
    throw Error(Errc::parse, Location{file.string(), 0, ""}, e.what());
  }
}

}  // namespace

std::string ballot_codes_json(const EncryptedBallot& b) {
  json j = {{"ballot_id", b.ballot_id},
            {"device_id", b.device_id},
            {"confirmation_code", hex_encode(b.confirmation_code)},
            {"short_code", short_code(b.confirmation_code)}};
  if (b.opening) {
    j["state"] = "spoiled";
    j["selections"] = b.opening->selections;
  }
  return j.dump();
}

const char* folder_stage_name(FolderStage stage) noexcept {
  switch (stage) {
    case FolderStage::open: return "open";
    case FolderStage::closed: return "closed";
    case FolderStage::tallied: return "tallied";
    case FolderStage::decrypted: return "decrypted";
  }
  return "unknown";
}

struct ElectionFolder::State {
  fs::path folder;
  Fd lock;
  ElectionRecord header;  // election.json: parameters, manifest, guardians, key, hashes, board key
  ElectionContext context;
  BallotBox box;

  State(fs::path f, Fd&& l, ElectionRecord h, ElectionContext c, SigningKey key)
      : folder(std::move(f)), lock(std::move(l)), header(std::move(h)), context(std::move(c)),
        box(context, std::move(key)) {}

  fs::path file(const std::string& name) const { return folder / name; }
  fs::path pending_file(const std::string& id) const { return folder / "pending" / (id + ".json"); }

  FolderStage stage() const {
    if (fs::exists(file("record.json"))) return FolderStage::decrypted;
    if (fs::exists(file("tally.json"))) return FolderStage::tallied;
    if (fs::exists(file("closed.txt"))) return FolderStage::closed;
    return FolderStage::open;
  }
  void require_open(const std::string& step) const {
    if (stage() != FolderStage::open) wrong_stage(step, "the election is closed; no ballot is accepted");
  }

  // A ballot counts once its line is flushed to ballots.jsonl: check, write, then accept.
  std::optional<Receipt> post(EncryptedBallot ballot) {
    box.check_acceptable(ballot);
    const std::string id = ballot.ballot_id;
    const fs::path jsonl = file("ballots.jsonl");
    {
      Fd out{::open(jsonl.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644)};
      if (out.fd < 0) io_error(jsonl, "cannot open for appending");
      write_all(out.fd, encrypted_ballot_to_json(ballot) + "\n", jsonl);
    }
    std::optional<Receipt> receipt = box.accept(std::move(ballot));
    if (receipt) write_file(folder / "receipts" / (id + ".json"), receipt->to_json() + "\n");
    return receipt;
  }

  // A device as its file left it: its last code and how many ballots it encrypted.
  EncryptionDevice device(const std::string& device_id) const {
    EncryptionDevice d(context, device_id);
    const fs::path f = device_file(device_id);
    if (!fs::exists(f)) return d;
    std::string field = "last_code";
    try {
      const json j = json::parse(read_text(f));
      const std::vector<unsigned char> code = hex_decode(j.at(field).get<std::string>(), 32, field);
      Bytes32 last{};
      std::copy(code.begin(), code.end(), last.begin());
      field = "ballots";
      d.resume_after(last, j.at(field).get<std::uint64_t>());
    } catch (const json::exception& e) {
      throw Error(Errc::parse, Location{f.string(), 0, field}, e.what());
    }
    return d;
  }
  fs::path device_file(const std::string& device_id) const { return folder / "devices" / (device_id + ".json"); }

  // The ids of the pending ballots (encrypted, neither cast nor challenged), sorted; of one device when given.
  std::vector<std::string> pending_ids(const std::string& device_id = "") const {
    std::vector<std::string> ids;
    for (const fs::directory_entry& e : fs::directory_iterator(folder / "pending")) {
      if (e.path().extension() != ".json") continue;
      if (!device_id.empty() && read_pending(e.path()).ballot.device_id != device_id) continue;
      ids.push_back(e.path().stem().string());
    }
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  PendingBallot take_pending(const std::string& step, const std::string& ballot_id) {
    require_open(step);
    check_id(ballot_id, "ballot_id");
    const fs::path f = pending_file(ballot_id);
    if (!fs::exists(f)) wrong_stage(step, "no pending ballot '" + ballot_id + "' (encrypt it first)");
    return read_pending(f);
  }
};

ElectionFolder::ElectionFolder(ElectionFolder&&) noexcept = default;
ElectionFolder& ElectionFolder::operator=(ElectionFolder&&) noexcept = default;
ElectionFolder::~ElectionFolder() = default;

ElectionFolder ElectionFolder::create(const fs::path& folder, const Manifest& manifest,
                                      const CeremonyParameters& parameters) {
  manifest.validate();
  parameters.validate();
  std::error_code ec;
  if (fs::exists(folder) && !fs::is_empty(folder))
    throw Error(Errc::invalid_argument, Location{folder.string(), 0, ""},
                "the folder exists and is not empty (an election folder is made once)");
  for (const char* sub : {"", "secret", "pending", "receipts", "devices"}) {
    fs::create_directories(folder / sub, ec);
    if (ec) throw Error(Errc::io, Location{(folder / sub).string(), 0, ""}, "cannot create: " + ec.message());
  }
  fs::permissions(folder / "secret", fs::perms::owner_all, ec);

  LocalCeremony ceremony = run_local_ceremony(parameters);
  const ElectionContext context = ElectionContext::make(parameters, manifest, joint_public_key(ceremony.records));
  SigningKey board = SigningKey::generate(board_name(manifest));
  {
    std::array<unsigned char, 32> seed{};
    board.export_seed(seed);
    try {
      write_secret(folder / "secret" / "board.key", seed);
    } catch (...) {
      sodium_memzero(seed.data(), seed.size());
      throw;
    }
    sodium_memzero(seed.data(), seed.size());
  }
  for (const GuardianShare& g : ceremony.shares) write_secret(guardian_file(folder, g.index), g.share.bytes());

  ElectionRecord header;
  header.parameters = parameters;
  header.parameter_hash = context.parameter_hash;
  header.manifest = context.manifest;
  header.manifest_hash = context.manifest_hash;
  header.guardians = ceremony.records;
  header.public_key = context.public_key;
  header.election_hash = context.election_hash;
  header.board_key = board.verifier();
  header.board_checkpoint = BulletinBoard(context.election_hash, std::move(board)).checkpoint();
  write_file(folder / "election.json", header.to_json() + "\n");
  return ElectionFolder(folder);
}

ElectionFolder::ElectionFolder(const fs::path& folder) {
  const fs::path lock_file = folder / "lock";
  if (!fs::exists(folder / "election.json"))
    throw Error(Errc::io, Location{(folder / "election.json").string(), 0, ""},
                "not an election folder (make one with `minga election init`)");
  Fd lock{::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)};
  if (lock.fd < 0) io_error(lock_file, "cannot open the lock");
  while (::flock(lock.fd, LOCK_EX) != 0)
    if (errno != EINTR) io_error(lock_file, "cannot lock");

  const fs::path header_file = folder / "election.json";
  ElectionRecord header;
  try {
    header = ElectionRecord::from_json(read_text(header_file));
  } catch (const Error& e) {
    if (e.code() == Errc::io) throw;
    throw Error(e.code(), Location{header_file.string(), 0, e.where().field}, e.reason());
  }
  ElectionContext context;
  try {
    context = election_context(header);
  } catch (const Error& e) {
    throw Error(e.code(), Location{header_file.string(), 0, e.where().field}, e.reason());
  }
  SigningKey key = with_secret(folder / "secret" / "board.key", [&](std::span<const unsigned char, 32> seed) {
    return SigningKey::from_seed(board_name(header.manifest), seed);
  });
  if (!(key.verifier() == header.board_key))
    throw Error(Errc::mismatch, Location{(folder / "secret" / "board.key").string(), 0, ""},
                "this key is not the board key published in election.json");
  state_ = std::make_unique<State>(folder, std::move(lock), std::move(header), std::move(context), std::move(key));

  const fs::path jsonl = folder / "ballots.jsonl";
  if (fs::exists(jsonl)) {
    std::ifstream in(jsonl, std::ios::binary);
    if (!in) io_error(jsonl, "cannot open");
    std::string line;
    for (std::uint64_t n = 1; std::getline(in, line); ++n) {
      if (line.empty()) continue;
      try {
        state_->box.accept(encrypted_ballot_from_json(line, jsonl.string(), n));
      } catch (const Error& e) {
        if (e.where().file == jsonl.string()) throw;
        throw Error(e.code(), Location{jsonl.string(), n, e.where().field}, e.reason());
      }
    }
  }
}

const fs::path& ElectionFolder::path() const noexcept { return state_->folder; }
FolderStage ElectionFolder::stage() const { return state_->stage(); }
const ElectionContext& ElectionFolder::context() const noexcept { return state_->context; }
const NoteVerifier& ElectionFolder::board_key() const noexcept { return state_->header.board_key; }
const std::vector<EncryptedBallot>& ElectionFolder::ballots() const noexcept { return state_->box.ballots(); }

std::string ElectionFolder::status_json() const {
  std::uint64_t cast = 0;
  for (const EncryptedBallot& b : ballots()) cast += b.state == BallotState::cast;
  return json{{"stage", folder_stage_name(stage())},
              {"cast", cast},
              {"spoiled", ballots().size() - cast},
              {"election_hash", hex_encode(context().election_hash)},
              {"board_key", board_key().to_string()},
              {"folder", path().string()}}
      .dump();
}

EncryptedBallot ElectionFolder::encrypt(const std::string& device_id, const PlaintextBallot& plaintext) {
  State& s = *state_;
  s.require_open("encrypt");
  check_id(device_id, "device_id");
  validate_plaintext(s.context.manifest, plaintext);
  if (fs::exists(s.pending_file(plaintext.ballot_id)) ||
      std::any_of(s.box.ballots().begin(), s.box.ballots().end(),
                  [&](const EncryptedBallot& b) { return b.ballot_id == plaintext.ballot_id; }))
    throw Error(Errc::invalid_argument, Location{"ballot " + plaintext.ballot_id, 0, "ballot_id"},
                "this ballot id is already used");
  // A device serves one voter at a time: its chain continues from the ballot before, which
  // must be cast or challenged first (else that ballot would be missing from the record's chain).
  if (const std::vector<std::string> waiting = s.pending_ids(device_id); !waiting.empty())
    wrong_stage("encrypt", "ballot '" + waiting.front() + "' is pending on device " + device_id +
                               ": cast or challenge it first");
  EncryptionDevice device = s.device(device_id);
  PendingBallot pending = device.encrypt(plaintext);
  std::string text = pending_json(pending);
  try {
    write_file(s.pending_file(plaintext.ballot_id), text, 0600);
  } catch (...) {
    sodium_memzero(text.data(), text.size());
    throw;
  }
  sodium_memzero(text.data(), text.size());
  write_file(s.device_file(device_id), json{{"device_id", device_id},
                                            {"last_code", hex_encode(device.last_code())},
                                            {"ballots", device.ballots()}}
                                           .dump() + "\n");
  return std::move(pending.ballot);
}

Receipt ElectionFolder::cast(const std::string& ballot_id) {
  State& s = *state_;
  PendingBallot pending = s.take_pending("cast", ballot_id);
  pending.ballot.state = BallotState::cast;  // its opening stays empty: accept() refuses a cast ballot with one
  Receipt receipt = *s.post(std::move(pending.ballot));
  fs::remove(s.pending_file(ballot_id));
  return receipt;
}

EncryptedBallot ElectionFolder::challenge(const std::string& ballot_id) {
  State& s = *state_;
  PendingBallot pending = s.take_pending("challenge", ballot_id);
  EncryptedBallot ballot = std::move(pending.ballot);
  ballot.state = BallotState::spoiled;
  ballot.opening = BallotOpening{pending.nonce.reveal(), pending.plaintext.selections};
  s.post(ballot);
  fs::remove(s.pending_file(ballot_id));
  return ballot;
}

Receipt ElectionFolder::submit(const EncryptedBallot& ballot) {
  State& s = *state_;
  s.require_open("submit");
  if (ballot.state != BallotState::cast || ballot.opening)
    throw Error(Errc::invalid_argument, Location{"ballot " + ballot.ballot_id, 0, "state"},
                "only a cast ballot without an opening can be submitted");
  const BallotFindings findings = check_ballot(s.context, ballot, "ballot " + ballot.ballot_id);
  if (!findings.ok()) {
    std::string reasons;
    for (const auto* list : {&findings.selection, &findings.limit, &findings.code})
      for (const std::string& r : *list) reasons += (reasons.empty() ? "" : "; ") + r;
    throw Error(Errc::verification, "submit: " + reasons);
  }
  return *s.post(ballot);
}

std::vector<DeviceClosing> ElectionFolder::close() {
  State& s = *state_;
  s.require_open("close");
  if (const std::vector<std::string> waiting = s.pending_ids(); !waiting.empty()) {
    std::string list;
    for (const std::string& id : waiting) list += (list.empty() ? "" : ", ") + id;
    wrong_stage("close", "ballots pending (encrypted, neither cast nor challenged): " + list +
                             "; cast or challenge each first");
  }
  // Each of our devices closes its own chain; the box's ballots must end each chain the same way.
  std::vector<DeviceClosing> closings = close_device_chains(s.context.election_hash, s.box.ballots());
  for (const DeviceClosing& c : closings) {
    if (!fs::exists(s.device_file(c.device_id))) continue;  // a device of submitted ballots: the box's view
    const DeviceClosing own = s.device(c.device_id).close();
    if (own != c)
      throw Error(Errc::mismatch, Location{s.device_file(c.device_id).string(), 0, "ballots"},
                  "the device made " + std::to_string(own.ballots) + " ballots, the box holds " +
                      std::to_string(c.ballots) + " of it, or their chains end differently");
  }
  write_file(s.file("closings.json"), device_closings_to_json(closings) + "\n");
  write_file(s.file("closed.txt"), s.box.board().checkpoint());
  return closings;
}

EncryptedTally ElectionFolder::tally() {
  State& s = *state_;
  if (s.stage() != FolderStage::closed)
    wrong_stage("tally", s.stage() == FolderStage::open ? "close the election first" : "the tally is already made");
  EncryptedTally t = aggregate(s.context, s.box.ballots());
  write_file(s.file("tally.json"), encrypted_tally_to_json(t) + "\n");
  return t;
}

ElectionRecord ElectionFolder::decrypt(std::span<const std::uint32_t> guardians) {
  State& s = *state_;
  if (s.stage() != FolderStage::tallied)
    wrong_stage("decrypt", s.stage() == FolderStage::decrypted ? "the record is already written"
                                                               : "close the election and make the tally first");
  const fs::path tally_file = s.file("tally.json");
  const EncryptedTally t = encrypted_tally_from_json(read_text(tally_file), tally_file.string());
  const EncryptedTally again = aggregate(s.context, s.box.ballots());
  bool same = t.cast_ballots == again.cast_ballots && t.totals.size() == again.totals.size();
  for (std::size_t c = 0; same && c < t.totals.size(); ++c) same = t.totals[c] == again.totals[c];
  if (!same) throw Error(Errc::mismatch, Location{tally_file.string(), 0, ""}, "is not the sum of ballots.jsonl");
  std::vector<GuardianShare> shares;
  for (std::uint32_t l : guardians) {
    if (l < 1 || l > s.context.parameters.guardians)
      throw Error(Errc::invalid_argument, "decrypt: guardian " + std::to_string(l) + " is not in the ceremony");
    shares.push_back(with_secret(guardian_file(s.folder, l), [&](std::span<const unsigned char, 32> bytes) {
      return GuardianShare{l, SecretScalar(Scalar::decode(bytes, "share"))};
    }));
  }
  ElectionRecord record =
      make_record(s.context, s.header.guardians, s.box, t, decrypt_tally(s.context, s.header.guardians, t, shares));
  const fs::path closings_file = s.file("closings.json");
  if (device_closings_from_json(read_text(closings_file), closings_file.string()) != record.device_closings)
    throw Error(Errc::mismatch, Location{closings_file.string(), 0, ""},
                "the devices' closings differ from the chains of ballots.jsonl");
  write_file(s.file("record.json"), record.to_json() + "\n");
  return record;
}

}  // namespace minga::verify
