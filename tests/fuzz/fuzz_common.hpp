// SPDX-License-Identifier: Apache-2.0
// tests/fuzz/fuzz_common.hpp - what every reader fuzz target checks: only minga::Error may escape, and what reads, round-trips.
//
// Properties, for every input:
//   1. the reader returns an Election or throws minga::Error; any other
//      exception, a crash, a sanitizer report or a hang is a bug;
//   2. an Election that was read can be written in each format the target
//      names and read back, and the ballots read back are the same ballots
//      (compared by alternative id, so a writer may reorder alternatives).
// A violated property prints what happened and aborts, so libFuzzer saves the input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "minga/core/error.hpp"
#include "minga/io/format.hpp"

namespace minga::fuzz {

/// How a round trip through a format may end without being a bug.
enum class WriterMay {
  refuse,     ///< the writer may refuse an election its format cannot hold (Errc::unsupported or limit)
  not_refuse, ///< the format holds every model: refusing is a bug
};

struct RoundTrip {
  Format through;
  WriterMay writer;
};

[[noreturn]] inline void fail(std::string_view what, std::string_view detail, std::string_view text = {}) {
  std::fprintf(stderr, "\n==== minga fuzz property violated: %.*s\n%.*s\n", static_cast<int>(what.size()), what.data(),
               static_cast<int>(detail.size()), detail.data());
  if (!text.empty()) {
    const std::size_t shown = text.size() < 2000 ? text.size() : 2000;
    std::fprintf(stderr, "---- text involved (%zu bytes, first %zu):\n%.*s\n----\n", text.size(), shown,
                 static_cast<int>(shown), text.data());
  }
  std::abort();
}

inline ReadOptions options_for(Format format) {
  ReadOptions options;
  options.format = format;
  options.display_name = "<fuzz>";
  return options;
}

/// The election `text` holds, or nothing when the reader rejects it with minga::Error.
inline std::optional<Election> read_or_reject(std::string_view text, Format format) {
  try {
    return read_election_from_string(text, options_for(format));
  } catch (const Error&) {
    return std::nullopt;
  } catch (const std::exception& e) {
    fail(std::string("the ") + format_name(format) + " reader threw an exception that is not minga::Error", e.what());
  } catch (...) {
    fail(std::string("the ") + format_name(format) + " reader threw something that is not a std::exception", "");
  }
}

/// True when `again` holds the same ballots as `original`, matching alternatives by id.
/// Alternatives of `original` missing from `again` are allowed (formats such as
/// ranked CSV only name candidates that someone marked).
inline bool same_ballots_by_id(const Election& original, const Election& again, std::string& why) {
  if (again.kind() != original.kind()) {
    why = "ballot kind changed";
    return false;
  }
  std::vector<AlternativeIndex> new_index(again.num_alternatives());
  for (std::uint32_t i = 0; i < again.num_alternatives(); ++i) {
    auto found = original.find(again.alternatives[i].id);
    if (!found) {
      why = "alternative id '" + again.alternatives[i].id + "' appeared";
      return false;
    }
    new_index[i] = *found;
  }
  Profile renumbered = again.profile.remapped(new_index, original.num_alternatives());
  if (!renumbered.same_ballots(original.profile)) {
    why = "ballots differ: " + std::to_string(original.profile.num_ballots()) + " ballots in " +
          std::to_string(original.profile.num_entries()) + " entries before, " +
          std::to_string(again.profile.num_ballots()) + " in " + std::to_string(again.profile.num_entries()) +
          " after";
    return false;
  }
  return true;
}

inline void check_round_trip(const Election& original, const RoundTrip& trip, std::string_view input) {
  const char* name = format_name(trip.through);
  std::string written;
  try {
    written = write_election_to_string(original, trip.through);
  } catch (const Error& e) {
    const bool refusal = e.code() == Errc::unsupported || e.code() == Errc::limit;
    if (trip.writer == WriterMay::refuse && refusal) return;
    fail(std::string("the ") + name + " writer failed on an election that was read", e.what(), input);
  } catch (const std::exception& e) {
    fail(std::string("the ") + name + " writer threw an exception that is not minga::Error", e.what(), input);
  }
  std::optional<Election> again;
  try {
    again.emplace(read_election_from_string(written, options_for(trip.through)));
  } catch (const std::exception& e) {
    fail(std::string("the ") + name + " reader rejected what the " + name + " writer wrote", e.what(), written);
  }
  std::string why;
  if (!same_ballots_by_id(original, *again, why))
    fail(std::string("round trip through ") + name + " changed the ballots", why, written);
}

/// The whole property for one input: read as `format`, then round-trip through each of `trips`.
inline void check_input(const std::uint8_t* data, std::size_t size, Format format,
                        std::initializer_list<RoundTrip> trips) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::optional<Election> election = read_or_reject(text, format);
  if (!election) return;
  for (const RoundTrip& trip : trips) check_round_trip(*election, trip, text);
}

/// Formats that hold every ballot model: a reader's output must always survive them.
inline constexpr RoundTrip kThroughJson{Format::json, WriterMay::not_refuse};
inline constexpr RoundTrip kThroughBinary{Format::binary, WriterMay::not_refuse};

}  // namespace minga::fuzz
