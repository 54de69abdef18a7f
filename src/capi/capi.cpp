// SPDX-License-Identifier: Apache-2.0
// src/capi/capi.cpp - the C ABI (minga.h): converts arguments, calls the C++ core, turns exceptions into status codes.
//
// No decision logic lives here. Every entry point runs its body inside
// guarded(), the exception firewall: minga::Error becomes its own code and
// message, std::bad_alloc becomes MINGA_ENOMEM, anything else MINGA_EINTERNAL.
// Nothing thrown ever crosses into C.
#include <sodium.h>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <limits>
#include <mutex>
#include <new>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "capi/capi_internal.hpp"
#include "io/text.hpp"
#include "minga.h"
#include "minga/ballot/election.hpp"
#include "minga/ballot/summary.hpp"
#include "minga/core/error.hpp"
#include "minga/io/format.hpp"

// The C constants are the C++ ones; these keep them from drifting apart.
static_assert(MINGA_EINVAL == static_cast<int>(minga::Errc::invalid_argument));
static_assert(MINGA_EPARSE == static_cast<int>(minga::Errc::parse));
static_assert(MINGA_EIO == static_cast<int>(minga::Errc::io));
static_assert(MINGA_EUNSUPPORTED == static_cast<int>(minga::Errc::unsupported));
static_assert(MINGA_EMISMATCH == static_cast<int>(minga::Errc::mismatch));
static_assert(MINGA_ENOMEM == static_cast<int>(minga::Errc::out_of_memory));
static_assert(MINGA_ELIMIT == static_cast<int>(minga::Errc::limit));
static_assert(MINGA_EINTERNAL == static_cast<int>(minga::Errc::internal));
static_assert(MINGA_ETIE == static_cast<int>(minga::Errc::tie));
static_assert(MINGA_EVERIFY == static_cast<int>(minga::Errc::verification));
static_assert(MINGA_CHANNEL_UNSPECIFIED == static_cast<int>(minga::Channel::unspecified));
static_assert(MINGA_CHANNEL_ONLINE == static_cast<int>(minga::Channel::online));
static_assert(MINGA_CHANNEL_KIOSK == static_cast<int>(minga::Channel::kiosk));
static_assert(MINGA_CHANNEL_PAPER == static_cast<int>(minga::Channel::paper));
static_assert(MINGA_CHANNEL_SMS == static_cast<int>(minga::Channel::sms));
static_assert(MINGA_CHANNEL_OTHER == static_cast<int>(minga::Channel::other));
static_assert(MINGA_MARK_OVERVOTE == minga::Mark::overvote);
static_assert(MINGA_MARK_WRITE_IN == minga::Mark::write_in);
static_assert(std::is_same_v<minga::AlternativeIndex, std::uint32_t>);

namespace minga::capi {
thread_local LastError last_error;
}  // namespace minga::capi

namespace {

using minga::Errc;
using minga::Error;

// The thread's error state, the firewall and the argument helpers live in
// capi/capi_internal.hpp (shared with capi_<module>.cpp).
using minga::capi::copy_out;
using minga::capi::guarded;
using minga::capi::last_error;
using minga::capi::record_failure;
using minga::capi::require;

// ---- argument conversion -----------------------------------------------------

// Text crossing the boundary must be UTF-8 (writers refuse anything else).
void require_utf8(std::string_view text, const char* function, const std::string& parameter) {
  if (!minga::io::is_valid_utf8(text))
    throw Error(Errc::invalid_argument, std::string(function) + ": '" + parameter + "' is not valid UTF-8");
}

minga::Format format_argument(const char* format) {
  return format == nullptr ? minga::Format::auto_detect : minga::format_from_name(format);
}

int hand_over(minga::Election&& election, minga_election** out) {
  // Election::find() builds its id index lazily, even when called on a const
  // election (writers call it). Building it now keeps the functions that take
  // a const handle free of writes, as minga.h promises.
  if (!election.alternatives.empty()) (void)election.find(election.alternatives.front().id);
  *out = new minga_election{std::move(election)};
  return MINGA_OK;
}

minga::Election read_in_memory(std::string_view bytes, minga::Format format, const char* name) {
  minga::ReadOptions options;
  options.format = format;
  options.display_name = name;
  return minga::read_election_from_string(bytes, options);
}

// ---- bulk ballots ------------------------------------------------------------

// The per-ballot arrays every add function shares.
struct Batch {
  const char* function;
  std::size_t n_ballots;
  const std::size_t* offsets;  // n_ballots + 1 entries into the item arrays
  const std::uint64_t* counts;
  const std::uint8_t* channels;
  const char* const* districts;

