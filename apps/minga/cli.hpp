// SPDX-License-Identifier: Apache-2.0
// apps/minga/cli.hpp - what the commands of the `minga` program share: exit codes, usage errors, arguments.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "minga/io/format.hpp"

namespace minga::verify {
struct DeviceClosing;
}

namespace minga::cli {

/// Exit statuses (64 and 70 follow BSD sysexits.h).
enum ExitStatus : int {
  exit_ok = 0,
  exit_not_verified = 1,  ///< a record, receipt or ballot was checked and does not verify
  exit_bad_input = 2,   ///< an input file is malformed, missing or unwritable (minga::Error)
  exit_usage = 64,      ///< the command line itself is wrong
  exit_internal = 70,   ///< out of memory or a bug
};

class Arguments;

/// One command of the program: its name, help and the options it accepts.
struct CommandSpec {
  std::string_view name;
  std::string_view synopsis;  ///< "info FILE [--format F] [--json]"
  std::string_view summary;   ///< one line for `minga --help`
  std::string_view details;   ///< the rest of `minga <cmd> --help`
  std::vector<std::string_view> flags;    ///< options without a value ("json")
  std::vector<std::string_view> options;  ///< options with a value ("format")
  std::size_t min_positional = 0;
  std::size_t max_positional = 0;
  int (*run)(const Arguments& args) = nullptr;
};

const CommandSpec& info_command();
const CommandSpec& convert_command();
const CommandSpec& merge_command();
const CommandSpec& demo_command();
const CommandSpec& qv_command();  // quadratic voting (issue 5)
const CommandSpec& qf_command();  // quadratic funding (issue 5)
const CommandSpec& budget_command();
const CommandSpec& tally_command();
const CommandSpec& rctab_command();  // RCTab contests and their reports (issue 3)
const CommandSpec& verify_command();    // election records and receipts (issue 6)
const CommandSpec& record_command();    // an election record's JSON and binary forms (issue 6)
const CommandSpec& election_command();  // a verifiable election run from a folder (issue 6)

/// A mistake in the command line: reported with the command's usage line, exit 64.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The arguments of one command, checked against its spec: positional
/// arguments in order, flags, and options given as `--name value` or
/// `--name=value`. "--" ends the options.
class Arguments {
 public:
  Arguments(const CommandSpec& spec, std::span<const std::string> args);

  bool has(std::string_view flag) const;
  std::optional<std::string> value(std::string_view option) const;
  const std::vector<std::string>& positional() const noexcept { return positional_; }

 private:
  std::vector<std::string> positional_;
  std::vector<std::string> flags_;
  std::vector<std::pair<std::string, std::string>> values_;
};

/// The format named by option `option` (auto_detect when absent); a bad name is a UsageError.
Format format_option(const Arguments& args, std::string_view option);

/// Reads an election; `format` auto_detect means from the extension, then the
/// content. Path "-" is standard input.
Election read_input(const std::string& path, Format format);

/// A whole text file (a record, a manifest, a ballot); Error(io) naming it when unreadable.
std::string read_text_file(const std::string& path);
/// Writes `bytes` to `path` through a temporary file beside it, so a reader never
/// sees half a file and a failed write leaves the old one; Error(io) naming the file.
void replace_file(const std::filesystem::path& path, std::string_view bytes);

/// The demo's verifiable election, run step by step in a new folder (election.cpp):
/// 40 ballots on two kiosks, every 7th challenged, 3-of-5 guardians with one absent,
/// then the record re-read and verified. Prints what happened; true when every check passes.
bool run_demo_election(const std::string& folder, std::ostream& log);
/// "device kiosk-1: 212 ballots, closing code 7KQ2M-X4P9T": what `minga election close`
/// prints for the device's closing tape and `minga verify` prints to compare with it.
std::string closing_tape_line(const verify::DeviceClosing& closing);

/// The output format: option --to, else the extension of `path` (else a UsageError).
Format output_format(const Arguments& args, const std::string& path);
/// Writes an election to `path` ("-" = standard output) and says so on stderr.
void write_output(const Election& election, const std::string& path, Format format);

}  // namespace minga::cli
