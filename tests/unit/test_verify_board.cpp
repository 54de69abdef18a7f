// SPDX-License-Identifier: Apache-2.0
// Bulletin board: Merkle log (RFC 6962/9162 vectors, transparency-dev/merkle proof vectors, property tests
// against a naive recursive MTH), signed notes and checkpoints (golang.org/x/mod/sumdb/note vector, C2SP
// example), short codes (exhaustive error detection), receipts and the board.
#include <sodium.h>

#include <bit>
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "minga/core/error.hpp"
#include "minga/verify/bulletin_board.hpp"
#include "minga/verify/checkpoint.hpp"
#include "minga/verify/merkle_log.hpp"
#include "minga/verify/receipt.hpp"
#include "minga/verify/short_code.hpp"

using namespace minga;
using namespace minga::verify;

namespace {

// Independent codecs (libsodium's), so the tests do not reuse the library's own helpers.
Digest from_hex(const std::string& hex) {
  Digest d{};
  REQUIRE(sodium_hex2bin(d.data(), d.size(), hex.data(), hex.size(), nullptr, nullptr, nullptr) == 0);
  return d;
}
std::vector<unsigned char> from_base64(const std::string& text) {
  std::vector<unsigned char> out(text.size());
  std::size_t length = 0;
  REQUIRE(sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, nullptr,
                            sodium_base64_VARIANT_ORIGINAL) == 0);
  out.resize(length);
  return out;
}
Digest b64_digest(const std::string& text) {
  const auto bytes = from_base64(text);
  REQUIRE(bytes.size() == 32);
  Digest d;
  std::copy(bytes.begin(), bytes.end(), d.begin());
  return d;
}
std::vector<Digest> b64_digests(std::initializer_list<std::string> texts) {
  std::vector<Digest> out;
  for (const auto& t : texts) out.push_back(b64_digest(t));
  return out;
}
std::span<const unsigned char> bytes_of(const std::string& s) {
  return {reinterpret_cast<const unsigned char*>(s.data()), s.size()};
}

template <class F>
Errc error_code_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  return Errc::ok;
}

// ---- a naive RFC 6962 tree, straight from the definitions (recursion over copies of the leaf list) ----

std::size_t split(std::size_t n) {
  std::size_t k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
Digest naive_mth(const std::vector<Digest>& leaves, std::size_t begin, std::size_t end) {
  const std::size_t n = end - begin;
  if (n == 0) {
    Digest d;
    crypto_hash_sha256(d.data(), nullptr, 0);
    return d;
  }
  if (n == 1) return leaves[begin];
  const std::size_t k = split(n);
  unsigned char buffer[65];
  buffer[0] = 0x01;
  const Digest l = naive_mth(leaves, begin, begin + k), r = naive_mth(leaves, begin + k, end);
  std::copy(l.begin(), l.end(), buffer + 1);
  std::copy(r.begin(), r.end(), buffer + 33);
  Digest d;
  crypto_hash_sha256(d.data(), buffer, sizeof buffer);
  return d;
}
void naive_path(const std::vector<Digest>& leaves, std::size_t m, std::size_t begin, std::size_t end,
                std::vector<Digest>& out) {
  const std::size_t n = end - begin;
  if (n <= 1) return;
  const std::size_t k = split(n);
  if (m < k) {
    naive_path(leaves, m, begin, begin + k, out);
    out.push_back(naive_mth(leaves, begin + k, end));
  } else {
    naive_path(leaves, m - k, begin + k, end, out);
    out.push_back(naive_mth(leaves, begin, begin + k));
  }
}
void naive_subproof(const std::vector<Digest>& leaves, std::size_t m, std::size_t begin, std::size_t end, bool b,
                    std::vector<Digest>& out) {
  const std::size_t n = end - begin;
  if (m == n) {
    if (!b) out.push_back(naive_mth(leaves, begin, end));
    return;
  }
  const std::size_t k = split(n);
  if (m <= k) {
    naive_subproof(leaves, m, begin, begin + k, b, out);
    out.push_back(naive_mth(leaves, begin + k, end));
  } else {
    naive_subproof(leaves, m - k, begin + k, end, false, out);
    out.push_back(naive_mth(leaves, begin, begin + k));
  }
}

// The eight leaves of transparency-dev/merkle's test tree (testdata/ and rfc6962 tests).
std::vector<std::vector<unsigned char>> transparency_dev_leaves() {
  return {{},
          {0x00},
          {0x10},
          {0x20, 0x21},
          {0x30, 0x31},
          {0x40, 0x41, 0x42, 0x43},
          {0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57},
          {0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f}};
}

Digest random_digest(std::mt19937_64& rng) {
  Digest d;
  for (auto& b : d) b = static_cast<unsigned char>(rng());
  return d;
}

}  // namespace

// ================================================================================================ Merkle log