  std::size_t first_item() const { return offsets[0]; }
  std::size_t end_item() const { return offsets[n_ballots]; }
  std::size_t begin(std::size_t b) const { return offsets[b]; }
  std::size_t size(std::size_t b) const { return offsets[b + 1] - offsets[b]; }
  std::uint64_t count(std::size_t b) const { return counts ? counts[b] : 1; }
};

// offsets[first] <= offsets[first + 1] <= ... <= offsets[last].
void require_non_decreasing(const std::size_t* offsets, std::size_t first, std::size_t last, const char* function,
                            const char* name) {
  for (std::size_t i = first; i < last; ++i)
    if (offsets[i + 1] < offsets[i])
      throw Error(Errc::invalid_argument, std::string(function) + ": " + name + "[" + std::to_string(i + 1) +
                                              "] = " + std::to_string(offsets[i + 1]) + " is below " + name + "[" +
                                              std::to_string(i) + "] = " + std::to_string(offsets[i]));
}

// Item arrays may be NULL only when no item is read from them.
void require_items(const void* items, std::size_t n_items, const char* function, const char* name) {
  if (n_items > 0) require(items, function, name);
}

Batch make_batch(const char* function, minga_election* election, std::size_t n_ballots, const std::size_t* offsets,
                 const char* offsets_name, const std::uint64_t* counts, const std::uint8_t* channels,
                 const char* const* districts) {
  require(election, function, "election");
  require(offsets, function, offsets_name);
  require_non_decreasing(offsets, 0, n_ballots, function, offsets_name);
  return Batch{function, n_ballots, offsets, counts, channels, districts};
}

// Maps each ballot's (channel, district) to a stratum of one profile,
// remembering the last one (batches usually come from one channel and district).
class StratumFinder {
 public:
  explicit StratumFinder(minga::Profile& profile) : profile_(profile) {}

  minga::StratumId find(const Batch& batch, std::size_t b) {
    std::uint8_t channel = batch.channels ? batch.channels[b] : std::uint8_t{MINGA_CHANNEL_UNSPECIFIED};
    const char* district = (batch.districts && batch.districts[b]) ? batch.districts[b] : "";
    if (channel > MINGA_CHANNEL_OTHER)
      throw Error(Errc::invalid_argument, "channels[" + std::to_string(b) + "] = " + std::to_string(channel) +
                                              " is not a minga_channel (0..5)");
    if (!valid_ || channel != last_.channel_code || last_.district != district) {
      require_utf8(district, batch.function, "districts[" + std::to_string(b) + "]");
      last_.channel_code = channel;
      last_.district = district;
      last_.id = profile_.intern_stratum(minga::Stratum{static_cast<minga::Channel>(channel), last_.district});
      valid_ = true;
    }
    return last_.id;
  }

