// SPDX-License-Identifier: Apache-2.0
// Receipts: binary and JSON forms, the offline check and the later consistency check.
#include "minga/verify/receipt.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "minga/verify/short_code.hpp"
#include "verify/board_encoding.hpp"

namespace minga::verify {
namespace {

using nlohmann::json;

constexpr std::string_view kSchema = "minga.receipt/1";
constexpr std::size_t kTagSize = 16;  // "minga.receipt/1" and a 0x00
constexpr std::size_t kMaxCheckpoint = 65536;
constexpr std::size_t kMaxProof = 64;

[[noreturn]] void fail_binary(const char* field, const std::string& reason) {
  throw_parse_error(Location{"<receipt>", 0, field}, reason);
}
[[noreturn]] void fail_json(const std::string& field, const std::string& reason) {
  throw_parse_error(Location{"<receipt.json>", 0, field}, reason);
}
[[noreturn]] void fail_check(const char* check, const std::string& reason) {
  throw Error(Errc::verification, Location{"<receipt>", 0, check}, reason);
}

void put_u64(std::vector<unsigned char>& out, std::uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<unsigned char>(v >> (8 * i)));
}

// Reads the binary form front to back, naming the field that runs short.
class Reader {
 public:
  explicit Reader(std::span<const unsigned char> bytes) : bytes_(bytes) {}
  std::span<const unsigned char> take(std::size_t n, const char* field) {
    if (bytes_.size() - at_ < n) fail_binary(field, "truncated: " + std::to_string(n) + " bytes expected");
    const auto out = bytes_.subspan(at_, n);
    at_ += n;
    return out;
  }
  std::uint64_t number(int n, const char* field) {
    std::uint64_t v = 0;
    for (const unsigned char b : take(static_cast<std::size_t>(n), field)) v = (v << 8) | b;
    return v;
  }
  template <class Array>
  void copy(Array& out, const char* field) {
    const auto b = take(out.size(), field);
    std::copy(b.begin(), b.end(), out.begin());
  }
  bool done() const { return at_ == bytes_.size(); }

 private:
  std::span<const unsigned char> bytes_;
  std::size_t at_ = 0;
};

template <class Array>
Array hex_field(const json& j, const std::string& field) {
  if (!j.is_string()) fail_json(field, "expected a hex string");
  const auto bytes = board_detail::hex_decode(j.get_ref<const std::string&>(), Array{}.size());
  if (!bytes) fail_json(field, "expected " + std::to_string(2 * Array{}.size()) + " hex digits");
  Array out;
  std::copy(bytes->begin(), bytes->end(), out.begin());
  return out;
}

}  // namespace

std::vector<unsigned char> Receipt::signed_bytes() const {
  if (checkpoint.empty() || checkpoint.size() > kMaxCheckpoint)
    throw Error(Errc::limit, "a receipt's checkpoint has 1 to 65536 bytes");
  if (inclusion_proof.size() > kMaxProof) throw Error(Errc::limit, "a receipt's inclusion proof has at most 64 hashes");
  std::vector<unsigned char> out(kSchema.begin(), kSchema.end());
  out.push_back(0x00);
  out.insert(out.end(), election_id.begin(), election_id.end());
  out.insert(out.end(), confirmation_code.begin(), confirmation_code.end());
  put_u64(out, leaf_index, 8);
  put_u64(out, checkpoint.size(), 4);
  out.insert(out.end(), checkpoint.begin(), checkpoint.end());
  out.push_back(static_cast<unsigned char>(inclusion_proof.size()));
  for (const Digest& h : inclusion_proof) out.insert(out.end(), h.begin(), h.end());
  return out;
}

void Receipt::sign(const SigningKey& key) {
  signature = key.sign(signed_bytes());
}

std::vector<unsigned char> Receipt::to_binary() const {
  std::vector<unsigned char> out = signed_bytes();
  out.insert(out.end(), signature.begin(), signature.end());
  return out;
}

Receipt Receipt::from_binary(std::span<const unsigned char> bytes) {
  Reader in(bytes);
  const auto tag = in.take(kTagSize, "tag");
  if (!std::equal(kSchema.begin(), kSchema.end(), tag.begin()) || tag[kTagSize - 1] != 0x00)
    fail_binary("tag", "not a minga.receipt/1 binary receipt");
  Receipt r;
  in.copy(r.election_id, "election_id");
  in.copy(r.confirmation_code, "confirmation_code");
  r.leaf_index = in.number(8, "leaf_index");
  const std::uint64_t checkpoint_size = in.number(4, "checkpoint");
  if (checkpoint_size == 0 || checkpoint_size > kMaxCheckpoint)
    fail_binary("checkpoint", "length " + std::to_string(checkpoint_size) + " is not in 1..65536");
  const auto note = in.take(checkpoint_size, "checkpoint");
  r.checkpoint.assign(note.begin(), note.end());
  const std::uint64_t proof_size = in.number(1, "inclusion_proof");
  if (proof_size > kMaxProof) fail_binary("inclusion_proof", std::to_string(proof_size) + " hashes, at most 64");
  r.inclusion_proof.resize(proof_size);
  for (Digest& h : r.inclusion_proof) in.copy(h, "inclusion_proof");
  in.copy(r.signature, "signature");
  if (!in.done()) fail_binary("signature", "trailing bytes after the signature");
  return r;
}

