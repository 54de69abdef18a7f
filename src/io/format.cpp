// SPDX-License-Identifier: Apache-2.0
// src/io/format.cpp - choosing a reader or writer by name, extension or content.
#include "minga/io/format.hpp"

#include <fstream>
#include <sstream>

#include "io/text.hpp"
#include "minga/ranked/rctab_output.hpp"

namespace minga {

namespace {

struct FormatName {
  Format format;
  const char* name;
};

constexpr FormatName kNames[] = {
    {Format::pabulib, "pabulib"}, {Format::pabulib, "pb"},       {Format::preflib, "preflib"},
    {Format::preflib, "soc"},     {Format::preflib, "soi"},      {Format::preflib, "toc"},
    {Format::preflib, "toi"},     {Format::preflib, "cat"},      {Format::blt, "blt"},
    {Format::csv, "csv"},         {Format::scottish, "scottish"}, {Format::patterns, "patterns"},
    {Format::json, "json"},       {Format::binary, "binary"},    {Format::binary, "mingab"},
    {Format::cdf, "cdf"},
};

std::string display_name(const ReadOptions& options) {
  return options.display_name.empty() ? std::string("<string>") : options.display_name;
}

// Looks at the first bytes when neither the caller nor the extension said.
Format sniff(std::istream& in, const std::string& name) {
  char head[512] = {};
  in.read(head, sizeof head);
  std::size_t got = static_cast<std::size_t>(in.gcount());
  in.clear();
  in.seekg(0);
  if (!in) throw Error(Errc::unsupported, Location{name, 0, {}}, "cannot detect the format of a stream that cannot seek; name the format");
  std::string_view text(head, got);
  if (got == 0) throw_parse_error(Location{name, 1, {}}, "empty file");
  if (text.substr(0, 4) == "MNGB") return Format::binary;
  std::size_t i = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < got && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) ++i;
  std::string_view rest = text.substr(i);
  if (rest.substr(0, 1) == "{") return Format::json;
  if (rest.substr(0, 4) == "META") return Format::pabulib;
  if (rest.substr(0, 2) == "# ") return Format::preflib;
  throw Error(Errc::unsupported, Location{name, 1, {}},
              "cannot tell the format from the content; name it (pabulib, preflib, blt, csv, scottish, patterns, json, binary)");
}

}  // namespace

const char* format_name(Format format) noexcept {
  switch (format) {
    case Format::auto_detect: return "auto";
    case Format::pabulib: return "pabulib";
    case Format::preflib: return "preflib";
    case Format::blt: return "blt";
    case Format::csv: return "csv";
    case Format::scottish: return "scottish";
    case Format::patterns: return "patterns";
    case Format::json: return "json";
    case Format::binary: return "binary";
    case Format::cdf: return "cdf";
  }
  return "unknown";
}

Format format_from_name(std::string_view name) {
  std::string n = io::lower_ascii(name);
  if (n == "auto") return Format::auto_detect;
  for (const auto& f : kNames)
    if (n == f.name) return f.format;
  throw Error(Errc::invalid_argument, "unknown format '" + std::string(name) +
                                          "' (pabulib, preflib, blt, csv, scottish, patterns, json, binary, cdf)");
}

Format format_from_extension(const std::filesystem::path& path) {
  std::string ext = io::lower_ascii(path.extension().string());
  if (ext.empty()) return Format::auto_detect;
  ext.erase(0, 1);
  if (ext == "csv") return Format::csv;  // the content decides between csv, scottish and patterns
  for (const auto& f : kNames)
    if (ext == f.name) return f.format;
  return Format::auto_detect;
}