 private:
  struct Last {
    std::uint8_t channel_code = 0;
    std::string district;
    minga::StratumId id = 0;
  };
  minga::Profile& profile_;
  Last last_;
  bool valid_ = false;
};

// Adds every ballot of the batch to `profile`; an error names the ballot.
template <class AddBallot>
void add_each(minga::Profile& profile, const Batch& batch, AddBallot& add_ballot) {
  StratumFinder strata(profile);
  for (std::size_t b = 0; b < batch.n_ballots; ++b) {
    try {
      add_ballot(profile, b, batch.count(b), strata.find(batch, b));
    } catch (const Error& e) {
      throw Error(e.code(), minga::Location{{}, 0, "ballot " + std::to_string(b)}, e.reason());
    }
  }
}

// All or nothing: the batch first goes into a scratch profile (which checks
// every ballot), then, once all passed, into the election.
template <class AddBallot>
int add_batch(minga_election* handle, const Batch& batch, AddBallot add_ballot) {
  minga::Profile& target = handle->election.profile;
  minga::Profile scratch(target.kind(), target.num_alternatives());
  add_each(scratch, batch, add_ballot);
  if (scratch.num_ballots() > std::numeric_limits<std::uint64_t>::max() - target.num_ballots())
    throw Error(Errc::limit, std::string(batch.function) + ": more than 2^64 - 1 ballots in the election");
  add_each(target, batch, add_ballot);
  return MINGA_OK;
}

}  // namespace