std::string Receipt::to_json() const {
  json proof = json::array();
  for (const Digest& h : inclusion_proof) proof.push_back(board_detail::hex_lower(h));
  const json j = {{"schema", kSchema},
                  {"election_id", board_detail::hex_lower(election_id)},
                  {"confirmation_code", board_detail::hex_lower(confirmation_code)},
                  {"short_code", short_code(confirmation_code)},
                  {"leaf_index", leaf_index},
                  {"checkpoint", checkpoint},
                  {"inclusion_proof", proof},
                  {"signature", board_detail::hex_lower(signature)}};
  return j.dump(2) + "\n";
}

Receipt Receipt::from_json(std::string_view text) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception& e) {  // parse_error, and out_of_range for numbers beyond a double
    fail_json("", std::string("malformed JSON: ") + e.what());
  }
  if (!j.is_object()) fail_json("", "a receipt is a JSON object");
  static const std::set<std::string> kFields = {"schema",     "election_id", "confirmation_code", "short_code",
                                                "leaf_index", "checkpoint",  "inclusion_proof",   "signature"};
  for (const auto& [key, value] : j.items())
    if (!kFields.contains(key)) fail_json(key, "unknown field");
  for (const std::string& key : kFields)
    if (!j.contains(key)) fail_json(key, "missing field");
  if (j["schema"] != kSchema) fail_json("schema", "expected \"minga.receipt/1\"");
  Receipt r;
  r.election_id = hex_field<Digest>(j["election_id"], "election_id");
  r.confirmation_code = hex_field<Digest>(j["confirmation_code"], "confirmation_code");
  if (!j["leaf_index"].is_number_unsigned()) fail_json("leaf_index", "expected a non-negative integer");
  r.leaf_index = j["leaf_index"].get<std::uint64_t>();
  if (!j["checkpoint"].is_string()) fail_json("checkpoint", "expected the signed checkpoint note as a string");
  r.checkpoint = j["checkpoint"].get<std::string>();
  if (r.checkpoint.empty() || r.checkpoint.size() > kMaxCheckpoint)
    fail_json("checkpoint", "a checkpoint has 1 to 65536 bytes");
  const json& proof = j["inclusion_proof"];
  if (!proof.is_array() || proof.size() > kMaxProof) fail_json("inclusion_proof", "expected at most 64 hex hashes");
  for (std::size_t i = 0; i < proof.size(); ++i)
    r.inclusion_proof.push_back(hex_field<Digest>(proof[i], "inclusion_proof[" + std::to_string(i) + "]"));
  r.signature = hex_field<Ed25519Signature>(j["signature"], "signature");
  if (!j["short_code"].is_string() || j["short_code"].get<std::string>() != short_code(r.confirmation_code))
    fail_json("short_code", "is not the short code of the confirmation code (" + short_code(r.confirmation_code) + ")");
  return r;
}

std::string verified_receipt_json(const Receipt& receipt, const Checkpoint& checkpoint) {
  return nlohmann::json{{"origin", checkpoint.origin},
                        {"tree_size", checkpoint.tree_size},
                        {"leaf_index", receipt.leaf_index},
                        {"short_code", short_code(receipt.confirmation_code)}}
      .dump();
}

Checkpoint verify_receipt(const Receipt& receipt, const NoteVerifier& board, const Digest& election_id) {
  if (receipt.election_id != election_id) fail_check("election_id", "the receipt is for another election");
  if (!board.verify(receipt.signed_bytes(), receipt.signature))
    fail_check("signature", "the receipt signature does not verify under the board key " + board.name);
  const Checkpoint checkpoint = open_checkpoint(receipt.checkpoint, board);
  if (receipt.leaf_index >= checkpoint.tree_size)
    fail_check("leaf_index", "leaf index " + std::to_string(receipt.leaf_index) +
                                 " is not in the checkpoint's tree of " + std::to_string(checkpoint.tree_size) +
                                 " leaves");
  if (!verify_inclusion(receipt.leaf_index, checkpoint.tree_size, merkle_leaf_hash(receipt.confirmation_code),
                        receipt.inclusion_proof, checkpoint.root))
    fail_check("inclusion_proof",
               "the inclusion proof does not lead from the confirmation code to the checkpoint root");
  return checkpoint;
}

Checkpoint verify_receipt_later(const Receipt& receipt, const NoteVerifier& board, const Digest& election_id,
                                std::string_view newer_checkpoint, std::span<const Digest> consistency_proof) {
  const Checkpoint old = verify_receipt(receipt, board, election_id);
  const Checkpoint newer = open_checkpoint(newer_checkpoint, board);
  if (newer.tree_size < old.tree_size)
    fail_check("consistency_proof", "the newer checkpoint has fewer leaves (" + std::to_string(newer.tree_size) +
                                        ") than the receipt's (" + std::to_string(old.tree_size) + ")");
  if (!verify_consistency(old.tree_size, newer.tree_size, old.root, newer.root, consistency_proof))
    fail_check("consistency_proof", "the newer checkpoint does not extend the receipt's: the log was not append-only");
  return newer;
}

}  // namespace minga::verify
