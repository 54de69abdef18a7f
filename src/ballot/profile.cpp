// SPDX-License-Identifier: Apache-2.0
// src/ballot/profile.cpp - the compressed, mergeable multiset of ballots.
//
// Canonical encoding of one ballot (LEB128 varints; docs/formats.md):
//   approval   a0, a1-a0-1, a2-a1-1, ...                 (sorted, strictly increasing)
//   ranked     per rank: k, then k mark codes sorted     (code 0 = overvote token,
//              1 = undeclared write-in, c+2 = candidate c; trailing empty ranks dropped)
//   score      per alternative (sorted): delta as approval, zigzag(numerator), denominator
//   quadratic  per option (sorted): delta as approval, zigzag(votes)
#include "minga/ballot/profile.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

#include "minga/core/error.hpp"

namespace minga {

namespace {

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

std::uint64_t get_varint(const char*& p, const char* end) {
  std::uint64_t v = 0;
  for (int shift = 0; p < end && shift < 64; shift += 7) {
    auto byte = static_cast<unsigned char>(*p++);
    v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if (!(byte & 0x80)) return v;
  }
  throw Error(Errc::parse, "corrupt encoded ballot");
}

std::uint64_t zigzag(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
std::int64_t unzigzag(std::uint64_t v) { return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1); }

std::uint64_t hash_bytes(std::string_view key, StratumId stratum) {
  // A small multiply-xorshift hash; quality is enough for a table with stored hashes.
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ (key.size() * 0xC2B2AE3D27D4EB4Full) ^ stratum;
  const char* p = key.data();
  std::size_t n = key.size();
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
    p += 8;
    n -= 8;
  }
  std::uint64_t w = 0;
  std::memcpy(&w, p, n);
  h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 29;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 32;
  return h;
}

const char* kind_word(BallotKind k) { return ballot_kind_name(k); }

[[noreturn]] void bad_argument(const std::string& reason) { throw Error(Errc::invalid_argument, reason); }

void encode_sorted_indices(std::string& out, const std::vector<AlternativeIndex>& sorted) {
  std::uint64_t prev = 0;
  bool first = true;
  for (AlternativeIndex a : sorted) {
    put_varint(out, first ? a : a - prev - 1);
    prev = a;
    first = false;
  }
}

std::int64_t checked_int64(const Integer& v, const char* what) {
  if (v > std::numeric_limits<std::int64_t>::max() || v < -std::numeric_limits<std::int64_t>::max())
    throw Error(Errc::limit, std::string(what) + " does not fit in 63 bits");
  return v.convert_to<std::int64_t>();
}

// Reads the delta-coded, strictly increasing indices of approval, score and quadratic keys.
class IndexDecoder {
 public:
  explicit IndexDecoder(std::uint32_t num_alternatives) : n_(num_alternatives) {}
  AlternativeIndex next(const char*& p, const char* end) {
    std::uint64_t d = get_varint(p, end);
    std::uint64_t a = first_ ? d : prev_ + d + 1;
    if (a >= n_) throw Error(Errc::parse, "corrupt encoded ballot (index out of range)");
    prev_ = a;
    first_ = false;
    return static_cast<AlternativeIndex>(a);
  }

 private:
  std::uint32_t n_;
  std::uint64_t prev_ = 0;
  bool first_ = true;
};

}  // namespace

Profile::Profile(BallotKind kind, std::uint32_t num_alternatives)
    : kind_(kind), num_alternatives_(num_alternatives) {
  intern_stratum(Stratum{});
  if (num_alternatives > Mark::max_candidate) bad_argument("too many alternatives");
}

StratumId Profile::intern_stratum(const Stratum& stratum) {
  std::string key(1, static_cast<char>(stratum.channel));
  key += stratum.district;
  auto [it, added] = stratum_index_.try_emplace(std::move(key), static_cast<StratumId>(strata_.size()));
  if (added) strata_.push_back(stratum);
  return it->second;
}

void Profile::copy_strata_from(const Profile& other) {
  strata_ = other.strata_;
  stratum_index_ = other.stratum_index_;
}

void Profile::check_stratum(StratumId stratum) const {
  if (stratum >= strata_.size()) bad_argument("stratum id " + std::to_string(stratum) + " was never interned");
}

// ---- adding -------------------------------------------------------------------

