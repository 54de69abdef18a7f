// SPDX-License-Identifier: Apache-2.0
// The catalogue of malformed inputs: every file in tests/malformed/<group>/ must be
// refused with a minga::Error whose message contains the text its expected.tsv gives
// (which names the line and the field). Never a crash, a hang or a silent success.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "minga/io/format.hpp"

namespace fs = std::filesystem;

TEST_CASE("Every malformed input is refused with a precise error", "[malformed]") {
  const fs::path root = fs::path(MINGA_TEST_SOURCE_DIR) / "malformed";
  REQUIRE(fs::is_directory(root));
  int cases = 0;
  for (const auto& group : fs::directory_iterator(root)) {
    if (!group.is_directory()) continue;
    const fs::path manifest = group.path() / "expected.tsv";
    REQUIRE(fs::exists(manifest));
    std::set<std::string> listed;
    std::ifstream in(manifest);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      auto tab = line.find('\t');
      REQUIRE(tab != std::string::npos);
      const std::string file = line.substr(0, tab), expected = line.substr(tab + 1);
      listed.insert(file);
      const fs::path path = group.path() / file;
      INFO("case " << path.string() << " must fail with: " << expected);
      REQUIRE(fs::exists(path));
      bool refused = false;
      try {
        minga::read_election(path);
      } catch (const minga::Error& e) {
        refused = true;
        CHECK_THAT(std::string(e.what()), Catch::Contains(expected));
        CHECK(e.where().file == path.string());
      }
      CHECK(refused);
      ++cases;
    }
    // Every file in the folder is a case: none is forgotten.
    for (const auto& f : fs::directory_iterator(group.path()))
      if (f.path().filename() != "expected.tsv") CHECK(listed.count(f.path().filename().string()) == 1);
  }
  CHECK(cases >= 10);
}
