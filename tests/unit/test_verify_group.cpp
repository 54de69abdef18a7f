// SPDX-License-Identifier: Apache-2.0
// Unit tests: ristretto255 points and scalars (RFC 9496 Appendix A vectors), domain-separated hashing.
#include <sodium.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "minga/core/error.hpp"
#include "minga/verify/group.hpp"
#include "minga/verify/hash.hpp"
#include "verify_test_util.hpp"

using namespace minga;
using namespace minga::verify;
using minga::verify::testing::code_of;

namespace {

Bytes32 bytes32(const std::string& hex) {
  Bytes32 out{};
  const auto v = hex_decode(hex, 32, "test");
  std::memcpy(out.data(), v.data(), 32);
  return out;
}

Bytes64 bytes64(const std::string& hex) {
  Bytes64 out{};
  const auto v = hex_decode(hex, 64, "test");
  std::memcpy(out.data(), v.data(), 64);
  return out;
}

// RFC 9496 Appendix A.1: encodings of B*0 .. B*15.
const char* const kMultiples[16] = {
    "0000000000000000000000000000000000000000000000000000000000000000",
    "e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76",
    "6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919",
    "94741f5d5d52755ece4f23f044ee27d5d1ea1e2bd196b462166b16152a9d0259",
    "da80862773358b466ffadfe0b3293ab3d9fd53c5ea6c955358f568322daf6a57",
    "e882b131016b52c1d3337080187cf768423efccbb517bb495ab812c4160ff44e",
    "f64746d3c92b13050ed8d80236a7f0007c3b3f962f5ba793d19a601ebb1df403",
    "44f53520926ec81fbd5a387845beb7df85a96a24ece18738bdcfa6a7822a176d",
    "903293d8f2287ebe10e2374dc1a53e0bc887e592699f02d077d5263cdd55601c",
    "02622ace8f7303a31cafc63f8fc48fdc16e1c8c8d234b2f0d6685282a9076031",
    "20706fd788b2720a1ed2a5dad4952b01f413bcf0e7564de8cdc816689e2db95f",
    "bce83f8ba5dd2fa572864c24ba1810f9522bc6004afe95877ac73241cafdab42",
    "e4549ee16b9aa03099ca208c67adafcafa4c3f3e4e5303de6026e3ca8ff84460",
    "aa52e000df2e16f55fb1032fc33bc42742dad6bd5a8fc0be0167436c5948501f",
    "46376b80f409b29dc2b5f6f0c52591990896e5716f41477cd30085ab7f10301e",
    "e0c418f7c8d9c4cdd7395b93ea124f3ad99021bb681dfc3302a9d99a2e53e64e",
};

// RFC 9496 Appendix A.2: encodings every decoder must reject.
const char* const kBadEncodings[] = {
    // non-canonical field encodings
    "00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "f3ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    // negative field elements
    "0100000000000000000000000000000000000000000000000000000000000000",
    "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "ed57ffd8c914fb201471d1c3d245ce3c746fcbe63a3679d51b6a516ebebe0e20",
    "c34c4e1826e5d403b78e246e88aa051c36ccf0aafebffe137d148a2bf9104562",
    "c940e5a4404157cfb1628b108db051a8d439e1a421394ec4ebccb9ec92a8ac78",
    "47cfc5497c53dc8e61c91d17fd626ffb1c49e2bca94eed052281b510b1117a24",
    "f1c6165d33367351b0da8f6e4511010c68174a03b6581212c71c0e1d026c3c72",
    "87260f7a2f12495118360f02c26a470f450dadf34a413d21042b43b9d93e1309",
    // non-square x^2
    "26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371",
    "4eac077a713c57b4f4397629a4145982c661f48044dd3f96427d40b147d9742f",
    "de6a7b00deadc788eb6b6c8d20c0ae96c2f2019078fa604fee5b87d6e989ad7b",
    "bcab477be20861e01e4a0e295284146a510150d9817763caf1a6f4b422d67042",
    "2a292df7e32cababbd9de088d1d1abec9fc0440f637ed2fba145094dc14bea08",
    "f4a9e534fc0d216c44b218fa0c42d99635a0127ee2e53c712f70609649fdff22",
    "8268436f8c4126196cf64b3c7ddbda90746a378625f9813dd9b8457077256731",
    "2810e5cbc2cc4d4eece54f61c6f69758e289aa7ab440b3cbeaa21995c2f4232b",
    // negative xy value
    "3eb858e78f5a7254d8c9731174a94f76755fd3941c0ac93735c07ba14579630e",
    "a45fdc55c76448c049a1ab33f17023edfb2be3581e9c7aade8a6125215e04220",
    "d483fe813c6ba647ebbfd3ec41adca1c6130c2beeee9d9bf065c8d151c5f396e",
    "8a2e1d30050198c65a54483123960ccc38aef6848e1ec8f5f780e8523769ba32",
    "32888462f8b486c68ad7dd9610be5192bbeaf3b443951ac1a8118419d9fa097b",
    "227142501b9d4355ccba290404bde41575b037693cef1f438c47f8fbf35d1165",
    "5c37cc491da847cfeb9281d407efc41e15144c876e0170b499a96a22ed31e01e",
    "445425117cb8c90edcbc7c1cc0e74f747f2c1efa5630a967c64f287792a48a4b",
    // s = -1, which causes y = 0
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
};

// RFC 9496 Appendix A.3: labels, SHA-512 of which is the 64-byte input of the one-way map, and the outputs.
struct MapVector {
  const char* label;
  const char* input;
  const char* output;
};
const MapVector kMapVectors[] = {
    {"Ristretto is traditionally a short shot of espresso coffee",
     "5d1be09e3d0c82fc538112490e35701979d99e06ca3e2b5b54bffe8b4dc772c1"
     "4d98b696a1bbfb5ca32c436cc61c16563790306c79eaca7705668b47dffe5bb6",
     "3066f82a1a747d45120d1740f14358531a8f04bbffe6a819f86dfe50f44a0a46"},
    {"made with the normal amount of ground coffee but extracted with",
     "f116b34b8f17ceb56e8732a60d913dd10cce47a6d53bee9204be8b44f6678b27"
     "0102a56902e2488c46120e9276cfe54638286b9e4b3cdb470b542d46c2068d38",
     "f26e5b6f7d362d2d2a94c5d0e7602cb4773c95a2e5c31a64f133189fa76ed61b"},
    {"about half the amount of water in the same amount of time",
     "8422e1bbdaab52938b81fd602effb6f89110e1e57208ad12d9ad767e2e25510c"
     "27140775f9337088b982d83d7fcf0b2fa1edffe51952cbe7365e95c86eaf325c",
     "006ccd2a9e6867e6a2c5cea83d3302cc9de128dd2a9a57dd8ee7b9d7ffe02826"},
    {"by using a finer grind.",
     "ac22415129b61427bf464e17baee8db65940c233b98afce8d17c57beeb7876c2"
     "150d15af1cb1fb824bbd14955f2b57d08d388aab431a391cfc33d5bafb5dbbaf",
     "f8f0c87cf237953c5890aec3998169005dae3eca1fbb04548c635953c817f92a"},
    {"This produces a concentrated shot of coffee per volume.",
     "165d697a1ef3d5cf3c38565beefcf88c0f282b8e7dbd28544c483432f1cec767"
     "5debea8ebb4e5fe7d6f6e5db15f15587ac4d4d4a1de7191e0c1ca6664abcc413",
     "ae81e7dedf20a497e10c304a765c1767a42d6e06029758d2d7e8ef7cc4c41179"},
    {"Just pulling a normal shot short will produce a weaker shot",
     "a836e6c9a9ca9f1e8d486273ad56a78c70cf18f0ce10abb1c7172ddd605d7fd2"
     "979854f47ae1ccf204a33102095b4200e5befc0465accc263175485f0e17ea5c",
     "e2705652ff9f5e44d3e841bf1c251cf7dddb77d140870d1ab2ed64f1a9ce8628"},
    {"and is not a Ristretto as some believe.",
     "2cdc11eaeb95daf01189417cdddbf95952993aa9cb9c640eb5058d09702c7462"
     "2c9965a697a3b345ec24ee56335b556e677b30e6f90ac77d781064f866a3c982",
     "80bd07262511cdde4863f8a7434cef696750681cb9510eea557088f76d9e5065"},
};

// L and L - 1, little-endian hex.
const std::string kOrderHex = "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010";
const std::string kOrderMinusOneHex = "ecd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010";

}  // namespace