void Profile::add_approval(std::span<const AlternativeIndex> approved, std::uint64_t count, StratumId stratum) {
  encode_approval(approved);
  add_key(scratch_, count, stratum);
}

void Profile::encode_approval(std::span<const AlternativeIndex> approved) {
  if (kind_ != BallotKind::approval) bad_argument(std::string("approval ballot added to a ") + kind_word(kind_) + " profile");
  std::vector<AlternativeIndex>& sorted = sort_buffer_;
  sorted.assign(approved.begin(), approved.end());
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (sorted[i] >= num_alternatives_) bad_argument("alternative index " + std::to_string(sorted[i]) + " out of range");
    if (i > 0 && sorted[i] == sorted[i - 1]) bad_argument("alternative index " + std::to_string(sorted[i]) + " approved twice");
  }
  scratch_.clear();
  encode_sorted_indices(scratch_, sorted);
}

void Profile::add_ranking(const Ranking& ranking, std::uint64_t count, StratumId stratum) {
  encode_ranking(ranking);
  add_key(scratch_, count, stratum);
}

void Profile::encode_ranking(const Ranking& ranking) {
  if (kind_ != BallotKind::ranked) bad_argument(std::string("ranked ballot added to a ") + kind_word(kind_) + " profile");
  if (ranking.position_begin.empty() || ranking.position_begin.front() != 0 ||
      ranking.position_begin.back() != ranking.marks.size())
    bad_argument("malformed Ranking (position_begin does not cover marks)");
  std::size_t positions = ranking.num_positions();
  while (positions > 0 && ranking.position_begin[positions] == ranking.position_begin[positions - 1]) --positions;
  scratch_.clear();
  std::vector<std::uint32_t> codes;
  for (std::size_t k = 0; k < positions; ++k) {
    std::uint32_t b = ranking.position_begin[k], e = ranking.position_begin[k + 1];
    if (e < b) bad_argument("malformed Ranking (positions out of order)");
    codes.clear();
    for (std::uint32_t i = b; i < e; ++i) {
      std::uint32_t m = ranking.marks[i];
      if (m == Mark::overvote) codes.push_back(0);
      else if (m == Mark::write_in) codes.push_back(1);
      else if (m < num_alternatives_) codes.push_back(m + 2);
      else bad_argument("candidate index " + std::to_string(m) + " out of range");
    }
    std::sort(codes.begin(), codes.end());
    if (std::adjacent_find(codes.begin(), codes.end(), [](auto x, auto y) { return x == y && x >= 2; }) != codes.end())
      bad_argument("a candidate is marked twice at rank " + std::to_string(k + 1));
    put_varint(scratch_, codes.size());
    for (auto c : codes) put_varint(scratch_, c);
  }
}

void Profile::add_scores(std::span<const Score> scores, std::uint64_t count, StratumId stratum) {
  encode_scores(scores);
  add_key(scratch_, count, stratum);
}

void Profile::encode_scores(std::span<const Score> scores) {
  if (kind_ != BallotKind::score) bad_argument(std::string("score ballot added to a ") + kind_word(kind_) + " profile");
  std::vector<const Score*> sorted;
  sorted.reserve(scores.size());
  for (const Score& s : scores) sorted.push_back(&s);
  std::sort(sorted.begin(), sorted.end(), [](auto a, auto b) { return a->alternative < b->alternative; });
  scratch_.clear();
  std::uint64_t prev = 0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    AlternativeIndex a = sorted[i]->alternative;
    if (a >= num_alternatives_) bad_argument("alternative index " + std::to_string(a) + " out of range");
    if (i > 0 && a == prev) bad_argument("alternative index " + std::to_string(a) + " scored twice");
    put_varint(scratch_, i == 0 ? a : a - prev - 1);
    prev = a;
    put_varint(scratch_, zigzag(checked_int64(numerator(sorted[i]->points), "score numerator")));
    put_varint(scratch_, static_cast<std::uint64_t>(checked_int64(denominator(sorted[i]->points), "score denominator")));
  }
}

void Profile::add_quadratic(std::span<const QuadraticVote> votes, std::uint64_t count, StratumId stratum) {
  encode_quadratic(votes);
  add_key(scratch_, count, stratum);
}

