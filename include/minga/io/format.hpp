// SPDX-License-Identifier: Apache-2.0
// minga/io/format.hpp - reading and writing election files, whatever the format.
//
// Every reader validates as it goes and throws minga::Error naming the file,
// the line and the field of the first problem; nothing is silently skipped.
// Readers stream: memory grows with distinct ballots, not with file size.
//
//   format      extensions          ballots
//   pabulib     .pb                 approval, choose-1, ordinal, cumulative, scoring
//   preflib     .soc .soi .toc .toi .cat (new '#' header and the older layout)
//   blt         .blt                ranked, weights, withdrawn candidates, '=' ties, '-' skips
//   csv         .csv                ranked: one column per rank (RankedCsvOptions)
//   scottish    .csv (auto-detected) mggg/scot-elex ward files
//   patterns    .csv (auto-detected) ranking patterns in columns with counts per district
//   json        .json               every model (schema "minga.election/1")
//   binary      .mingab             every model, compact, checksummed
//   cdf         (write only)        ranked: NIST SP 1500-103 CDF JSON cast vote records
//                                   (ranked/rctab_output.hpp; read through an RCTab contest)
#pragma once

#include "minga/export.h"

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "minga/ballot/election.hpp"

namespace minga {

enum class Format : std::uint8_t {
  auto_detect = 0,
  pabulib = 1,
  preflib = 2,
  blt = 3,
  csv = 4,
  scottish = 5,
  patterns = 6,
  json = 7,
  binary = 8,
  cdf = 9,  ///< write only: NIST CDF JSON cast vote records (write_cdf_json)
};

MINGA_EXPORT const char* format_name(Format format) noexcept;
/// "pabulib", "pb", "preflib", "soi", ... Throws Error(invalid_argument) on others.
MINGA_EXPORT Format format_from_name(std::string_view name);
/// The format a file name implies (auto_detect when the extension says nothing).
MINGA_EXPORT Format format_from_extension(const std::filesystem::path& path);

/// How a ranked CSV is read. Tokens compare case-insensitively after trimming.
struct RankedCsvOptions {
  char delimiter = ',';
  /// Columns holding ranks, in order; empty = every column whose header reads
  /// "rank N", "rankN", "choice N", "Nth choice", "preference N"... (ordered by N).
  std::vector<std::string> rank_columns;
  /// Column with a count per row (empty = "count" or "weight" if present).
  std::string count_column;
  /// Columns giving the channel and the district of each ballot (optional;
  /// empty = "channel" / "district" if present).
  std::string channel_column;
  std::string district_column;
  std::vector<std::string> skip_tokens{"", "undervote", "skipped", "blank"};
  std::vector<std::string> overvote_tokens{"overvote"};
  std::vector<std::string> write_in_tokens{"uwi", "write-in", "writein", "uncertified write in", "undeclared write-in"};
  /// Marks at one rank separated by this character are several marks (a tie, or
  /// an overvote the tabulation rule resolves); 0 = off. '=' by default, which is
  /// what write_ranked_csv() writes, so written files read back unchanged.
  char tie_separator = '=';
};

struct ReadOptions {
  Format format = Format::auto_detect;
  RankedCsvOptions csv;
  /// Name used in error messages for in-memory input ("<string>" if empty).
  std::string display_name;
};

/// Reads an election file. The format comes from options.format, else from
/// the extension, else from the content.
MINGA_EXPORT Election read_election(const std::filesystem::path& path, const ReadOptions& options = {});
MINGA_EXPORT Election read_election(std::istream& in, const ReadOptions& options);
MINGA_EXPORT Election read_election_from_string(std::string_view text, const ReadOptions& options);

/// Writes an election. Throws Error(unsupported) when the format cannot hold
/// the election's ballot kind (e.g. approval ballots as BLT).
MINGA_EXPORT void write_election(const Election& election, const std::filesystem::path& path, Format format = Format::auto_detect);
MINGA_EXPORT void write_election(const Election& election, std::ostream& out, Format format);
MINGA_EXPORT std::string write_election_to_string(const Election& election, Format format);

// ---- one reader and one writer per format (used by the functions above) -----
// `name` is the file name used in error messages.
MINGA_EXPORT Election read_pabulib(std::istream& in, const std::string& name);
MINGA_EXPORT void write_pabulib(const Election& election, std::ostream& out);

MINGA_EXPORT Election read_preflib(std::istream& in, const std::string& name);
MINGA_EXPORT void write_preflib(const Election& election, std::ostream& out);

MINGA_EXPORT Election read_blt(std::istream& in, const std::string& name);
MINGA_EXPORT void write_blt(const Election& election, std::ostream& out);

MINGA_EXPORT Election read_ranked_csv(std::istream& in, const std::string& name, const RankedCsvOptions& options = {});
MINGA_EXPORT void write_ranked_csv(const Election& election, std::ostream& out);

MINGA_EXPORT Election read_scottish_csv(std::istream& in, const std::string& name);
MINGA_EXPORT Election read_patterns_csv(std::istream& in, const std::string& name);

MINGA_EXPORT Election read_json(std::istream& in, const std::string& name);
MINGA_EXPORT void write_json(const Election& election, std::ostream& out);

MINGA_EXPORT Election read_binary(std::istream& in, const std::string& name);
MINGA_EXPORT void write_binary(const Election& election, std::ostream& out);

}  // namespace minga