TEST_CASE("RFC 9496 A.1: multiples of the generator, by multiplication and by addition", "[verify]") {
  Point sum;
  for (std::uint64_t k = 0; k < 16; ++k) {
    INFO("B*" << k);
    CHECK(Point::base_mul(Scalar::from_u64(k)).hex() == kMultiples[k]);
    CHECK(Point::generator().mul(Scalar::from_u64(k)).hex() == kMultiples[k]);
    CHECK(sum.hex() == kMultiples[k]);
    const Point decoded = Point::decode(bytes32(kMultiples[k]), "multiple", Point::Identity::allow);
    CHECK(decoded == sum);
    sum += Point::generator();
  }
  CHECK(Point::generator().hex() == kMultiples[1]);
}

TEST_CASE("RFC 9496 A.2: invalid encodings are rejected", "[verify]") {
  for (const char* bad : kBadEncodings) {
    INFO(bad);
    CHECK(crypto_core_ristretto255_is_valid_point(bytes32(bad).data()) == 0);
    CHECK(code_of([&] { Point::decode(bytes32(bad), "p", Point::Identity::allow); }) == Errc::parse);
  }
  CHECK(code_of([] { Point::decode(std::vector<unsigned char>(31, 0), "p", Point::Identity::allow); }) == Errc::parse);
}