void Profile::encode_quadratic(std::span<const QuadraticVote> votes) {
  if (kind_ != BallotKind::quadratic) bad_argument(std::string("quadratic ballot added to a ") + kind_word(kind_) + " profile");
  std::vector<QuadraticVote> sorted(votes.begin(), votes.end());
  std::sort(sorted.begin(), sorted.end(), [](auto& a, auto& b) { return a.alternative < b.alternative; });
  scratch_.clear();
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    AlternativeIndex a = sorted[i].alternative;
    if (a >= num_alternatives_) bad_argument("option index " + std::to_string(a) + " out of range");
    if (i > 0 && a == sorted[i - 1].alternative) bad_argument("option index " + std::to_string(a) + " voted twice");
    if (sorted[i].votes == std::numeric_limits<std::int64_t>::min()) throw Error(Errc::limit, "votes out of range");
    put_varint(scratch_, i == 0 ? a : a - sorted[i - 1].alternative - 1);
    put_varint(scratch_, zigzag(sorted[i].votes));
  }
}

void Profile::add_encoded(std::string_view key, std::uint64_t count, StratumId stratum) {
  // Accept only canonical keys: decode, re-encode, compare.
  switch (kind_) {
    case BallotKind::approval: {
      std::vector<AlternativeIndex> v;
      decode_approval(key, v);
      encode_approval(v);
      break;
    }
    case BallotKind::ranked: {
      Ranking r;
      decode_ranking(key, r);
      encode_ranking(r);
      break;
    }
    case BallotKind::score: {
      std::vector<Score> v;
      decode_scores(key, v);
      encode_scores(v);
      break;
    }
    case BallotKind::quadratic: {
      std::vector<QuadraticVote> v;
      decode_quadratic(key, v);
      encode_quadratic(v);
      break;
    }
  }
  if (scratch_ != key) throw Error(Errc::parse, "encoded ballot is not canonical");
  add_key(key, count, stratum);
}

void Profile::grow_table() {
  std::size_t size = table_.empty() ? 64 : table_.size() * 2;
  table_.assign(size, 0);
  const std::size_t mask = size - 1;
  for (std::size_t e = 0; e < counts_.size(); ++e) {
    std::size_t slot = hashes_[e] & mask;
    while (table_[slot] != 0) slot = (slot + 1) & mask;
    table_[slot] = static_cast<std::uint32_t>(e + 1);
  }
}

void Profile::add_key(std::string_view key, std::uint64_t count, StratumId stratum) {
  check_stratum(stratum);
  if (count == 0) return;  // a ballot counted zero times says nothing
  if (total_ > std::numeric_limits<std::uint64_t>::max() - count) throw Error(Errc::limit, "more than 2^64 ballots");
  if ((counts_.size() + 1) * 2 > table_.size()) grow_table();
  const auto h = static_cast<std::uint32_t>(hash_bytes(key, stratum));
  const std::size_t mask = table_.size() - 1;
  std::size_t slot = h & mask;
  while (std::uint32_t e1 = table_[slot]) {
    std::size_t e = e1 - 1;
    if (hashes_[e] == h && entry_strata_[e] == stratum && encoded(e) == key) {
      counts_[e] += count;
      total_ += count;
      return;
    }
    slot = (slot + 1) & mask;
  }
  if (arena_.size() + key.size() > std::numeric_limits<std::uint32_t>::max())
    throw Error(Errc::limit, "profile larger than 4 GiB of distinct ballots");
  if (counts_.size() >= std::numeric_limits<std::uint32_t>::max() - 1) throw Error(Errc::limit, "too many distinct ballots");
  arena_.append(key);
  key_end_.push_back(static_cast<std::uint32_t>(arena_.size()));
  counts_.push_back(count);
  entry_strata_.push_back(stratum);
  hashes_.push_back(h);
  table_[slot] = static_cast<std::uint32_t>(counts_.size());
  total_ += count;
}

// ---- reading ------------------------------------------------------------------

std::string_view Profile::encoded(std::size_t entry) const {
  std::uint32_t b = entry == 0 ? 0 : key_end_[entry - 1];
  return std::string_view(arena_).substr(b, key_end_[entry] - b);
}

void Profile::approval(std::size_t entry, std::vector<AlternativeIndex>& out) const { decode_approval(encoded(entry), out); }

void Profile::decode_approval(std::string_view key, std::vector<AlternativeIndex>& out) const {
  if (kind_ != BallotKind::approval) bad_argument("not an approval profile");
  out.clear();
  const char *p = key.data(), *end = p + key.size();
  IndexDecoder indices(num_alternatives_);
  while (p < end) {
    AlternativeIndex a = indices.next(p, end);
    out.push_back(a);
  }
}

