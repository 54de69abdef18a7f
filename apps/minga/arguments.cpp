// SPDX-License-Identifier: Apache-2.0
// apps/minga/arguments.cpp - checking a command's arguments against its spec.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli.hpp"

namespace minga::cli {

namespace {

bool listed(const std::vector<std::string_view>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string count_phrase(std::size_t n) {
  return std::to_string(n) + (n == 1 ? " argument" : " arguments");
}

}  // namespace

Arguments::Arguments(const CommandSpec& spec, std::span<const std::string> args) {
  bool options_ended = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (options_ended || arg == "-" || arg.empty() || arg[0] != '-') {
      positional_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_ended = true;
      continue;
    }
    // "-o FILE" is the one short option: --output, for the commands that have it.
    const bool short_output = arg == "-o" && listed(spec.options, "output");
    if (arg.rfind("--", 0) != 0 && !short_output) throw UsageError("unknown option '" + arg + "'");
    std::string name = short_output ? "output" : arg.substr(2);
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name.resize(eq);
    }
    if (listed(spec.flags, name)) {
      if (inline_value) throw UsageError("option --" + name + " takes no value");
      if (!has(name)) flags_.push_back(name);
    } else if (listed(spec.options, name)) {
      if (value(name)) throw UsageError("option --" + name + " given twice");
      if (!inline_value) {
        if (i + 1 == args.size()) throw UsageError("option --" + name + " needs a value");
        inline_value = args[++i];
      }
      values_.emplace_back(name, *inline_value);
    } else {
      throw UsageError("unknown option '" + arg + "'");
    }
  }
  if (positional_.size() < spec.min_positional)
    throw UsageError("expected at least " + count_phrase(spec.min_positional) + ", got " + std::to_string(positional_.size()));
  if (positional_.size() > spec.max_positional)
    throw UsageError("expected at most " + count_phrase(spec.max_positional) + ", got " + std::to_string(positional_.size()));
}

bool Arguments::has(std::string_view flag) const { return std::find(flags_.begin(), flags_.end(), flag) != flags_.end(); }

std::optional<std::string> Arguments::value(std::string_view option) const {
  for (const auto& [name, value] : values_)
    if (name == option) return value;
  return std::nullopt;
}

Format format_option(const Arguments& args, std::string_view option) {
  auto name = args.value(option);
  if (!name) return Format::auto_detect;
  try {
    return format_from_name(*name);
  } catch (const Error& e) {
    throw UsageError("--" + std::string(option) + ": " + e.reason());
  }
}

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Errc::io, Location{path, 0, ""}, "cannot open");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void replace_file(const std::filesystem::path& path, std::string_view bytes) {
  const std::filesystem::path partial = path.string() + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) {
      out.close();
      std::error_code ignored;
      std::filesystem::remove(partial, ignored);
      throw Error(Errc::io, Location{partial.string(), 0, ""}, "cannot write");
    }
  }
  std::error_code ec;
  std::filesystem::rename(partial, path, ec);
  if (ec) throw Error(Errc::io, Location{path.string(), 0, ""}, "cannot replace: " + ec.message());
}

Election read_input(const std::string& path, Format format) {
  ReadOptions options;
  options.format = format;
  if (path != "-") {
    std::error_code ignored;
    if (std::filesystem::is_directory(path, ignored)) throw Error(Errc::io, Location{path, 0, {}}, "is a directory");
    return read_election(std::filesystem::path(path), options);
  }
  // Standard input cannot seek, so it is read whole before the format is sniffed.
  options.display_name = "<stdin>";
  std::string text(std::istreambuf_iterator<char>(std::cin), {});
  if (std::cin.bad()) throw Error(Errc::io, Location{"<stdin>", 0, {}}, "cannot read standard input");
  return read_election_from_string(text, options);
}

}  // namespace minga::cli
