// SPDX-License-Identifier: Apache-2.0
// apps/minga/html_report.hpp - `minga report`: one self-contained HTML page (inline CSS and SVG,
// no script, nothing fetched) from the JSON results of `minga tally`, `budget`, `qv`, `qf` and `verify`.
//
// The kind of each result is read from its "schema" field:
//   minga.result/1          ranked count: winners, a Sankey-style chart of the votes moving
//                           between rounds, the round table, scores, ties
//   minga.budget.result/1   participatory budget: funded and unfunded projects with cost and
//                           votes, the use of the budget, proportionality checks; two or more
//                           budget results are also compared project by project (MES vs greedy)
//   minga.qv/1, minga.qf/1  quadratic voting totals, quadratic funding matches
//   minga.verification/1    the verifier's checks with PASS or FAIL
// A file may hold one result or a JSON array of results (`minga tally A B --json`).
// Numbers are shown exactly as the JSON gives them; every string from the input is HTML-escaped.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "cli.hpp"
#include "html_text.hpp"

namespace minga::cli {
/// The `report` command (registered in main.cpp).
const CommandSpec& report_command();
}  // namespace minga::cli

namespace minga::cli::html {

/// One result file, parsed.
struct ReportInput {
  std::string file;  ///< as given on the command line (shown in the report and in errors)
  nlohmann::json json;
};

/// Reads and parses `path`; an unreadable file or malformed JSON is an Error naming the file.
ReportInput read_report_input(const std::string& path);

/// The whole page. Throws Error(parse) naming the file and the field when a result
/// lacks a field or holds the wrong type there.
std::string render_report(const std::vector<ReportInput>& inputs, Language language);

/// Text made safe for HTML content and attribute values (& < > " ').
std::string escape(std::string_view text);

}  // namespace minga::cli::html