TEST_CASE("The identity: rejected by default, produced explicitly by scalar multiplication", "[verify]") {
  const Bytes32 zero{};
  try {
    Point::decode(zero, "ballot.alpha");
    FAIL("identity accepted");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::parse);
    CHECK(e.where().field == "ballot.alpha");
  }
  CHECK(Point::decode(zero, "tally", Point::Identity::allow).is_identity());
  // libsodium's scalarmult returns -1 for these: our types give the identity.
  CHECK(Point::base_mul(Scalar()).is_identity());
  CHECK(Point::generator().mul(Scalar()).is_identity());
  CHECK(Point::identity().mul(Scalar::from_u64(7)).is_identity());
  CHECK(Point::base_mul(SecretScalar(Scalar())).is_identity());
  // B*(L-1) = -B, so B*(L-1) + B is the identity.
  const Scalar minus_one = Scalar::decode(bytes32(kOrderMinusOneHex));
  CHECK((Point::base_mul(minus_one) + Point::generator()).is_identity());
  CHECK((Point::generator() - Point::generator()).is_identity());
}

TEST_CASE("RFC 9496 A.3: one-way map of SHA-512 of the labels", "[verify]") {
  for (const MapVector& v : kMapVectors) {
    INFO(v.label);
    Bytes64 digest{};
    crypto_hash_sha512(digest.data(), reinterpret_cast<const unsigned char*>(v.label), std::strlen(v.label));
    CHECK(hex_encode(digest) == v.input);
    CHECK(Point::from_wide(bytes64(v.input)).hex() == v.output);
  }
}

TEST_CASE("Scalars: canonical decoding rejects s >= L; arithmetic mod L", "[verify]") {
  CHECK(code_of([] { Scalar::decode(bytes32(kOrderHex)); }) == Errc::parse);
  CHECK(code_of([] { Scalar::decode(bytes32(std::string(64, 'f'))); }) == Errc::parse);
  CHECK(code_of([] { Scalar::decode(std::vector<unsigned char>(33, 0)); }) == Errc::parse);
  const Scalar minus_one = Scalar::decode(bytes32(kOrderMinusOneHex));
  CHECK(minus_one == -Scalar::from_u64(1));
  CHECK((minus_one + Scalar::from_u64(1)).is_zero());
  CHECK(Scalar::from_u64(6) * Scalar::from_u64(7) == Scalar::from_u64(42));
  CHECK(Scalar::from_u64(5) - Scalar::from_u64(7) == -Scalar::from_u64(2));
  const Scalar r = Scalar::random();
  CHECK(r * r.inverse() == Scalar::from_u64(1));
  CHECK(code_of([] { (void)Scalar().inverse(); }) == Errc::invalid_argument);
  CHECK(Scalar::decode(r.bytes()) == r);
  // A 64-byte input is reduced mod L: L itself (zero-extended) reduces to 0, L+5 to 5.
  Bytes64 wide{};
  const Bytes32 order = bytes32(kOrderHex);
  std::memcpy(wide.data(), order.data(), 32);
  CHECK(Scalar::from_wide(wide).is_zero());
  wide[0] += 5;
  CHECK(Scalar::from_wide(wide) == Scalar::from_u64(5));
}

TEST_CASE("SecretScalar: guarded, movable, revealed only on request", "[verify]") {
  SecretScalar a = SecretScalar::random();
  const Scalar value = a.reveal();
  SecretScalar b = std::move(a);
  CHECK(b.reveal() == value);
  CHECK_THROWS_AS(a.reveal(), Error);  // NOLINT: moved-from use is the point of the check
  SecretScalar c(Scalar::from_u64(3));
  c = std::move(b);
  CHECK(c.reveal() == value);
  CHECK(Point::base_mul(c) == Point::base_mul(value));
  const SecretScalar parts[] = {SecretScalar(Scalar::from_u64(2)), SecretScalar(Scalar::from_u64(40))};
  CHECK(sum_secrets(parts).reveal() == Scalar::from_u64(42));
}