void Profile::ranking(std::size_t entry, Ranking& out) const { decode_ranking(encoded(entry), out); }

void Profile::decode_ranking(std::string_view key, Ranking& out) const {
  if (kind_ != BallotKind::ranked) bad_argument("not a ranked profile");
  out.clear();
  const char *p = key.data(), *end = p + key.size();
  while (p < end) {
    std::uint64_t k = get_varint(p, end);
    if (k > static_cast<std::uint64_t>(end - p)) throw Error(Errc::parse, "corrupt encoded ballot (rank size)");
    for (std::uint64_t i = 0; i < k; ++i) {
      std::uint64_t c = get_varint(p, end);
      std::uint32_t m;
      if (c == 0) m = Mark::overvote;
      else if (c == 1) m = Mark::write_in;
      else if (c - 2 < num_alternatives_) m = static_cast<std::uint32_t>(c - 2);
      else throw Error(Errc::parse, "corrupt encoded ballot (candidate out of range)");
      out.marks.push_back(m);
    }
    out.position_begin.push_back(static_cast<std::uint32_t>(out.marks.size()));
  }
}

void Profile::scores(std::size_t entry, std::vector<Score>& out) const { decode_scores(encoded(entry), out); }

void Profile::decode_scores(std::string_view key, std::vector<Score>& out) const {
  if (kind_ != BallotKind::score) bad_argument("not a score profile");
  out.clear();
  const char *p = key.data(), *end = p + key.size();
  IndexDecoder indices(num_alternatives_);
  while (p < end) {
    AlternativeIndex a = indices.next(p, end);
    std::int64_t num = unzigzag(get_varint(p, end));
    std::uint64_t den = get_varint(p, end);
    if (den == 0) throw Error(Errc::parse, "corrupt encoded ballot (zero denominator)");
    out.push_back(Score{a, Rational(Integer(num), Integer(den))});
  }
}

void Profile::quadratic(std::size_t entry, std::vector<QuadraticVote>& out) const { decode_quadratic(encoded(entry), out); }

void Profile::decode_quadratic(std::string_view key, std::vector<QuadraticVote>& out) const {
  if (kind_ != BallotKind::quadratic) bad_argument("not a quadratic profile");
  out.clear();
  const char *p = key.data(), *end = p + key.size();
  IndexDecoder indices(num_alternatives_);
  while (p < end) {
    AlternativeIndex a = indices.next(p, end);
    out.push_back(QuadraticVote{a, unzigzag(get_varint(p, end))});
  }
}

// ---- combining ----------------------------------------------------------------

void Profile::merge(const Profile& other) {
  if (other.kind_ != kind_ || other.num_alternatives_ != num_alternatives_)
    throw Error(Errc::mismatch, std::string("cannot merge a ") + kind_word(other.kind_) + " profile over " +
                                    std::to_string(other.num_alternatives_) + " alternatives into a " + kind_word(kind_) +
                                    " profile over " + std::to_string(num_alternatives_));
  if (&other == this) {
    if (total_ > std::numeric_limits<std::uint64_t>::max() / 2) throw Error(Errc::limit, "more than 2^64 ballots");
    for (auto& c : counts_) c *= 2;
    total_ *= 2;
    return;
  }
  // Merge into a copy so that a failure (a count overflow) leaves *this unchanged.
  Profile merged = *this;
  std::vector<StratumId> map(other.strata_.size());
  for (std::size_t s = 0; s < other.strata_.size(); ++s) map[s] = merged.intern_stratum(other.strata_[s]);
  for (std::size_t e = 0; e < other.num_entries(); ++e)
    merged.add_key(other.encoded(e), other.counts_[e], map[other.entry_strata_[e]]);
  *this = std::move(merged);
}

