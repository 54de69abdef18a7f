// SPDX-License-Identifier: Apache-2.0
// apps/minga/html_text.hpp - every word the HTML report (`minga report`) shows, in Spanish,
// Portuguese, English and French. Text that comes from the result itself (names, rule
// names, reasons written by the rules) is shown as given.
#pragma once

#include <string_view>

namespace minga::cli::html {

/// The report's languages; Spanish is the default (minga's users are mostly in Latin America).
enum class Language { es, pt, en, fr };

/// "es", "pt", "en" or "fr"; anything else is a UsageError listing the four.
Language language_from_name(std::string_view name);
/// The language's code for <html lang="..">.
std::string_view language_code(Language language);

/// One user-interface string of the report. The table in html_text.cpp has one row
/// per message, in this order, with all four languages (checked at compile time).
enum class Msg {
  page_title,
  made_by,
  contents,
  // ranked counts
  ranked_title,
  method,
  seats,
  ballots,
  blank_ballots,
  winners,
  complete,
  incomplete,
  flow_title,
  flow_caption,
  round_table_title,
  round,
  candidate,
  inactive,
  threshold,
  decisions,
  elected,
  excluded,
  surplus_of,
  scores_title,
  ties_title,
  tie_between,
  tie_settled_by,
  unresolved_tie,
  notes,
  // participatory budgets
  budget_title,
  rule,
  satisfaction,
  budget,
  voters,
  total_cost,
  left_over,
  exhaustive,
  endowment,
  budget_use_title,
  funded_title,
  unfunded_title,
  excluded_title,
  project,
  cost,
  votes,
  phase,
  effective_votes,
  reason,
  analysis_title,
  empty_handed,
  average_funded,
  satisfied,
  fails,
  price_system,
  valid,
  not_valid,
  comparison_title,
  comparison_caption,
  funded_yes,
  funded_no,
  projects_funded,
  // quadratic voting
  qv_title,
  credits,
  counted,
  rejected,
  option,
  name,
  votes_for,
  votes_against,
  credits_spent,
  spent_everything,
  rejected_title,
  more_rejected,
  strata_title,
  channel,
  district,
  // quadratic funding
  qf_title,
  pool,
  matched,
  unallocated,
  variant,
  fit,
  saturated,
  alpha,
  contributions,
  donors,
  match,
  funding,
  capped,
  share,
  why,
  // verification
  verification_title,
  verified,
  rejected_record,
  check,
  outcome,
  pass,
  fail,
  // shared words
  yes,
  no,
  count_
};

/// The message in the language.
std::string_view text(Msg message, Language language);

}  // namespace minga::cli::html