Election read_election(std::istream& in, const ReadOptions& options) {
  const std::string name = display_name(options);
  Format format = options.format;
  if (format == Format::auto_detect) format = sniff(in, name);
  switch (format) {
    case Format::pabulib: return read_pabulib(in, name);
    case Format::preflib: return read_preflib(in, name);
    case Format::blt: return read_blt(in, name);
    case Format::csv: return read_ranked_csv(in, name, options.csv);
    case Format::scottish: return read_scottish_csv(in, name);
    case Format::patterns: return read_patterns_csv(in, name);
    case Format::json: return read_json(in, name);
    case Format::binary: return read_binary(in, name);
    case Format::cdf:
      throw Error(Errc::unsupported, Location{name, 0, {}},
                  "CDF cast vote records are read through an RCTab contest configuration (minga rctab)");
    case Format::auto_detect: break;
  }
  throw Error(Errc::internal, "format not handled");
}

Election read_election(const std::filesystem::path& path, const ReadOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Errc::io, Location{path.string(), 0, {}}, "cannot open file");
  ReadOptions resolved = options;
  if (resolved.display_name.empty()) resolved.display_name = path.string();
  if (resolved.format == Format::auto_detect) resolved.format = format_from_extension(path);
  if (resolved.format == Format::csv && options.format == Format::auto_detect && options.csv.rank_columns.empty()) {
    // A .csv may be a plain ranked CSV, a scot-elex ward file or a pattern table.
    std::string first;
    std::getline(in, first);
    in.clear();
    in.seekg(0);
    std::string_view f = io::trim(first);
    if (!f.empty() && f.find(',') != std::string_view::npos) {
      auto cells = io::split(f, ',');
      bool numbers = cells.size() >= 2 && !cells[0].empty() && !cells[1].empty() &&
                     cells[0].find_first_not_of("0123456789") == std::string_view::npos &&
                     cells[1].find_first_not_of("0123456789") == std::string_view::npos;
      if (numbers) resolved.format = Format::scottish;  // "ncand,nseats,"
      else if (f.substr(0, 4) == "\"1\",") resolved.format = Format::patterns;
    }
  }
  return read_election(in, resolved);
}

Election read_election_from_string(std::string_view text, const ReadOptions& options) {
  std::istringstream in{std::string(text)};
  return read_election(in, options);
}

void write_election(const Election& election, std::ostream& out, Format format) {
  switch (format) {
    case Format::pabulib: write_pabulib(election, out); break;
    case Format::preflib: write_preflib(election, out); break;
    case Format::blt: write_blt(election, out); break;
    case Format::csv: write_ranked_csv(election, out); break;
    case Format::json: write_json(election, out); break;
    case Format::binary: write_binary(election, out); break;
    case Format::cdf: {
      ranked::CdfReportInfo info;
      info.contest_name = election.title;
      out << ranked::write_cdf_json(election, info) << '\n';
      break;
    }
    case Format::scottish:
    case Format::patterns:
      throw Error(Errc::unsupported, std::string("minga reads but does not write the ") + format_name(format) + " format");
    case Format::auto_detect:
      throw Error(Errc::invalid_argument, "name the output format");
  }
  if (!out) throw Error(Errc::io, "write failed");
}

void write_election(const Election& election, const std::filesystem::path& path, Format format) {
  if (format == Format::auto_detect) format = format_from_extension(path);
  if (format == Format::auto_detect)
    throw Error(Errc::invalid_argument, Location{path.string(), 0, {}}, "cannot tell the output format from the extension");
  // Write to a temporary file and rename, so a failed write never leaves half a file.
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(Errc::io, Location{tmp.string(), 0, {}}, "cannot create file");
    try {
      write_election(election, out, format);
      out.flush();
      if (!out) throw Error(Errc::io, Location{tmp.string(), 0, {}}, "write failed");
    } catch (...) {
      out.close();
      std::error_code ignored;
      std::filesystem::remove(tmp, ignored);
      throw;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw Error(Errc::io, Location{path.string(), 0, {}}, "cannot rename temporary file: " + ec.message());
}

std::string write_election_to_string(const Election& election, Format format) {
  std::ostringstream out;
  write_election(election, out, format);
  return out.str();
}

}  // namespace minga
