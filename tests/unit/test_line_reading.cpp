// SPDX-License-Identifier: Apache-2.0
// Unit tests: line endings and lines that straddle the reader's block boundaries.
#include <catch2/catch.hpp>

#include "minga/io/format.hpp"

using namespace minga;

namespace {
// A ranked CSV of `rows` ballots whose lines have varied lengths, ended by `eol`.
std::string csv(std::size_t rows, const std::string& eol) {
  std::string text = "count,rank1,rank2,rank3" + eol;
  const char* names[] = {"Ana", "Bartolome de las Casas Rodriguez", "Cai", "Dolores"};
  for (std::size_t i = 0; i < rows; ++i)
    text += std::to_string(i % 7 + 1) + "," + names[i % 4] + "," + names[(i + 1) % 4] + "," + names[(i / 4) % 4] + eol;
  return text;
}
std::uint64_t expected_ballots(std::size_t rows) {
  std::uint64_t n = 0;
  for (std::size_t i = 0; i < rows; ++i) n += i % 7 + 1;
  return n;
}
}  // namespace

TEST_CASE("Large inputs read the same whatever their line endings", "[io][lines]") {
  const std::size_t rows = 40000;  // about 1.6 MB: several block boundaries fall inside lines
  const ReadOptions options{Format::csv, {}, "big.csv"};
  for (const std::string eol : {"\n", "\r\n", "\r"}) {
    INFO("line ending of " << eol.size() << " byte(s), first char " << int(eol[0]));
    Election e = read_election_from_string(csv(rows, eol), options);
    CHECK(e.profile.num_ballots() == expected_ballots(rows));
    CHECK(e.num_alternatives() == 4);
  }
  // No newline at the very end.
  std::string text = csv(rows, "\r\n");
  text.resize(text.size() - 2);
  CHECK(read_election_from_string(text, options).profile.num_ballots() == expected_ballots(rows));
}

TEST_CASE("A very long line is read whole, and a NUL byte is refused with its line", "[io][lines]") {
  std::string long_name(3 << 20, 'x');  // one 3 MiB candidate name
  std::string text = "count,rank1\n2," + long_name + "\n1,Ana\n";
  Election e = read_election_from_string(text, ReadOptions{Format::csv, {}, "long.csv"});
  CHECK(e.profile.num_ballots() == 3);
  CHECK(e.alternatives[0].id.size() == long_name.size());
  std::string nul = csv(5000, "\n");
  nul[nul.size() - 10] = '\0';
  CHECK_THROWS_WITH(read_election_from_string(nul, ReadOptions{Format::csv, {}, "nul.csv"}), Catch::Contains("nul.csv:5001:"));
}
