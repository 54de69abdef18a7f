// SPDX-License-Identifier: Apache-2.0
// apps/minga/main.cpp - the `minga` program: finds the command, runs it, turns every failure into an exit status.
#include <array>
#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "cli.hpp"
#include "html_report.hpp"
#include "minga/version.h"

namespace minga::cli {

namespace {

std::array<const CommandSpec*, 13> all_commands() {
  return {&info_command(), &convert_command(), &merge_command(), &demo_command(), &budget_command(), &tally_command(), &qv_command(), &qf_command(),
          &election_command(), &verify_command(), &record_command(), &report_command(), &rctab_command()};
}

const CommandSpec* find_command(std::string_view name) {
  for (const CommandSpec* command : all_commands())
    if (command->name == name) return command;
  return nullptr;
}

void print_version() {
  std::cout << "minga " << MINGA_VERSION_STRING << " (ABI " << MINGA_ABI_VERSION << ")\n";
}

void print_overview(std::ostream& out) {
  out << "minga - collective decisions for civic technology\n\n"
         "usage: minga <command> [arguments] [options]\n"
         "       minga --version | --help | <command> --help\n\n"
         "commands:\n";
  for (const CommandSpec* command : all_commands()) {
    std::string name(command->name);
    name.resize(10, ' ');
    out << "  " << name << command->summary << '\n';
  }
  out << "\nexit status: 0 success, 2 bad input, 64 bad command line, 70 out of memory or internal error\n";
}

void print_command_help(const CommandSpec& spec) {
  std::cout << "usage: minga " << spec.synopsis << "\n\n" << spec.summary << "\n\n" << spec.details;
}

bool asks_for_help(const std::vector<std::string>& args) {
  for (const auto& arg : args) {
    if (arg == "--") return false;
    if (arg == "--help" || arg == "-h") return true;
  }
  return false;
}

int usage_error(const std::string& reason, const CommandSpec* spec) {
  std::cerr << "minga: " << reason << '\n';
  if (spec) std::cerr << "usage: minga " << spec->synopsis << "\n(see 'minga " << spec->name << " --help')\n";
  else std::cerr << "usage: minga <command> [arguments] [options]  (see 'minga --help')\n";
  return exit_usage;
}

int run(const std::vector<std::string>& argv) {
  if (argv.empty()) return usage_error("no command given", nullptr);
  const std::string& first = argv.front();
  if (first == "--version" || first == "-V") {
    print_version();
    return exit_ok;
  }
  if (first == "--help" || first == "-h") {
    print_overview(std::cout);
    return exit_ok;
  }
  if (first == "help") {
    if (argv.size() == 1) {
      print_overview(std::cout);
      return exit_ok;
    }
    const CommandSpec* spec = find_command(argv[1]);
    if (!spec) return usage_error("unknown command '" + argv[1] + "'", nullptr);
    print_command_help(*spec);
    return exit_ok;
  }
  const CommandSpec* spec = find_command(first);
  if (!spec && first.starts_with('-')) return usage_error("unknown option '" + first + "'", nullptr);
  if (!spec) return usage_error("unknown command '" + first + "'", nullptr);
  std::vector<std::string> rest(argv.begin() + 1, argv.end());
  if (asks_for_help(rest)) {
    print_command_help(*spec);
    return exit_ok;
  }
  try {
    Arguments args(*spec, rest);
    return spec->run(args);
  } catch (const UsageError& e) {
    return usage_error(e.what(), spec);
  }
}

// Input errors already name their file and line; others get the program's name.
void print_error(const Error& e) {
  if (e.where().file.empty()) std::cerr << "minga: ";
  std::cerr << e.what() << '\n';
}

int exit_status_of(const Error& e) {
  switch (e.code()) {
    case Errc::out_of_memory:
    case Errc::internal: return exit_internal;
    case Errc::verification: return exit_not_verified;
    default: return exit_bad_input;
  }
}

}  // namespace

}  // namespace minga::cli

int main(int argc, char** argv) {
  using namespace minga::cli;
  try {
    std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
    int status = run(args);
    std::cout.flush();
    if (!std::cout) {
      std::cerr << "minga: cannot write to standard output\n";
      return status == exit_ok ? exit_bad_input : status;
    }
    return status;
  } catch (const minga::Error& e) {
    print_error(e);
    return exit_status_of(e);
  } catch (const std::bad_alloc&) {
    std::cerr << "minga: out of memory\n";
    return exit_internal;
  } catch (const std::exception& e) {
    std::cerr << "minga: internal error: " << e.what() << '\n';
    return exit_internal;
  } catch (...) {
    std::cerr << "minga: internal error (unknown exception)\n";
    return exit_internal;
  }
}
