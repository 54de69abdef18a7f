// SPDX-License-Identifier: Apache-2.0
// src/io/binary.cpp - the compact, checksummed form of an Election (docs/formats.md).
//
//   "MNGB" | version (1 byte, = 1) | body | BLAKE2b-256(everything before)
//
// The body is a sequence of varints and strings (varint length + UTF-8 bytes):
//   kind(byte) title source_format  meta: n, (key value)*
//   alternatives: n, (id name flags(byte: 1 cost, 2 withdrawn) [cost] attrs: n, (key value)*)*
//   rules: presence bitmask (varint), then each present value in declaration order
//   budget: flag byte [number]   seats: flag byte [varint]   notes: n, string*
//   strata: n, (channel(byte) district)*   entries: n, (count stratum key-length key-bytes)*
// Numbers are written as their exact text (to_exact_string). Ballot keys are the
// Profile's canonical encoding; every key is checked to be canonical on reading.
#include <sodium.h>

#include <array>
#include <istream>
#include <iterator>
#include <ostream>

#include "minga/io/format.hpp"

namespace minga {

namespace {

constexpr char kMagic[4] = {'M', 'N', 'G', 'B'};
constexpr unsigned char kVersion = 1;
constexpr std::size_t kHashBytes = 32;

class Writer {
 public:
  void byte(unsigned char b) { out_.push_back(static_cast<char>(b)); }
  void varint(std::uint64_t v) {
    while (v >= 0x80) {
      byte(static_cast<unsigned char>((v & 0x7F) | 0x80));
      v >>= 7;
    }
    byte(static_cast<unsigned char>(v));
  }
  void text(std::string_view s) {
    varint(s.size());
    out_.append(s);
  }
  void number(const Rational& r) { text(to_exact_string(r)); }
  void pairs(const KeyValues& kv) {
    varint(kv.size());
    for (const auto& [k, v] : kv) {
      text(k);
      text(v);
    }
  }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  Reader(std::string_view data, const std::string& name) : p_(data.data()), end_(data.data() + data.size()), name_(name) {}

  [[noreturn]] void fail(const std::string& field, const std::string& reason) const {
    throw_parse_error(Location{name_, 0, field}, reason);
  }
  unsigned char byte(const char* field) {
    if (p_ >= end_) fail(field, "truncated");
    return static_cast<unsigned char>(*p_++);
  }
  std::uint64_t varint(const char* field) {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      unsigned char b = byte(field);
      v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
    fail(field, "varint too long");
  }
  std::string text(const char* field) {
    std::uint64_t n = varint(field);
    if (n > static_cast<std::uint64_t>(end_ - p_)) fail(field, "string runs past the end");
    std::string s(p_, n);
    p_ += n;
    return s;
  }
  std::string_view bytes(std::uint64_t n, const char* field) {
    if (n > static_cast<std::uint64_t>(end_ - p_)) fail(field, "runs past the end");
    std::string_view s(p_, n);
    p_ += n;
    return s;
  }
  Rational number(const char* field) {
    std::string t = text(field);
    try {
      return parse_decimal(t, field);
    } catch (const Error& e) {
      fail(field, e.reason());
    }
  }
  /// A count of items that each take at least `min_bytes`: refuses absurd counts early.
  std::uint64_t items(const char* field, std::uint64_t min_bytes = 1) {
    std::uint64_t n = varint(field);
    if (n > static_cast<std::uint64_t>(end_ - p_) / min_bytes) fail(field, "count larger than the data");
    return n;
  }
  KeyValues pairs(const char* field) {
    KeyValues kv;
    std::uint64_t n = items(field, 2);
    for (std::uint64_t i = 0; i < n; ++i) {
      std::string k = text(field);
      kv.emplace_back(std::move(k), text(field));
    }
    return kv;
  }
  bool done() const { return p_ == end_; }

