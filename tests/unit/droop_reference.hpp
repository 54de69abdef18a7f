// SPDX-License-Identifier: Apache-2.0
// tests/unit/droop_reference.hpp - reading Droop's STV reference counts (../shared/data/droop).
//
// The data is GPL and stays in shared/data: tests read it when present and
// skip with a visible WARN otherwise. Layout and naming: shared/data/droop/README.md.
#pragma once

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <algorithm>
#include <utility>
#include <sstream>
#include <string>
#include <vector>

#include "minga/core/number.hpp"
#include "minga/io/format.hpp"
#include "minga/ranked/result.hpp"
#include "minga/ranked/tiebreak.hpp"

namespace minga::test::droop {

namespace fs = std::filesystem;
using nlohmann::json;

inline const fs::path kDroop = fs::path(MINGA_SHARED_DATA) / "droop";

inline Election read_blt_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return read_blt(in, path.string());
}

inline json read_json(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return json::parse(in);
}

/// Every reference file of ref/json and ref/json/<sub>, sorted, each with the folder of its ballot files.
inline std::vector<std::pair<fs::path, fs::path>> reference_files(const std::string& sub) {
  const fs::path refs = kDroop / "ref" / "json";
  std::vector<std::pair<fs::path, fs::path>> out;
  for (const auto& [folder, blt_dir] : {std::pair{refs, kDroop / "blt"}, std::pair{refs / sub, kDroop / "blt" / sub}})
    for (const auto& entry : fs::directory_iterator(folder))
      if (entry.is_regular_file()) out.emplace_back(entry.path(), blt_dir);
  std::sort(out.begin(), out.end());
  return out;
}

/// Droop's tie order: the BLT's [tie ...] line, else ballot order. "By lot" takes the first.
inline ranked::TieBreak droop_lot(const Election& e, ranked::LookBack look_back) {
  ranked::TieBreak t;
  t.look_back = look_back;
  t.final = ranked::TieFinal::lot_order;
  if (const std::string* order = e.meta_value("tie")) {
    std::istringstream words(*order);
    std::uint32_t k;
    while (words >> k) t.order.push_back(k - 1);
  }
  return t;
}

/// x rounded half up to `places` decimals, as Droop prints rational and guarded values.
inline std::string half_up(const Rational& x, unsigned places) {
  Integer scale = 1;
  for (unsigned i = 0; i < places; ++i) scale *= 10;
  const Rational scaled = x * scale + Rational(1, 2);
  Integer whole = numerator(scaled) / denominator(scaled);
  if (scaled < 0 && Rational(whole) != scaled) whole -= 1;
  return to_fixed_string(Rational(whole, scale), places);
}

/// The candidates elected at the end of the count ("1"-based ids).
inline std::set<std::string> droop_winners(const json& ref) {
  std::set<std::string> out;
  const json& end = ref["actions"].back();
  for (auto it = end["cstate"].begin(); it != end["cstate"].end(); ++it)
    if (it.value()["state"] == "elected") out.insert(it.key());
  return out;
}

/// Droop's candidate id of minga's candidate index.
inline std::string cid(std::uint32_t c) { return std::to_string(c + 1); }

/// The first few differences of one case.
struct Diff {
  std::vector<std::string> lines;
  void add(const std::string& line) {
    if (lines.size() < 6) lines.push_back(line);
  }
  bool empty() const { return lines.empty(); }
  std::string text() const {
    std::string out;
    for (const auto& l : lines) out += "    " + l + "\n";
    return out;
  }
};

inline std::set<std::string> actions_of(const ranked::Round& round, ranked::ActionKind kind) {
  std::set<std::string> out;
  for (const auto& a : round.actions)
    if (a.kind == kind) out.insert(cid(a.candidate));
  return out;
}

inline std::string joined(const std::set<std::string>& s) {
  std::string out;
  for (const auto& x : s) out += (out.empty() ? "" : ",") + x;
  return "{" + out + "}";
}

}  // namespace minga::test::droop