extern "C" {

// ---- version and initialisation ----------------------------------------------

const char* minga_version_string(void) {
  return MINGA_VERSION_STRING;
}
int minga_version_number(void) {
  return MINGA_VERSION_NUMBER;
}
int minga_version_major(void) {
  return MINGA_VERSION_MAJOR;
}
int minga_version_minor(void) {
  return MINGA_VERSION_MINOR;
}
int minga_version_patch(void) {
  return MINGA_VERSION_PATCH;
}
int minga_abi_version(void) {
  return MINGA_ABI_VERSION;
}

int minga_init(void) {
  return guarded("minga_init", [] {
    static std::mutex lock;
    static bool done = false;
    std::lock_guard<std::mutex> guard(lock);
    if (done) return 1;
    if (sodium_init() < 0) throw Error(Errc::internal, "minga_init: libsodium could not be initialised");
    done = true;
    return 0;
  });
}

// ---- status codes and errors ---------------------------------------------------

int minga_ok(void) {
  return MINGA_OK;
}
int minga_einval(void) {
  return MINGA_EINVAL;
}
int minga_eparse(void) {
  return MINGA_EPARSE;
}
int minga_eio(void) {
  return MINGA_EIO;
}
int minga_eunsupported(void) {
  return MINGA_EUNSUPPORTED;
}
int minga_emismatch(void) {
  return MINGA_EMISMATCH;
}
int minga_enomem(void) {
  return MINGA_ENOMEM;
}
int minga_elimit(void) {
  return MINGA_ELIMIT;
}
int minga_einternal(void) {
  return MINGA_EINTERNAL;
}
int minga_etie(void) {
  return MINGA_ETIE;
}
int minga_everify(void) {
  return MINGA_EVERIFY;
}

const char* minga_status_name(int status) {
  return minga::errc_name(static_cast<Errc>(status));
}

int minga_last_error_code(void) {
  return last_error.code;
}
const char* minga_last_error_message(void) {
  return last_error.message.c_str();
}

void minga_clear_error(void) {
  last_error.code = MINGA_OK;
  last_error.message.clear();
}

void minga_free(void* buffer) {
  std::free(buffer);
}

// ---- constants -------------------------------------------------------------------

int minga_channel_unspecified(void) {
  return MINGA_CHANNEL_UNSPECIFIED;
}
int minga_channel_online(void) {
  return MINGA_CHANNEL_ONLINE;
}
int minga_channel_kiosk(void) {
  return MINGA_CHANNEL_KIOSK;
}
int minga_channel_paper(void) {
  return MINGA_CHANNEL_PAPER;
}
int minga_channel_sms(void) {
  return MINGA_CHANNEL_SMS;
}
int minga_channel_other(void) {
  return MINGA_CHANNEL_OTHER;
}

const char* minga_channel_name(int channel) {
  if (channel < MINGA_CHANNEL_UNSPECIFIED || channel > MINGA_CHANNEL_OTHER) return "unknown";
  return minga::channel_name(static_cast<minga::Channel>(channel));
}

uint32_t minga_mark_overvote(void) {
  return MINGA_MARK_OVERVOTE;
}
uint32_t minga_mark_write_in(void) {
  return MINGA_MARK_WRITE_IN;
}

// ---- elections -------------------------------------------------------------------

int minga_election_new(minga_election** out, const char* kind, size_t n_alternatives, const char* const* ids) {
  constexpr const char* fn = "minga_election_new";
  if (out != nullptr) *out = nullptr;
  return guarded(fn, [&] {
    require(out, fn, "out");
    require(kind, fn, "kind");
    minga::BallotKind ballot_kind = minga::ballot_kind_from_name(kind);
    if (n_alternatives > std::numeric_limits<std::uint32_t>::max())
      throw Error(Errc::invalid_argument, std::string(fn) + ": too many alternatives");
    // The core's own limit check, before n ids are allocated.
    minga::Profile probe(ballot_kind, static_cast<std::uint32_t>(n_alternatives));
    std::vector<minga::Alternative> alternatives(n_alternatives);
    for (std::size_t i = 0; i < n_alternatives; ++i) {
      if (ids != nullptr) {
        if (ids[i] == nullptr)
          throw Error(Errc::invalid_argument, std::string(fn) + ": 'ids[" + std::to_string(i) + "]' is NULL");
        alternatives[i].id = ids[i];
        if (alternatives[i].id.empty())
          throw Error(Errc::invalid_argument, std::string(fn) + ": 'ids[" + std::to_string(i) + "]' is empty");
        require_utf8(alternatives[i].id, fn, "ids[" + std::to_string(i) + "]");
      } else {
        alternatives[i].id = std::to_string(i + 1);
      }
    }
    minga::Election election(ballot_kind, std::move(alternatives));
    for (std::size_t i = 0; i < n_alternatives; ++i) {
      auto first = election.find(election.alternatives[i].id);
      if (!first || *first != i)
        throw Error(Errc::invalid_argument, std::string(fn) + ": ids[" + std::to_string(i) + "] '" +
                                                election.alternatives[i].id + "' repeats an earlier id");
    }
    return hand_over(std::move(election), out);
  });
}

void minga_election_free(minga_election* election) {
  delete election;
}

int minga_election_read_file(minga_election** out, const char* path, const char* format) {
  constexpr const char* fn = "minga_election_read_file";
  if (out != nullptr) *out = nullptr;
  return guarded(fn, [&] {
    require(out, fn, "out");
    require(path, fn, "path");
    minga::ReadOptions options;
    options.format = format_argument(format);
    return hand_over(minga::read_election(std::filesystem::path(path), options), out);
  });
}

int minga_election_write_file(const minga_election* election, const char* path, const char* format) {
  constexpr const char* fn = "minga_election_write_file";
  return guarded(fn, [&] {
    require(election, fn, "election");
    require(path, fn, "path");
    minga::write_election(election->election, std::filesystem::path(path), format_argument(format));
    return MINGA_OK;
  });
}

int minga_election_from_json(minga_election** out, const char* json, size_t len) {
  constexpr const char* fn = "minga_election_from_json";
  if (out != nullptr) *out = nullptr;
  return guarded(fn, [&] {
    require(out, fn, "out");
    require(json, fn, "json");
    return hand_over(read_in_memory(std::string_view(json, len), minga::Format::json, "<json>"), out);
  });
}

int minga_election_to_json(const minga_election* election, char** out, size_t* out_len) {
  constexpr const char* fn = "minga_election_to_json";
  if (out != nullptr) *out = nullptr;
  if (out_len != nullptr) *out_len = 0;
  return guarded(fn, [&] {
    require(election, fn, "election");
    require(out, fn, "out");
    copy_out(minga::write_election_to_string(election->election, minga::Format::json), out, out_len);
    return MINGA_OK;
  });
}

int minga_election_to_binary(const minga_election* election, unsigned char** out, size_t* out_len) {
  constexpr const char* fn = "minga_election_to_binary";
  if (out != nullptr) *out = nullptr;
  if (out_len != nullptr) *out_len = 0;
  return guarded(fn, [&] {
    require(election, fn, "election");
    require(out, fn, "out");
    require(out_len, fn, "out_len");
    copy_out(minga::write_election_to_string(election->election, minga::Format::binary), out, out_len);
    return MINGA_OK;
  });
}

int minga_election_from_binary(minga_election** out, const unsigned char* bytes, size_t len) {
  constexpr const char* fn = "minga_election_from_binary";
  if (out != nullptr) *out = nullptr;
  return guarded(fn, [&] {
    require(out, fn, "out");
    require(bytes, fn, "bytes");
    std::string_view view(reinterpret_cast<const char*>(bytes), len);
    return hand_over(read_in_memory(view, minga::Format::binary, "<binary>"), out);
  });
}

int minga_election_merge(minga_election* into, const minga_election* other) {
  constexpr const char* fn = "minga_election_merge";
  return guarded(fn, [&] {
    require(into, fn, "into");
    require(other, fn, "other");
    into->election.merge(other->election);
    return MINGA_OK;
  });
}

// ---- accessors -------------------------------------------------------------------

const char* minga_election_kind(const minga_election* election) {
  if (election == nullptr) {
    record_failure(MINGA_EINVAL, "minga_election_kind: 'election' is NULL");
    return nullptr;
  }
  return minga::ballot_kind_name(election->election.kind());
}

int minga_election_num_alternatives(const minga_election* election, size_t* out) {
  constexpr const char* fn = "minga_election_num_alternatives";
  if (out != nullptr) *out = 0;
  return guarded(fn, [&] {
    require(election, fn, "election");
    require(out, fn, "out");
    *out = election->election.num_alternatives();
    return MINGA_OK;
  });
}

int minga_election_num_ballots(const minga_election* election, uint64_t* out) {
  constexpr const char* fn = "minga_election_num_ballots";
  if (out != nullptr) *out = 0;
  return guarded(fn, [&] {
    require(election, fn, "election");
    require(out, fn, "out");
    *out = election->election.profile.num_ballots();
    return MINGA_OK;
  });
}

int minga_election_num_distinct(const minga_election* election, size_t* out) {
  constexpr const char* fn = "minga_election_num_distinct";
  if (out != nullptr) *out = 0;
  return guarded(fn, [&] {
    require(election, fn, "election");
    require(out, fn, "out");
    *out = election->election.profile.num_entries();
    return MINGA_OK;
  });
}

int minga_election_alternative_id(const minga_election* election, size_t index, const char** out) {
  constexpr const char* fn = "minga_election_alternative_id";
  if (out != nullptr) *out = nullptr;
  return guarded(fn, [&] {
    require(election, fn, "election");
    require(out, fn, "out");
    const auto& alternatives = election->election.alternatives;
    if (index >= alternatives.size())
      throw Error(Errc::invalid_argument, std::string(fn) + ": index " + std::to_string(index) + " is out of range (" +
                                              std::to_string(alternatives.size()) + " alternatives)");
    *out = alternatives[index].id.c_str();
    return MINGA_OK;
  });
}

int minga_election_info_json(const minga_election* election, char** out, size_t* out_len) {
  constexpr const char* fn = "minga_election_info_json";
  if (out != nullptr) *out = nullptr;
  if (out_len != nullptr) *out_len = 0;
  return guarded(fn, [&] {
    require(election, fn, "election");
    require(out, fn, "out");
    copy_out(minga::summary_to_json(minga::summarize(election->election), 2), out, out_len);
    return MINGA_OK;
  });
}

// ---- adding ballots in bulk ----------------------------------------------------------

int minga_election_add_approvals(minga_election* election, size_t n_ballots, const size_t* offsets,
                                 const uint32_t* alternatives, const uint64_t* counts, const uint8_t* channels,
                                 const char* const* districts) {
  constexpr const char* fn = "minga_election_add_approvals";
  return guarded(fn, [&] {
    Batch batch = make_batch(fn, election, n_ballots, offsets, "offsets", counts, channels, districts);
    require_items(alternatives, batch.end_item() - batch.first_item(), fn, "alternatives");
    return add_batch(
        election, batch, [&](minga::Profile& profile, std::size_t b, std::uint64_t count, minga::StratumId stratum) {
          profile.add_approval(std::span<const std::uint32_t>(alternatives + batch.begin(b), batch.size(b)), count,
                               stratum);
        });
  });
}

int minga_election_add_rankings(minga_election* election, size_t n_ballots, const size_t* ballot_offsets,
                                const size_t* rank_offsets, const uint32_t* marks, const uint64_t* counts,
                                const uint8_t* channels, const char* const* districts) {
  constexpr const char* fn = "minga_election_add_rankings";
  return guarded(fn, [&] {
    Batch batch = make_batch(fn, election, n_ballots, ballot_offsets, "ballot_offsets", counts, channels, districts);
    const std::size_t first_rank = batch.first_item(), end_rank = batch.end_item();
    std::size_t n_marks = 0;
    if (end_rank > first_rank) {
      require(rank_offsets, fn, "rank_offsets");
      require_non_decreasing(rank_offsets, first_rank, end_rank, fn, "rank_offsets");
      n_marks = rank_offsets[end_rank] - rank_offsets[first_rank];
    }
    require_items(marks, n_marks, fn, "marks");
    minga::Ranking ranking;
    return add_batch(election, batch,
                     [&](minga::Profile& profile, std::size_t b, std::uint64_t count, minga::StratumId stratum) {
                       ranking.clear();
                       for (std::size_t k = batch.begin(b); k < batch.begin(b) + batch.size(b); ++k)
                         ranking.add_position(marks + rank_offsets[k], rank_offsets[k + 1] - rank_offsets[k]);
                       profile.add_ranking(ranking, count, stratum);
                     });
  });
}

int minga_election_add_scores(minga_election* election, size_t n_ballots, const size_t* offsets,
                              const uint32_t* alternatives, const int64_t* numerators, const int64_t* denominators,
                              const uint64_t* counts, const uint8_t* channels, const char* const* districts) {
  constexpr const char* fn = "minga_election_add_scores";
  return guarded(fn, [&] {
    Batch batch = make_batch(fn, election, n_ballots, offsets, "offsets", counts, channels, districts);
    const std::size_t n_items = batch.end_item() - batch.first_item();
    require_items(alternatives, n_items, fn, "alternatives");
    require_items(numerators, n_items, fn, "numerators");
    std::vector<minga::Score> scores;
    return add_batch(
        election, batch, [&](minga::Profile& profile, std::size_t b, std::uint64_t count, minga::StratumId stratum) {
          scores.clear();
          for (std::size_t i = batch.begin(b); i < batch.begin(b) + batch.size(b); ++i) {
            std::int64_t denominator = denominators ? denominators[i] : 1;
            if (denominator <= 0)
              throw Error(Errc::invalid_argument, "denominators[" + std::to_string(i) +
                                                      "] = " + std::to_string(denominator) + " is not positive");
            scores.push_back(minga::Score{alternatives[i],
                                          minga::Rational(minga::Integer(numerators[i]), minga::Integer(denominator))});
          }
          profile.add_scores(scores, count, stratum);
        });
  });
}

int minga_election_add_quadratic(minga_election* election, size_t n_ballots, const size_t* offsets,
                                 const uint32_t* alternatives, const int64_t* votes, const uint64_t* counts,
                                 const uint8_t* channels, const char* const* districts) {
  constexpr const char* fn = "minga_election_add_quadratic";
  return guarded(fn, [&] {
    Batch batch = make_batch(fn, election, n_ballots, offsets, "offsets", counts, channels, districts);
    const std::size_t n_items = batch.end_item() - batch.first_item();
    require_items(alternatives, n_items, fn, "alternatives");
    require_items(votes, n_items, fn, "votes");
    std::vector<minga::QuadraticVote> ballot;
    return add_batch(election, batch,
                     [&](minga::Profile& profile, std::size_t b, std::uint64_t count, minga::StratumId stratum) {
                       ballot.clear();
                       for (std::size_t i = batch.begin(b); i < batch.begin(b) + batch.size(b); ++i)
                         ballot.push_back(minga::QuadraticVote{alternatives[i], votes[i]});
                       profile.add_quadratic(ballot, count, stratum);
                     });
  });
}

}  // extern "C"