TEST_CASE("RFC 6962 hashing vectors", "[verify-board]") {
  // transparency-dev/merkle rfc6962 tests (RFC 6962 section 2.1 hashing).
  CHECK(merkle_empty_root() == from_hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
  CHECK(merkle_leaf_hash({}) == from_hex("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"));
  CHECK(merkle_leaf_hash(bytes_of("L123456")) ==
        from_hex("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56"));
  // The node vector hashes 4-byte children ("N123", "N456"); our node hash takes 32-byte digests, so check
  // the 0x01 prefix layout on it through sha256 and node hashing through the tree roots below.
  CHECK(sha256(bytes_of("\x01N123N456")) ==
        from_hex("aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb"));
  MerkleLog empty;
  CHECK(empty.root() == merkle_empty_root());
  CHECK(empty.size() == 0);
}

TEST_CASE("transparency-dev/merkle roots and proof vectors", "[verify-board]") {
  MerkleLog log;
  for (const auto& leaf : transparency_dev_leaves()) log.append(leaf);
  REQUIRE(log.size() == 8);
  // Roots of every prefix (testdata/inclusion and testdata/consistency files).
  const std::vector<Digest> roots =
      b64_digests({"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", "bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=",
                   "+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=", "rra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=",
                   "037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=", "Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=",
                   "duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=", "3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=",
                   "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg="});
  for (std::uint64_t n = 0; n <= 8; ++n) CHECK(log.root(n) == roots[n]);
  CHECK(log.leaf_hash(5) == b64_digest("QnGia+DYqE8L1UyMMC58s6O10fpngKQLzOKHNHfatlg="));

  SECTION("inclusion: testdata/inclusion/{0..4}/happy-path.json") {
    struct Case {
      std::uint64_t index, size;
      std::vector<Digest> proof;
    };
    const std::vector<Case> cases = {
        {0, 1, {}},
        {0, 8,
         b64_digests({"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=", "Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=",
                      "a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ="})},
        {5, 8,
         b64_digests({"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=", "yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=",
                      "037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc="})},
        {2, 3, b64_digests({"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU="})},
        {1, 5,
         b64_digests({"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=", "Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=",
                      "vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms="})},
    };
    for (const Case& c : cases) {
      INFO("leaf " << c.index << " of " << c.size);
      CHECK(log.inclusion_proof(c.index, c.size) == c.proof);
      CHECK(verify_inclusion(c.index, c.size, log.leaf_hash(c.index), c.proof, roots[c.size]));
    }
    // testdata/inclusion/1/*: the negatives of the (0, 8) case.
    const Case& c = cases[1];
    const Digest leaf = log.leaf_hash(0);
    CHECK_FALSE(verify_inclusion(1, 8, leaf, c.proof, roots[8]));                      // leafIdx + 1
    CHECK_FALSE(verify_inclusion(2, 8, leaf, c.proof, roots[8]));                      // leafIdx ^ 2
    CHECK_FALSE(verify_inclusion(0, 16, leaf, c.proof, roots[8]));                     // treeSize * 2
    CHECK_FALSE(verify_inclusion(0, 4, leaf, c.proof, roots[8]));                      // treeSize / 2
    CHECK_FALSE(verify_inclusion(0, 8, log.leaf_hash(1), c.proof, roots[8]));          // wrong leaf
    CHECK_FALSE(verify_inclusion(0, 8, leaf, c.proof, merkle_empty_root()));           // empty root
    CHECK_FALSE(verify_inclusion(0, 8, leaf, std::span(c.proof).first(2), roots[8]));  // removed component
    auto longer = c.proof;
    longer.push_back(roots[8]);
    CHECK_FALSE(verify_inclusion(0, 8, leaf, longer, roots[8]));  // trailing root
    longer.insert(longer.begin(), roots[8]);
    longer.pop_back();
    CHECK_FALSE(verify_inclusion(0, 8, leaf, longer, roots[8]));  // preceding root
  }

  SECTION("consistency: testdata/consistency/{0..4}/happy-path.json and truncated-proof.json") {
    struct Case {
      std::uint64_t size1, size2;
      std::vector<Digest> proof;
    };
    const std::vector<Case> cases = {
        {1, 1, {}},
        {1, 8,
         b64_digests({"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=", "Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=",
                      "a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ="})},
        {6, 8,
         b64_digests({"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=", "yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=",
                      "037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc="})},
        {2, 5,
         b64_digests({"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=", "vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms="})},
        {6, 7,
         b64_digests({"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=", "sIaT7C5yFZcTBkHoIR5+7cy0wmQTlj7ubB4u0W/7Gl8=",
                      "037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc="})},
    };
    for (const Case& c : cases) {
      INFO("from " << c.size1 << " to " << c.size2);
      CHECK(log.consistency_proof(c.size1, c.size2) == c.proof);
      CHECK(verify_consistency(c.size1, c.size2, roots[c.size1], roots[c.size2], c.proof));
      if (c.size1 != c.size2)
        CHECK_FALSE(verify_consistency(c.size1, c.size2, roots[c.size2], roots[c.size1], c.proof));
    }
    const auto& proof = cases[1].proof;
    CHECK_FALSE(verify_consistency(1, 8, roots[1], roots[8], std::span(proof).first(2)));  // truncated-proof.json
    CHECK_FALSE(verify_consistency(1, 8, roots[1], roots[8], {}));                         // empty proof
    CHECK_FALSE(verify_consistency(2, 8, roots[1], roots[8], proof));                      // size1 + 1
    CHECK_FALSE(verify_consistency(1, 16, roots[1], roots[8], proof));                     // size2 * 2
    CHECK_FALSE(verify_consistency(8, 1, roots[8], roots[1], proof));                      // sizes swapped
    CHECK(verify_consistency(0, 8, merkle_empty_root(), roots[8], {}));
    CHECK_FALSE(verify_consistency(0, 8, roots[1], roots[8], {}));
  }
}

TEST_CASE("Merkle log against a naive MTH: every proof verifies, every change fails", "[verify-board]") {
  std::mt19937_64 rng(20261129);
  // Exhaustive for small trees: every prefix, every leaf, every pair of sizes.
  SECTION("all sizes up to 40") {
    std::vector<Digest> leaves;
    MerkleLog log;
    for (std::size_t n = 1; n <= 40; ++n) {
      leaves.push_back(merkle_leaf_hash(random_digest(rng)));
      log.append_leaf_hash(leaves.back());
    }
    for (std::size_t n = 0; n <= 40; ++n) {
      const Digest root = naive_mth(leaves, 0, n);
      REQUIRE(log.root(n) == root);
      for (std::size_t m = 0; m < n; ++m) {
        std::vector<Digest> expected;
        naive_path(leaves, m, 0, n, expected);
        const auto proof = log.inclusion_proof(m, n);
        REQUIRE(proof == expected);
        REQUIRE(verify_inclusion(m, n, leaves[m], proof, root));
        for (std::size_t other = 0; other < n + 2; ++other)
          if (other != m) REQUIRE_FALSE(verify_inclusion(other, n, leaves[m], proof, root));
      }
      for (std::size_t m = 1; m < n; ++m) {
        std::vector<Digest> expected;
        naive_subproof(leaves, m, 0, n, true, expected);
        const auto proof = log.consistency_proof(m, n);
        REQUIRE(proof == expected);
        REQUIRE(verify_consistency(m, n, naive_mth(leaves, 0, m), root, proof));
        // Replayed as a proof from another size, with that size's real root.
        for (std::size_t other = 1; other <= n; ++other)
          if (other != m) REQUIRE_FALSE(verify_consistency(other, n, naive_mth(leaves, 0, other), root, proof));
      }
    }
  }

  SECTION("random sizes up to 4000, with bit flips, wrong indices and wrong sizes") {
    std::vector<Digest> leaves;
    MerkleLog log;
    for (int i = 0; i < 4001; ++i) {  // one more than the largest size tried
      leaves.push_back(merkle_leaf_hash(random_digest(rng)));
      log.append_leaf_hash(leaves.back());
    }
    for (int trial = 0; trial < 12; ++trial) {
      const std::size_t n = 1 + rng() % 4000;
      const Digest root = naive_mth(leaves, 0, n);
      REQUIRE(log.root(n) == root);
      for (int k = 0; k < 8; ++k) {
        const std::size_t m = rng() % n;
        std::vector<Digest> expected;
        naive_path(leaves, m, 0, n, expected);
        auto proof = log.inclusion_proof(m, n);
        REQUIRE(proof == expected);
        REQUIRE(verify_inclusion(m, n, leaves[m], proof, root));
        REQUIRE_FALSE(verify_inclusion(m ^ 1, n, leaves[m], proof, root));
        // Against the real root of a tree of another size. (With the same root, RFC 9162 verification
        // can accept a neighbouring size: the signed checkpoint, not the proof, binds size to root.)
        REQUIRE_FALSE(verify_inclusion(m, n + 1, leaves[m], proof, log.root(n + 1)));
        if (n > 1) REQUIRE_FALSE(verify_inclusion(m, n - 1, leaves[m], proof, log.root(n - 1)));
        REQUIRE_FALSE(verify_inclusion(m, 2 * n, leaves[m], proof, root));
        REQUIRE_FALSE(verify_inclusion(m, n / 2, leaves[m], proof, root));
        for (std::size_t i = 0; i < proof.size(); ++i)
          for (int bit = 0; bit < 256; bit += 37) {
            proof[i][bit / 8] ^= static_cast<unsigned char>(1U << (bit % 8));
            REQUIRE_FALSE(verify_inclusion(m, n, leaves[m], proof, root));
            proof[i][bit / 8] ^= static_cast<unsigned char>(1U << (bit % 8));
          }
      }
      for (int k = 0; k < 8 && n > 1; ++k) {
        const std::size_t m = 1 + rng() % (n - 1);
        const Digest old_root = naive_mth(leaves, 0, m);
        std::vector<Digest> expected;
        naive_subproof(leaves, m, 0, n, true, expected);
        auto proof = log.consistency_proof(m, n);
        REQUIRE(proof == expected);
        REQUIRE(verify_consistency(m, n, old_root, root, proof));
        REQUIRE_FALSE(verify_consistency(m + 1, n, log.root(m + 1), root, proof));
        REQUIRE_FALSE(verify_consistency(m, n + 1, old_root, log.root(n + 1), proof));
        REQUIRE_FALSE(verify_consistency(m, n, root, old_root, proof));
        for (std::size_t i = 0; i < proof.size(); ++i) {
          proof[i][rng() % 32] ^= 0x10;
          REQUIRE_FALSE(verify_consistency(m, n, old_root, root, proof));
          proof = expected;
        }
        if (!proof.empty())
          REQUIRE_FALSE(verify_consistency(m, n, old_root, root, std::span(proof).first(proof.size() - 1)));
      }
    }
  }

  SECTION("bad arguments") {
    MerkleLog log;
    log.append(bytes_of("a"));
    CHECK(error_code_of([&] { (void)log.root(2); }) == Errc::invalid_argument);
    CHECK(error_code_of([&] { (void)log.inclusion_proof(1, 1); }) == Errc::invalid_argument);
    CHECK(error_code_of([&] { (void)log.consistency_proof(1, 2); }) == Errc::invalid_argument);
    CHECK(error_code_of([&] { (void)log.leaf_hash(1); }) == Errc::invalid_argument);
    CHECK_FALSE(verify_inclusion(0, 0, log.leaf_hash(0), {}, log.root()));
  }
}

// ====================================================================================== signed notes, checkpoints

TEST_CASE("Signed notes reproduce the golang.org/x/mod/sumdb/note vector", "[verify-board]") {
  // note_test.go: the PeterNeumann key pair and its signature of a two-line text.
  const std::string vkey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  const auto skey = from_base64("AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz");  // 0x01 || seed
  REQUIRE(skey.size() == 33);
  const std::span<const unsigned char, 32> seed(skey.data() + 1, 32);
  const SigningKey key = SigningKey::from_seed("PeterNeumann", seed);
  CHECK(key.verifier().key_id() == 0xc74f20a3U);
  CHECK(key.verifier().to_string() == vkey);
  CHECK(NoteVerifier::parse(vkey) == key.verifier());

  const std::string text =
      "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
  const std::string note =
      text +
      "\n\xE2\x80\x94 PeterNeumann "
      "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
  CHECK(sign_note(text, key) == note);
  CHECK(open_note(note, NoteVerifier::parse(vkey)) == text);

  std::string changed = note;
  changed.replace(changed.find("cryptography"), 12, "cryptographY");
  CHECK(error_code_of([&] { open_note(changed, key.verifier()); }) == Errc::verification);

  // Mangled verifier keys are refused.
  CHECK(error_code_of([&] {
          NoteVerifier::parse("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
        }) == Errc::parse);
  CHECK(error_code_of([&] {
          NoteVerifier::parse("PeterNeumann+c74f20a3+AhpdDkAUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
        }) == Errc::parse);
  CHECK(error_code_of([&] { NoteVerifier::parse("PeterNeumann+c74f20a3"); }) == Errc::parse);
  CHECK(error_code_of([&] { NoteVerifier::parse("+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"); }) ==
        Errc::parse);
}

TEST_CASE("Signed notes: witnesses, wrong keys and malformed notes", "[verify-board]") {
  const unsigned char seed1[32] = {1}, seed2[32] = {2};
  const SigningKey log_key = SigningKey::from_seed("example.org/log", seed1);
  const SigningKey witness = SigningKey::from_seed("witness.example", seed2);
  const std::string text = "hello\n\nworld\n";  // a note text may hold blank lines
  const std::string signed_note = sign_note(text, log_key);
  CHECK(open_note(signed_note, log_key.verifier()) == text);
  // A witness's cosignature is another line; the log's verifier ignores it, the witness's checks it.
  const std::string witness_line = sign_note(text, witness).substr(text.size() + 1);
  const std::string cosigned = signed_note + witness_line;
  CHECK(open_note(cosigned, log_key.verifier()) == text);
  CHECK(open_note(cosigned, witness.verifier()) == text);
  CHECK(error_code_of([&] { open_note(signed_note, witness.verifier()); }) == Errc::verification);
  // Same name, other key: its ID differs, so the line is not the verifier's.
  const SigningKey impostor = SigningKey::from_seed("example.org/log", seed2);
  CHECK(error_code_of([&] { open_note(signed_note, impostor.verifier()); }) == Errc::verification);

  const auto parse_error_line = [&](const std::string& note) -> std::uint64_t {
    try {
      open_note(note, log_key.verifier());
    } catch (const Error& e) {
      if (e.code() == Errc::parse) return e.where().line;
      FAIL("expected a parse error, got: " << e.what());
    }
    FAIL("expected a parse error for: " << note);
    return 0;
  };
  CHECK(parse_error_line("hello\n\nworld\n") == 3);  // "world" after the last blank line is no signature line
  CHECK(parse_error_line("hello\n\n") == 3);         // no signature lines
  CHECK(parse_error_line(signed_note.substr(0, signed_note.size() - 1)) > 0);  // no final newline
  CHECK(parse_error_line("he\tllo\n" + signed_note.substr(6)) == 1);           // control character
  CHECK(parse_error_line("h\xC3llo\n" + signed_note.substr(6)) == 1);          // invalid UTF-8
  std::string bad_prefix = signed_note;
  bad_prefix.replace(bad_prefix.find("\xE2\x80\x94"), 3, "-");
  CHECK(parse_error_line(bad_prefix) == 5);
  // A flipped signature bit from a known key is a mismatch, not silently ignored.
  std::string flipped = signed_note;
  flipped[flipped.size() - 6] = flipped[flipped.size() - 6] == 'A' ? 'B' : 'A';
  CHECK(error_code_of([&] { open_note(flipped, log_key.verifier()); }) == Errc::verification);

  // The signing key lives in sodium_malloc memory; random keys sign and verify.
  const SigningKey fresh = SigningKey::generate("fresh.example");
  CHECK(open_note(sign_note("x\n", fresh), fresh.verifier()) == "x\n");
  CHECK(error_code_of([] { SigningKey::generate("has space"); }) == Errc::invalid_argument);
  CHECK(error_code_of([&] { sign_note("no newline", fresh); }) == Errc::invalid_argument);
}

TEST_CASE("Checkpoints: the C2SP example, strict parsing with lines and fields", "[verify-board]") {
  // The example of c2sp.org/tlog-checkpoint.
  const std::string text = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
  const Checkpoint c = Checkpoint::parse(text);
  CHECK(c.origin == "example.com/behind-the-sofa");
  CHECK(c.tree_size == 20852163);
  CHECK(c.root == b64_digest("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="));
  CHECK(c.text() == text);
  // Its signature line is by a key we do not hold: no signature by our key.
  const std::string note =
      text +
      "\n\xE2\x80\x94 example.com/behind-the-sofa "
      "Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n";
  const unsigned char seed[32] = {7};
  const SigningKey ours = SigningKey::from_seed("example.com/behind-the-sofa", seed);
  CHECK(error_code_of([&] { open_checkpoint(note, ours.verifier()); }) == Errc::verification);

  const auto where = [](const std::string& bad) -> Location {
    try {
      Checkpoint::parse(bad);
    } catch (const Error& e) {
      CHECK(e.code() == Errc::parse);
      return e.where();
    }
    FAIL("accepted: " << bad);
    return {};
  };
  const std::string root = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
  CHECK(where("o\n020852163\n" + root).field == "tree size");
  CHECK(where("o\n-1\n" + root).field == "tree size");
  CHECK(where("o\n+1\n" + root).field == "tree size");
  CHECK(where("o\n18446744073709551616\n" + root).field == "tree size");
  CHECK(where("o\n1 \n" + root).line == 2);
  CHECK(where("o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=\n").field == "root hash");  // non-canonical bits
  CHECK(where("o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n").field == "root hash");   // no padding
  CHECK(where("o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=").line == 3);               // no final newline
  CHECK(where("o\n1\n").line == 3);
  CHECK(where("\n1\n" + root).line == 1);
  CHECK(where("o\n1\n" + root + "\n").line == 4);
  CHECK(Checkpoint::parse("o\n0\n" + root + "ext\n").extensions == std::vector<std::string>{"ext"});
  CHECK(Checkpoint::parse("o\n18446744073709551615\n" + root).tree_size == 18446744073709551615ULL);

  // Signed by our key: origin must be the key name.
  const std::string signed_ours = sign_checkpoint(Checkpoint{ours.name(), 3, c.root, {}}, ours);
  CHECK(open_checkpoint(signed_ours, ours.verifier()).tree_size == 3);
  CHECK(error_code_of([&] { sign_checkpoint(Checkpoint{"other", 3, c.root, {}}, ours); }) == Errc::invalid_argument);
}

// ============================================================================================ short codes

namespace {
constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

// An independent Crockford base32 encoder: the code's bits, 5 at a time, most significant first.
std::string crockford_prefix(const Digest& code, std::size_t characters) {
  std::string out;
  for (std::size_t c = 0; c < characters; ++c) {
    unsigned v = 0;
    for (std::size_t b = 5 * c; b < 5 * c + 5; ++b) v = (v << 1) | ((code[b / 8] >> (7 - b % 8)) & 1U);
    out += kCrockford[v];
  }
  return out;
}
std::string compact(const std::string& code) {  // without the hyphen
  std::string out;
  for (char c : code)
    if (c != '-') out += c;
  return out;
}
bool accepted(const std::string& text) {
  return error_code_of([&] { parse_short_code(text); }) == Errc::ok;
}
}  // namespace

TEST_CASE("Short codes: format, forgiving reading, round trips", "[verify-board]") {
  std::mt19937_64 rng(45);
  for (int i = 0; i < 200; ++i) {
    const Digest code = random_digest(rng);
    const std::string s = short_code(code);
    REQUIRE(s.size() == 11);
    REQUIRE(s[5] == '-');
    REQUIRE(compact(s).substr(0, 9) == crockford_prefix(code, 9));
    REQUIRE(parse_short_code(s) == short_code_value(code));
    REQUIRE(short_code_value(code) < (std::uint64_t{1} << 45));
  }
  // The check character, recomputed by hand for an all-zero prefix and one 1 at the end:
  // r = 1 after nine steps, check = x * 1 = 2.
  CHECK(short_code_from_value(0) == "00000-00000");
  CHECK(short_code_from_value(1) == "00000-00012");
  const std::string s = short_code_from_value(0x123456789ABULL);
  std::string lower;
  for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  CHECK(parse_short_code(lower) == 0x123456789ABULL);
  CHECK(parse_short_code(" " + compact(s).substr(0, 3) + " " + compact(s).substr(3) + " ") == 0x123456789ABULL);
  // O reads as 0, I and L as 1.
  CHECK(parse_short_code("OOOOO-OOO12") == 1);
  CHECK(parse_short_code("00000-000I2") == 1);
  CHECK(parse_short_code("00000-000l2") == 1);
  CHECK(error_code_of([] { parse_short_code("00000-000U2"); }) == Errc::parse);
  CHECK(error_code_of([] { parse_short_code("00000-0001"); }) == Errc::parse);
  CHECK(error_code_of([] { parse_short_code("00000-000122"); }) == Errc::parse);
  CHECK(error_code_of([] { parse_short_code(""); }) == Errc::parse);
  CHECK(error_code_of([] { short_code_from_value(std::uint64_t{1} << 45); }) == Errc::invalid_argument);
}

TEST_CASE("Short codes detect every single-character error and every adjacent transposition", "[verify-board]") {
  std::mt19937_64 rng(1129);
  for (int base = 0; base < 16; ++base) {
    const std::uint64_t value = rng() >> 19;
    const std::string code = compact(short_code_from_value(value));
    // Every position, every other character of the alphabet.
    for (std::size_t pos = 0; pos < code.size(); ++pos)
      for (const char c : kCrockford)
        if (c != code[pos]) {
          std::string changed = code;
          changed[pos] = c;
          REQUIRE_FALSE(accepted(changed));
        }
    // Every adjacent pair of data positions, every pair of distinct values there (the rest from value).
    for (std::size_t pos = 0; pos + 1 < 9; ++pos)
      for (std::uint64_t a = 0; a < 32; ++a)
        for (std::uint64_t b = 0; b < 32; ++b) {
          if (a == b) continue;
          const unsigned shift_a = 5 * (8 - static_cast<unsigned>(pos)), shift_b = shift_a - 5;
          std::uint64_t v = value & ~((std::uint64_t{31} << shift_a) | (std::uint64_t{31} << shift_b));
          v |= (a << shift_a) | (b << shift_b);
          std::string swapped = compact(short_code_from_value(v));
          REQUIRE(accepted(swapped));
          std::swap(swapped[pos], swapped[pos + 1]);
          REQUIRE_FALSE(accepted(swapped));
        }
    // The last data character and the check character, for every value of the last data character.
    for (std::uint64_t a = 0; a < 32; ++a) {
      std::string swapped = compact(short_code_from_value((value & ~std::uint64_t{31}) | a));
      if (swapped[8] == swapped[9]) continue;
      std::swap(swapped[8], swapped[9]);
      REQUIRE_FALSE(accepted(swapped));
    }
  }
}

// ================================================================================== receipts and the board

namespace {
Digest election() {
  return from_hex("e1ec7104e1ec7104e1ec7104e1ec7104e1ec7104e1ec7104e1ec7104e1ec7104");
}
SigningKey board_key(unsigned char tag = 9) {
  unsigned char seed[32] = {};
  seed[0] = tag;
  return SigningKey::from_seed("minga.example/board", seed);
}
std::vector<Digest> codes(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Digest> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(random_digest(rng));
  return out;
}
std::string check_failure(const Receipt& r, const NoteVerifier& board) {
  try {
    verify_receipt(r, board, election());
  } catch (const Error& e) {
    return e.where().field;
  }
  return "accepted";
}
}  // namespace

TEST_CASE("Receipts verify offline, and every altered field is refused", "[verify-board]") {
  BulletinBoard board(election(), board_key());
  const auto cast = codes(37, 1);
  std::vector<Receipt> receipts;
  for (const Digest& c : cast) receipts.push_back(board.append(c));
  REQUIRE(board.size() == 37);
  for (std::size_t i = 0; i < receipts.size(); ++i) {
    const Checkpoint cp = verify_receipt(receipts[i], board.verifier(), election());
    REQUIRE(cp.tree_size == i + 1);
    REQUIRE(receipts[i].leaf_index == i);
    REQUIRE(cp.root == board.log().root(i + 1));
  }
  const Receipt& r = receipts[20];
  CHECK(error_code_of([&] { verify_receipt(r, board.verifier(), merkle_empty_root()); }) == Errc::verification);
  CHECK(check_failure(r, board_key(10).verifier()) == "signature");

  Receipt t = r;
  t.confirmation_code[0] ^= 1;
  CHECK(check_failure(t, board.verifier()) == "signature");
  t.sign(board_key());  // even re-signed by the board, the code is not in the log
  CHECK(check_failure(t, board.verifier()) == "inclusion_proof");
  t = r;
  t.leaf_index = 19;
  t.sign(board_key());
  CHECK(check_failure(t, board.verifier()) == "inclusion_proof");
  t.leaf_index = 21;  // beyond the checkpoint's 21 leaves
  t.sign(board_key());
  CHECK(check_failure(t, board.verifier()) == "leaf_index");
  t = r;
  t.inclusion_proof[1][7] ^= 0x80;
  t.sign(board_key());
  CHECK(check_failure(t, board.verifier()) == "inclusion_proof");
  t = r;
  t.inclusion_proof.pop_back();
  t.sign(board_key());
  CHECK(check_failure(t, board.verifier()) == "inclusion_proof");
  t = r;
  t.signature[10] ^= 4;
  CHECK(check_failure(t, board.verifier()) == "signature");
  t = r;
  t.checkpoint = receipts[21].checkpoint;  // another genuine checkpoint: the proof is for tree size 21
  t.sign(board_key());
  CHECK(check_failure(t, board.verifier()) == "inclusion_proof");
  t = r;
  t.checkpoint.replace(t.checkpoint.find("\n21\n"), 4, "\n22\n");
  t.sign(board_key());
  CHECK(check_failure(t, board.verifier()) == "signature");  // the checkpoint note's own signature
  t = r;
  t.election_id[31] ^= 1;
  CHECK(check_failure(t, board.verifier()) == "election_id");
}

TEST_CASE("Receipts: binary and JSON forms round-trip and reject malformed input", "[verify-board]") {
  BulletinBoard board(election(), board_key());
  const auto batch = board.append_batch(codes(100, 2));
  const Receipt& r = batch[57];
  REQUIRE(r.inclusion_proof.size() == 7);

  const auto binary = r.to_binary();
  CHECK(binary.size() == 16 + 32 + 32 + 8 + 4 + r.checkpoint.size() + 1 + 7 * 32 + 64);
  CHECK(Receipt::from_binary(binary) == r);
  CHECK(Receipt::from_json(r.to_json()) == r);
  verify_receipt(Receipt::from_json(r.to_json()), board.verifier(), election());
  // Every truncation is a parse error naming a field, never a crash.
  for (std::size_t n = 0; n < binary.size(); ++n) {
    try {
      Receipt::from_binary(std::span(binary).first(n));
      FAIL("accepted a receipt truncated to " << n << " bytes");
    } catch (const Error& e) {
      REQUIRE(e.code() == Errc::parse);
      REQUIRE_FALSE(e.where().field.empty());
    }
  }
  auto longer = binary;
  longer.push_back(0);
  CHECK(error_code_of([&] { Receipt::from_binary(longer); }) == Errc::parse);
  auto bad_tag = binary;
  bad_tag[15] = 1;
  CHECK(error_code_of([&] { Receipt::from_binary(bad_tag); }) == Errc::parse);

  const auto json_field = [](const std::string& json) -> std::string {
    try {
      Receipt::from_json(json);
    } catch (const Error& e) {
      CHECK(e.code() == Errc::parse);
      return e.where().field;
    }
    return "accepted";
  };
  const std::string json = r.to_json();
  const auto replaced = [&](const std::string& from, const std::string& to) {
    std::string out = json;
    const auto at = out.find(from);
    REQUIRE(at != std::string::npos);
    return out.replace(at, from.size(), to);
  };
  CHECK(json_field(replaced("\"schema\"", "\"schemes\"")) == "schemes");
  CHECK(json_field(replaced("minga.receipt/1", "minga.receipt/2")) == "schema");
  CHECK(json_field(replaced("\"leaf_index\": 57", "\"leaf_index\": -57")) == "leaf_index");
  CHECK(json_field(replaced(short_code(r.confirmation_code), "00000-00000")) == "short_code");
  CHECK(json_field(replaced("\"signature\": \"", "\"signature\": \"zz")) == "signature");
  CHECK(json_field(replaced("\"inclusion_proof\": [\n    \"", "\"inclusion_proof\": [\n    \"0")) ==
        "inclusion_proof[0]");
  CHECK(json_field("{") == "");
  CHECK(json_field("[]") == "");
}

TEST_CASE("Board: check later, forks, duplicates and lookups", "[verify-board]") {
  BulletinBoard board(election(), board_key());
  const auto cast = codes(300, 3);
  const Receipt early = board.append(cast[0]);
  for (int i = 1; i < 10; ++i) board.append(cast[i]);
  const Receipt r = board.append(cast[10]);  // tree size 11
  board.append_batch(std::span(cast).subspan(11));
  REQUIRE(board.size() == 300);
  const std::string latest = board.checkpoint();
  CHECK(verify_receipt_later(r, board.verifier(), election(), latest, board.consistency_proof(11, 300)).tree_size ==
        300);
  CHECK(verify_receipt_later(early, board.verifier(), election(), latest, board.consistency_proof(1, 300)).tree_size ==
        300);
  // The board shows the same checkpoint for the same size (deterministic Ed25519).
  CHECK(board.checkpoint() == latest);
  // A wrong proof, or an older checkpoint, fails.
  CHECK(error_code_of([&] {
          verify_receipt_later(r, board.verifier(), election(), latest, board.consistency_proof(12, 300));
        }) == Errc::verification);
  CHECK(error_code_of([&] {
          verify_receipt_later(r, board.verifier(), election(), early.checkpoint, board.consistency_proof(1, 11));
        }) == Errc::verification);

  // A fork: the same key signs another history where ballot 5 was replaced. Its checkpoint is genuine, but
  // no consistency proof leads there from the voter's receipt.
  BulletinBoard fork(election(), board_key());
  for (int i = 0; i < 300; ++i) fork.append(i == 5 ? cast[299] : (i == 299 ? cast[5] : cast[i]));
  CHECK(error_code_of([&] {
          verify_receipt_later(r, board.verifier(), election(), fork.checkpoint(), fork.consistency_proof(11, 300));
        }) == Errc::verification);
  CHECK(error_code_of([&] {
          verify_receipt_later(r, board.verifier(), election(), fork.checkpoint(), board.consistency_proof(11, 300));
        }) == Errc::verification);

  // Duplicates are refused, alone or in a batch, and a refused batch appends nothing.
  CHECK(error_code_of([&] { board.append(cast[7]); }) == Errc::invalid_argument);
  const auto extra = codes(3, 4);
  const std::vector<Digest> twice = {extra[0], extra[1], extra[0]};
  CHECK(error_code_of([&] { board.append_batch(twice); }) == Errc::invalid_argument);
  CHECK(board.size() == 300);

  // Lookups by confirmation code and by short code (as typed, in lower case).
  CHECK(board.find(cast[123]) == std::optional<std::uint64_t>{123});
  CHECK_FALSE(board.find(extra[2]).has_value());
  std::string typed = short_code(cast[123]);
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  CHECK(board.find_short_code(typed) == std::vector<std::uint64_t>{123});
  // Two ballots that share their first 45 bits share a short code: both are candidates.
  Digest twin = cast[123];
  twin[31] ^= 0xFF;
  board.append(twin);
  CHECK(board.find_short_code(typed) == std::vector<std::uint64_t>{123, 300});
  CHECK(board.find_short_code(short_code(extra[2])).empty());
  CHECK(error_code_of([&] { board.find_short_code("nonsense"); }) == Errc::parse);
  CHECK(board.confirmation_code(300) == twin);
}

TEST_CASE("The worked example of docs/verify_board.md matches the independent Python reference", "[verify-board]") {
  // Expected values printed by docs/verify_board.md's reference (docs/verify_board_reference.py: hashlib,
  // base64 and the `cryptography` package's Ed25519, written from the format description).
  const auto sha = [](const std::string& s) { return sha256(bytes_of(s)); };
  unsigned char seed[32];
  for (int i = 0; i < 32; ++i) seed[i] = static_cast<unsigned char>(i);
  BulletinBoard board(sha("minga example election"), SigningKey::from_seed("minga.example/board", seed));
  const std::vector<Digest> cast = {sha("ballot 1"), sha("ballot 2"), sha("ballot 3")};
  const auto receipts = board.append_batch(cast);
  CHECK(board.verifier().to_string() == "minga.example/board+b2a937b5+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4");
  CHECK(board.log().root() == from_hex("c694ba9db4e95029e3dd76c8087d650c8891c20bffa4f982abd36c9d61035ba2"));
  CHECK(short_code(cast[0]) == "RQXKG-MGCNY");
  CHECK(short_code(cast[1]) == "2M3D7-HPKWP");
  CHECK(short_code(cast[2]) == "25SJW-PTA9T");
  const std::string note =
      "minga.example/board\n3\nxpS6nbTpUCnj3XbICH1lDIiRwgv/pPmCq9NsnWEDW6I=\n\n\xE2\x80\x94 minga.example/board "
      "sqk3tWyb/hG9TplR53yxfimRUH/6SG/MR/OYLcqrqFtSfIaqDRf6qj3IcrW6GyX3F0H0AnabKHR3hTmSFe1sVXBO4Qc=\n";
  CHECK(board.checkpoint() == note);
  const Receipt& r = receipts[1];
  CHECK(r.checkpoint == note);
  const std::string binary_hex =
      "6d696e67612e726563656970742f31009bbbbe7bf8bbe8caa6ccb5c4eebd1efcb72718067ebdf696118b20572624851f1506d3c6d3e7"
      "08482c12b279f7d71a63b4260e380495e63ad65c300c9015e5280000000000000001000000b96d696e67612e6578616d706c652f626f"
      "6172640a330a787053366e62547055436e6a335862494348316c444969527767762f70506d4371394e736e5745445736493d0a0ae280"
      "94206d696e67612e6578616d706c652f626f6172642073716b33745779622f68473954706c523533797866696d5255482f3653472f4d"
      "522f4f594c637172714674536649617144526636716a3349637257364779583346304830416e61624b48523368546d53466531735658"
      "424f3451633d0a02eb2f6ba7153c56a96738b6dd2a54a210491653558af30f4fd1e5c54830f666be8605ea4f42d8e4ff5d021f1bf932"
      "745ce3e493a90197c6a39c76855b1d5815e699540e23ec3fdd60cff8f760eefb3ccb095b6c42e3ab685736e0ffb0ea01d40d878252bb"
      "1335b1b9c8262920cf4dedddc9c2c9559b114de6121e3829baeb450c";
  const auto binary = r.to_binary();
  std::string hex(binary.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), binary.data(), binary.size());
  hex.pop_back();
  CHECK(hex == binary_hex);
  // The reference's JSON (keys sorted, the em dash escaped) reads back as the same receipt.
  const std::string json = R"({
  "checkpoint": "minga.example/board\n3\nxpS6nbTpUCnj3XbICH1lDIiRwgv/pPmCq9NsnWEDW6I=\n\n\u2014 minga.example/board sqk3tWyb/hG9TplR53yxfimRUH/6SG/MR/OYLcqrqFtSfIaqDRf6qj3IcrW6GyX3F0H0AnabKHR3hTmSFe1sVXBO4Qc=\n",
  "confirmation_code": "1506d3c6d3e708482c12b279f7d71a63b4260e380495e63ad65c300c9015e528",
  "election_id": "9bbbbe7bf8bbe8caa6ccb5c4eebd1efcb72718067ebdf696118b20572624851f",
  "inclusion_proof": [
    "eb2f6ba7153c56a96738b6dd2a54a210491653558af30f4fd1e5c54830f666be",
    "8605ea4f42d8e4ff5d021f1bf932745ce3e493a90197c6a39c76855b1d5815e6"
  ],
  "leaf_index": 1,
  "schema": "minga.receipt/1",
  "short_code": "2M3D7-HPKWP",
  "signature": "99540e23ec3fdd60cff8f760eefb3ccb095b6c42e3ab685736e0ffb0ea01d40d878252bb1335b1b9c8262920cf4dedddc9c2c9559b114de6121e3829baeb450c"
})";
  CHECK(Receipt::from_json(json) == r);
  CHECK(verify_receipt(Receipt::from_json(json), NoteVerifier::parse(board.verifier().to_string()),
                       sha("minga example election"))
            .tree_size == 3);
}