 private:
  const char* p_;
  const char* end_;
  const std::string& name_;
};

// Bits of the rules bitmask, in the order the values follow it.
constexpr unsigned kMinLength = 1, kMaxLength = 2, kMinTotalCost = 4, kMaxTotalCost = 8, kMinPoints = 16,
                   kMaxPoints = 32, kMinTotalPoints = 64, kMaxTotalPoints = 128, kCredits = 256;

}  // namespace

void write_binary(const Election& e, std::ostream& out) {
  Writer w;
  for (char c : kMagic) w.byte(static_cast<unsigned char>(c));
  w.byte(kVersion);
  w.byte(static_cast<unsigned char>(e.kind()));
  w.text(e.title);
  w.text(e.source_format);
  w.pairs(e.meta);
  w.varint(e.alternatives.size());
  for (const auto& a : e.alternatives) {
    w.text(a.id);
    w.text(a.name);
    w.byte(static_cast<unsigned char>((a.cost ? 1 : 0) | (a.withdrawn ? 2 : 0)));
    if (a.cost) w.number(*a.cost);
    w.pairs(a.attributes);
  }
  const BallotRules& r = e.rules;
  unsigned bits = (r.min_length ? kMinLength : 0u) | (r.max_length ? kMaxLength : 0u) |
                  (r.min_total_cost ? kMinTotalCost : 0u) | (r.max_total_cost ? kMaxTotalCost : 0u) |
                  (r.min_points ? kMinPoints : 0u) | (r.max_points ? kMaxPoints : 0u) |
                  (r.min_total_points ? kMinTotalPoints : 0u) | (r.max_total_points ? kMaxTotalPoints : 0u) |
                  (r.credits ? kCredits : 0u);
  w.varint(bits);
  if (r.min_length) w.varint(*r.min_length);
  if (r.max_length) w.varint(*r.max_length);
  if (r.min_total_cost) w.number(*r.min_total_cost);
  if (r.max_total_cost) w.number(*r.max_total_cost);
  if (r.min_points) w.number(*r.min_points);
  if (r.max_points) w.number(*r.max_points);
  if (r.min_total_points) w.number(*r.min_total_points);
  if (r.max_total_points) w.number(*r.max_total_points);
  if (r.credits) w.text(r.credits->str());
  w.byte(e.budget ? 1 : 0);
  if (e.budget) w.number(*e.budget);
  w.byte(e.seats ? 1 : 0);
  if (e.seats) w.varint(*e.seats);
  w.varint(e.notes.size());
  for (const auto& n : e.notes) w.text(n);
  const auto& strata = e.profile.strata();
  w.varint(strata.size());
  for (const auto& s : strata) {
    w.byte(static_cast<unsigned char>(s.channel));
    w.text(s.district);
  }
  const Profile& p = e.profile;
  w.varint(p.num_entries());
  for (std::size_t i = 0; i < p.num_entries(); ++i) {
    w.varint(p.count(i));
    w.varint(p.stratum_of(i));
    auto key = p.encoded(i);
    w.varint(key.size());
    w.bytes().append(key);
  }
  std::array<unsigned char, kHashBytes> hash{};
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(w.bytes().data()), w.bytes().size(),
                     nullptr, 0);
  w.bytes().append(reinterpret_cast<const char*>(hash.data()), hash.size());
  out.write(w.bytes().data(), static_cast<std::streamsize>(w.bytes().size()));
}

