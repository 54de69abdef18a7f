// SPDX-License-Identifier: Apache-2.0
// tests/fuzz/make_seeds.cpp - turns election files into seed inputs for every writable format (used by scripts/fuzz).
//
//   fuzz_make_seeds SEED_ROOT MAX_BYTES FILE...
//
// Each FILE that reads is written in pabulib, PrefLib, BLT, CSV, JSON and
// binary where the format can hold it, as SEED_ROOT/<format>/<file name>.<ext>,
// skipping outputs over MAX_BYTES. Files that do not read are reported and skipped.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>

#include "minga/core/error.hpp"
#include "minga/io/format.hpp"

namespace {

struct Target {
  minga::Format format;
  const char* folder;
  const char* extension;
};

constexpr Target kTargets[] = {
    {minga::Format::pabulib, "pabulib", ".pb"}, {minga::Format::preflib, "preflib", ".soi"},
    {minga::Format::blt, "blt", ".blt"},        {minga::Format::csv, "csv", ".csv"},
    {minga::Format::json, "json", ".json"},     {minga::Format::binary, "binary", ".mingab"},
};

int write_seeds(const minga::Election& election, const std::filesystem::path& root, std::size_t max_bytes,
                const std::string& stem) {
  int written = 0;
  for (const Target& target : kTargets) {
    std::string text;
    try {
      text = minga::write_election_to_string(election, target.format);
    } catch (const minga::Error&) {
      continue;  // this format cannot hold the election
    }
    if (text.size() > max_bytes) continue;
    std::filesystem::path folder = root / target.folder;
    std::filesystem::create_directories(folder);
    std::ofstream out(folder / ("converted-" + stem + target.extension), std::ios::binary);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    ++written;
  }
  return written;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s SEED_ROOT MAX_BYTES FILE...\n", argv[0]);
    return 2;
  }
  const std::filesystem::path root = argv[1];
  const std::size_t max_bytes = std::strtoull(argv[2], nullptr, 10);
  int read = 0, seeds = 0;
  for (int i = 3; i < argc; ++i) {
    const std::filesystem::path path = argv[i];
    try {
      minga::Election election = minga::read_election(path);
      ++read;
      seeds += write_seeds(election, root, max_bytes, path.filename().string());
    } catch (const minga::Error& e) {
      std::fprintf(stderr, "  (not converted: %s)\n", e.what());
    } catch (const std::exception& e) {  // a reader bug: the fuzz targets will report it
      std::fprintf(stderr, "  (not converted, and not a minga::Error: %s: %s)\n", path.string().c_str(), e.what());
    }
  }
  std::printf("converted %d of %d files into %d seeds\n", read, argc - 3, seeds);
  return 0;
}