Profile Profile::remapped(std::span<const AlternativeIndex> new_index, std::uint32_t new_num_alternatives) const {
  if (new_index.size() != num_alternatives_) bad_argument("remapping table has the wrong size");
  Profile out(kind_, new_num_alternatives);
  out.copy_strata_from(*this);
  std::vector<AlternativeIndex> ids;
  Ranking ranking;
  std::vector<Score> scores_buf;
  std::vector<QuadraticVote> votes;
  for (std::size_t e = 0; e < num_entries(); ++e) {
    switch (kind_) {
      case BallotKind::approval:
        approval(e, ids);
        for (auto& a : ids) a = new_index[a];
        out.add_approval(ids, counts_[e], entry_strata_[e]);
        break;
      case BallotKind::ranked:
        this->ranking(e, ranking);
        for (auto& m : ranking.marks)
          if (m < num_alternatives_) m = new_index[m];
        out.add_ranking(ranking, counts_[e], entry_strata_[e]);
        break;
      case BallotKind::score:
        this->scores(e, scores_buf);
        for (auto& s : scores_buf) s.alternative = new_index[s.alternative];
        out.add_scores(scores_buf, counts_[e], entry_strata_[e]);
        break;
      case BallotKind::quadratic:
        quadratic(e, votes);
        for (auto& v : votes) v.alternative = new_index[v.alternative];
        out.add_quadratic(votes, counts_[e], entry_strata_[e]);
        break;
    }
  }
  return out;
}

Profile Profile::collapsed() const {
  Profile out(kind_, num_alternatives_);
  out.reserve(num_entries(), arena_.size());
  for (std::size_t e = 0; e < num_entries(); ++e) out.add_key(encoded(e), counts_[e], 0);
  return out;
}

Profile Profile::filtered(const std::function<bool(const Stratum&)>& keep) const {
  Profile out(kind_, num_alternatives_);
  out.copy_strata_from(*this);
  for (std::size_t e = 0; e < num_entries(); ++e)
    if (keep(strata_[entry_strata_[e]])) out.add_key(encoded(e), counts_[e], entry_strata_[e]);
  return out;
}

std::vector<std::uint64_t> Profile::ballots_per_stratum() const {
  std::vector<std::uint64_t> per(strata_.size(), 0);
  for (std::size_t e = 0; e < num_entries(); ++e) per[entry_strata_[e]] += counts_[e];
  return per;
}

bool Profile::same_ballots(const Profile& other) const {
  if (kind_ != other.kind_ || num_alternatives_ != other.num_alternatives_ || total_ != other.total_ ||
      num_entries() != other.num_entries())
    return false;
  // Map our strata onto other's; an unknown stratum with ballots means a difference.
  std::vector<std::int64_t> map(strata_.size(), -1);
  for (std::size_t s = 0; s < strata_.size(); ++s)
    for (std::size_t t = 0; t < other.strata_.size(); ++t)
      if (strata_[s] == other.strata_[t]) map[s] = static_cast<std::int64_t>(t);
  for (std::size_t e = 0; e < num_entries(); ++e) {
    std::int64_t t = map[entry_strata_[e]];
    if (t < 0) return false;
    auto key = encoded(e);
    auto sid = static_cast<StratumId>(t);
    const auto h = static_cast<std::uint32_t>(hash_bytes(key, sid));
    const std::size_t mask = other.table_.size() - 1;
    bool found = false;
    for (std::size_t slot = h & mask; other.table_[slot] != 0; slot = (slot + 1) & mask) {
      std::size_t f = other.table_[slot] - 1;
      if (other.hashes_[f] == h && other.entry_strata_[f] == sid && other.encoded(f) == key) {
        if (other.counts_[f] != counts_[e]) return false;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

std::size_t Profile::memory_bytes() const noexcept {
  std::size_t bytes = arena_.capacity() + key_end_.capacity() * sizeof(std::uint32_t) +
                      counts_.capacity() * sizeof(std::uint64_t) + entry_strata_.capacity() * sizeof(StratumId) +
                      table_.capacity() * sizeof(std::uint32_t) + hashes_.capacity() * sizeof(std::uint32_t) +
                      scratch_.capacity() + strata_.capacity() * sizeof(Stratum);
  for (const auto& s : strata_) bytes += 2 * s.district.capacity();
  bytes += stratum_index_.bucket_count() * sizeof(void*) + stratum_index_.size() * (sizeof(std::string) + 2 * sizeof(void*) + sizeof(StratumId));
  return bytes;
}

void Profile::reserve(std::size_t entries, std::size_t key_bytes) {
  arena_.reserve(key_bytes);
  key_end_.reserve(entries);
  counts_.reserve(entries);
  entry_strata_.reserve(entries);
  hashes_.reserve(entries);
}

}  // namespace minga