Election read_binary(std::istream& in, const std::string& name) {
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw Error(Errc::io, Location{name, 0, {}}, "read error");
  if (data.size() < sizeof kMagic + 1 + kHashBytes || data.compare(0, 4, kMagic, 4) != 0)
    throw_parse_error(Location{name, 0, "magic"}, "not a minga binary election (expected \"MNGB\")");
  if (static_cast<unsigned char>(data[4]) != kVersion)
    throw Error(Errc::unsupported, Location{name, 0, "version"},
                "binary version " + std::to_string(static_cast<unsigned char>(data[4])) + " (this minga reads 1)");
  std::array<unsigned char, kHashBytes> hash{};
  const std::size_t body_end = data.size() - kHashBytes;
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(data.data()), body_end, nullptr, 0);
  if (sodium_memcmp(hash.data(), data.data() + body_end, kHashBytes) != 0)
    throw_parse_error(Location{name, 0, "checksum"}, "checksum mismatch: the file is corrupt or truncated");

  Reader r(std::string_view(data).substr(5, body_end - 5), name);
  unsigned char kind_byte = r.byte("kind");
  if (kind_byte > static_cast<unsigned char>(BallotKind::quadratic)) r.fail("kind", "unknown ballot kind");
  auto kind = static_cast<BallotKind>(kind_byte);
  std::string title = r.text("title");
  std::string source = r.text("source_format");
  KeyValues meta = r.pairs("meta");
  std::uint64_t n_alts = r.items("alternatives", 4);
  std::vector<Alternative> alts;
  alts.reserve(n_alts);
  for (std::uint64_t i = 0; i < n_alts; ++i) {
    Alternative a;
    a.id = r.text("alternatives.id");
    a.name = r.text("alternatives.name");
    unsigned char flags = r.byte("alternatives.flags");
    if (flags & ~3u) r.fail("alternatives.flags", "unknown flags");
    if (flags & 1) a.cost = r.number("alternatives.cost");
    a.withdrawn = flags & 2;
    a.attributes = r.pairs("alternatives.attributes");
    alts.push_back(std::move(a));
  }
  Election e(kind, std::move(alts));
  for (std::size_t i = 0; i < e.alternatives.size(); ++i)
    if (*e.find(e.alternatives[i].id) != i) r.fail("alternatives.id", "duplicate id '" + e.alternatives[i].id + "'");
  e.title = std::move(title);
  e.source_format = std::move(source);
  e.meta = std::move(meta);
  std::uint64_t bits = r.varint("rules");
  if (bits & ~0x1FFull) r.fail("rules", "unknown rule bits");
  auto small = [&](const char* f) {
    std::uint64_t v = r.varint(f);
    if (v > UINT32_MAX) r.fail(f, "value too large");
    return static_cast<std::uint32_t>(v);
  };
  BallotRules& rules = e.rules;
  if (bits & kMinLength) rules.min_length = small("rules.min_length");
  if (bits & kMaxLength) rules.max_length = small("rules.max_length");
  if (bits & kMinTotalCost) rules.min_total_cost = r.number("rules.min_total_cost");
  if (bits & kMaxTotalCost) rules.max_total_cost = r.number("rules.max_total_cost");
  if (bits & kMinPoints) rules.min_points = r.number("rules.min_points");
  if (bits & kMaxPoints) rules.max_points = r.number("rules.max_points");
  if (bits & kMinTotalPoints) rules.min_total_points = r.number("rules.min_total_points");
  if (bits & kMaxTotalPoints) rules.max_total_points = r.number("rules.max_total_points");
  if (bits & kCredits) {
    Rational c = r.number("rules.credits");
    if (!is_integer(c) || c < 0) r.fail("rules.credits", "credits must be a non-negative integer");
    rules.credits = numerator(c);
  }
  if (r.byte("budget")) e.budget = r.number("budget");
  if (r.byte("seats")) e.seats = small("seats");
  std::uint64_t n_notes = r.items("notes");
  for (std::uint64_t i = 0; i < n_notes; ++i) e.notes.push_back(r.text("notes"));
  std::uint64_t n_strata = r.items("strata", 2);
  if (n_strata == 0) r.fail("strata", "stratum 0 is missing");
  std::vector<StratumId> strata;
  for (std::uint64_t i = 0; i < n_strata; ++i) {
    unsigned char c = r.byte("strata.channel");
    if (c > static_cast<unsigned char>(Channel::other)) r.fail("strata.channel", "unknown channel");
    Stratum s{static_cast<Channel>(c), r.text("strata.district")};
    strata.push_back(e.profile.intern_stratum(s));
  }
  std::uint64_t n_entries = r.items("entries", 3);
  e.profile.reserve(n_entries, 0);
  for (std::uint64_t i = 0; i < n_entries; ++i) {
    std::uint64_t count = r.varint("entries.count");
    std::uint64_t stratum = r.varint("entries.stratum");
    if (stratum >= strata.size()) r.fail("entries.stratum", "no such stratum");
    std::uint64_t len = r.varint("entries.key");
    std::string_view key = r.bytes(len, "entries.key");
    try {
      e.profile.add_encoded(key, count, strata[stratum]);
    } catch (const Error& err) {
      r.fail("entries[" + std::to_string(i) + "]", err.reason());
    }
  }
  if (!r.done()) r.fail("entries", "extra bytes after the last entry");
  return e;
}

}  // namespace minga