TEST_CASE("Hs follows the documented byte layout (recomputed with plain libsodium)", "[verify]") {
  const Bytes32 parent = Transcript({}, Tag::parameters).text("parent").h32();
  const Bytes64 ours = Transcript(parent, Tag::range_proof).text("ab").u64(258).point(Point::generator()).wide();

  std::vector<unsigned char> message = {0x24, 2, 0, 0, 0, 'a', 'b', 8, 0, 0, 0, 2, 1, 0, 0, 0, 0, 0, 0, 32, 0, 0, 0};
  const Bytes32 b = Point::generator().bytes();
  message.insert(message.end(), b.begin(), b.end());
  unsigned char personal[16] = {'m', 'i', 'n', 'g', 'a', '.', 'v', 'e', 'r', 'i', 'f', 'y', '.', 'v', '1', 0};
  unsigned char salt[16] = {};
  Bytes64 expected{};
  REQUIRE(crypto_generichash_blake2b_salt_personal(expected.data(), 64, message.data(), message.size(), parent.data(),
                                                   32, salt, personal) == 0);
  CHECK(ours == expected);

  Transcript t(parent, Tag::range_proof);
  t.text("ab");
  CHECK(std::memcmp(t.h32().data(), t.wide().data(), 32) == 0);
  CHECK(t.hq() == Scalar::from_wide(t.wide()));
  CHECK(t.hq_secret().reveal() == t.hq());
}

TEST_CASE("Hs separates fields, tags and parents", "[verify]") {
  const Bytes32 p1 = parameter_hash(5, 3);
  const Bytes32 p2 = parameter_hash(5, 2);
  CHECK(p1 != p2);
  CHECK(Transcript(p1, Tag::election).text("ab").text("c").wide() !=
        Transcript(p1, Tag::election).text("a").text("bc").wide());
  CHECK(Transcript(p1, Tag::election).text("abc").wide() != Transcript(p1, Tag::manifest).text("abc").wide());
  CHECK(Transcript(p1, Tag::election).text("abc").wide() != Transcript(p2, Tag::election).text("abc").wide());
  CHECK(Transcript({}, Tag::election).text("abc").wide() != Transcript(p1, Tag::election).text("abc").wide());
  CHECK(Transcript(p1, Tag::election).u64(1).wide() != Transcript(p1, Tag::election).u64(256).wide());
  CHECK(code_of([] { Transcript(std::vector<unsigned char>(8, 1), Tag::election); }) == Errc::internal);
  const Point h = hash_to_point("minga generator H");
  CHECK(!h.is_identity());
  CHECK(h == hash_to_point("minga generator H"));
  CHECK(h != hash_to_point("minga generator G"));
}

TEST_CASE("Hex helpers name the field on bad input", "[verify]") {
  CHECK(hex_encode(hex_decode("00ff10", 3, "x")) == "00ff10");
  try {
    hex_decode("00zz10", 3, "receipt.code");
    FAIL("bad hex accepted");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::parse);
    CHECK(e.where().field == "receipt.code");
  }
  CHECK(code_of([] { hex_decode("00ff", 3, "x"); }) == Errc::parse);
}

TEST_CASE("Decoding random bytes never crashes and accepts exactly the canonical encodings", "[verify]") {
  int points_accepted = 0;
  for (int i = 0; i < 2000; ++i) {
    Bytes32 raw{};
    randombytes_buf(raw.data(), raw.size());
    try {
      const Point p = Point::decode(raw, "fuzz", Point::Identity::allow);
      ++points_accepted;
      CHECK(p.bytes() == raw);
      CHECK(crypto_core_ristretto255_is_valid_point(raw.data()) == 1);
    } catch (const Error& e) {
      CHECK(e.code() == Errc::parse);
    }
    // A scalar is canonical iff it is below L = 2^252 + (a 125-bit number): top byte below 0x10
    // always, above 0x10 never (0x10 itself needs the full comparison, checked with L and L - 1 above).
    if (raw[31] == 0x10) continue;
    const bool below = raw[31] < 0x10;
    CHECK(code_of([&] { Scalar::decode(raw); }) == (below ? Errc::ok : Errc::parse));
  }
  // Roughly one random string in 16 is a valid encoding (sign and square-root conditions).
  CHECK(points_accepted > 30);
  CHECK(points_accepted < 400);
}