TEST_CASE("Mutated receipts and checkpoints are refused with minga::Error, never a crash", "[verify-board]") {
  BulletinBoard board(election(), board_key());
  const auto receipts = board.append_batch(codes(50, 5));
  const Receipt& r = receipts[33];
  const auto binary = r.to_binary();
  const std::string json = r.to_json();
  std::mt19937_64 rng(77);
  const auto mutate = [&](auto text) {
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      const std::size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0: text[at] = static_cast<typename decltype(text)::value_type>(rng()); break;
        case 1: text.erase(text.begin() + static_cast<std::ptrdiff_t>(at)); break;
        default: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), static_cast<char>(rng())); break;
      }
    }
    return text;
  };
  int refused = 0;
  for (int i = 0; i < 3000; ++i) {
    const auto bytes = mutate(binary);
    try {
      verify_receipt(Receipt::from_binary(bytes), board.verifier(), election());
      REQUIRE(bytes == binary);  // every real change of the binary form is caught
    } catch (const Error&) {
      ++refused;
    }
    const std::string note = mutate(r.checkpoint);
    try {
      open_checkpoint(note, board.verifier());
      REQUIRE(note == r.checkpoint);
    } catch (const Error&) {
    }
    try {  // JSON may survive a change of white space; it must never throw anything but minga::Error
      verify_receipt(Receipt::from_json(mutate(json)), board.verifier(), election());
    } catch (const Error&) {
    }
  }
  CHECK(refused > 2900);
}
