// SPDX-License-Identifier: Apache-2.0
// apps/minga/convert.cpp - `minga convert`: read an election in one format, write it in another.
#include <iostream>

#include "cli.hpp"
#include "report.hpp"

namespace minga::cli {

Format output_format(const Arguments& args, const std::string& path) {
  Format format = format_option(args, "to");
  if (format == Format::auto_detect && path != "-") format = format_from_extension(path);
  if (format == Format::auto_detect)
    throw UsageError("cannot tell the output format of '" + path + "' from its name; give --to F");
  return format;
}

void write_output(const Election& election, const std::string& path, Format format) {
  if (path == "-") {
    write_election(election, std::cout, format);
    return;
  }
  write_election(election, std::filesystem::path(path), format);
  std::cerr << "minga: wrote " << path << " (" << format_name(format) << ", " << grouped(election.profile.num_ballots())
            << " ballots, " << grouped(static_cast<std::uint64_t>(election.profile.num_entries())) << " distinct)\n";
}

namespace {

int run_convert(const Arguments& args) {
  const std::string& in = args.positional()[0];
  const std::string& out = args.positional()[1];
  Format to = output_format(args, out);
  Election election = read_input(in, format_option(args, "from"));
  write_output(election, out, to);
  return exit_ok;
}

}  // namespace

const CommandSpec& convert_command() {
  static const CommandSpec spec{
      "convert",
      "convert IN OUT [--from F] [--to F]",
      "read an election in any format and write it in another",
      "Reads IN and writes the same election to OUT. Formats come from the file\n"
      "extensions (.pb .soc .soi .toc .toi .cat .blt .csv .json .mingab) unless\n"
      "named. '-' as IN reads standard input; '-' as OUT writes standard output\n"
      "(then --to is needed). OUT is replaced only once it is completely written.\n"
      "A format that cannot hold the ballots (approval ballots as BLT, ...) is an\n"
      "error, never a silent loss.\n\n"
      "options:\n"
      "  --from F   read IN as format F (pabulib, preflib, blt, csv, scottish,\n"
      "             patterns, json, binary)\n"
      "  --to F     write OUT as format F (pabulib, preflib, blt, csv, json, binary,\n"
      "             cdf: NIST CDF JSON cast vote records, ranked ballots)\n",
      {},
      {"from", "to"},
      2,
      2,
      &run_convert,
  };
  return spec;
}

}  // namespace minga::cli
