// SPDX-License-Identifier: Apache-2.0
// src/quadratic/records.hpp - (internal) reading rows of named fields from CSV or a JSON array of objects.
//
// Quadratic voting rows, poll options, contributions and donor clusters all
// arrive as small records: a few named fields per row, in a CSV file with a
// header or in a JSON array of objects. Field names match case-insensitively
// among aliases, so files are read as their tools wrote them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace minga::quadratic {

/// A field a record may or must have, with the names it goes by.
struct Field {
  std::vector<std::string_view> names;  ///< first is the canonical name (used in messages)
  bool required = true;
};

/// Receives each record: values[k] is field k's text ("" when absent), and the 1-based line.
using RecordSink = std::function<void(const std::vector<std::string_view>& values, std::uint64_t line)>;

/// Reads every record of `in`. JSON values may be strings or numbers (a number
/// is passed as written: "2", "1.5"); CSV rows must have as many cells as the
/// header. Throws Error(parse) with file and line on a malformed file or a
/// missing required field.
void read_records(std::istream& in, const std::string& name, bool json, const std::vector<Field>& fields,
                  const RecordSink& sink);

/// Opens `path` and calls read_records(); JSON when the extension is .json or the text starts with '[' or '{'.
void read_records(const std::filesystem::path& path, const std::vector<Field>& fields, const RecordSink& sink);

}  // namespace minga::quadratic
