// SPDX-License-Identifier: Apache-2.0
// apps/minga/html_report.cpp - `minga report RESULT.json... [-o report.html] [--lang es|pt|en|fr]`:
// the results of the other commands as one self-contained HTML page (see html_report.hpp).
#include "html_report.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>

#include "cli.hpp"
#include "minga/core/error.hpp"
#include "minga/core/number.hpp"

namespace minga::cli::html {

namespace {

using nlohmann::json;

// ---- reading the result: every access names the file and the field when it fails ----------------

class Field {
 public:
  Field(const json& value, const std::string& file, std::string path)
      : value_(&value), file_(&file), path_(std::move(path)) {}

  [[noreturn]] void fail(const std::string& reason) const {
    throw Error(Errc::parse, Location{*file_, 0, path_.empty() ? "(top level)" : path_}, reason);
  }
  const std::string& path() const { return path_; }
  bool is_null() const { return value_->is_null(); }
  bool is_array() const { return value_->is_array(); }

  std::optional<Field> find(std::string_view key) const {
    require_object();
    auto it = value_->find(key);
    if (it == value_->end() || it->is_null()) return std::nullopt;
    return Field(*it, *file_, child(key));
  }
  Field at(std::string_view key) const {
    auto field = find(key);
    if (!field) Field(*value_, *file_, child(key)).fail("missing");
    return *field;
  }
  std::vector<Field> items() const {
    if (!value_->is_array()) fail("expected an array, got " + std::string(value_->type_name()));
    std::vector<Field> out;
    for (std::size_t i = 0; i < value_->size(); ++i)
      out.emplace_back((*value_)[i], *file_, path_ + "[" + std::to_string(i) + "]");
    return out;
  }
  std::vector<std::pair<std::string, Field>> members() const {
    require_object();
    std::vector<std::pair<std::string, Field>> out;
    for (auto it = value_->begin(); it != value_->end(); ++it)
      out.emplace_back(it.key(), Field(it.value(), *file_, child(it.key())));
    return out;
  }
  /// A string, or a whole number or boolean written as text.
  std::string str() const {
    if (value_->is_string()) return value_->get<std::string>();
    if (value_->is_number_integer() || value_->is_number_unsigned()) return value_->dump();
    if (value_->is_boolean()) return value_->get<bool>() ? "true" : "false";
    fail("expected text or a whole number, got " + std::string(value_->type_name()));
  }
  /// An exact number: "12", "0.0937", "1/3" or a JSON integer.
  Rational exact() const {
    if (value_->is_number_integer() || value_->is_number_unsigned()) return parse_decimal(value_->dump(), path_);
    if (!value_->is_string())
      fail("expected an exact number (a string such as \"12\" or \"1/3\"), got " + std::string(value_->type_name()));
    try {
      return parse_decimal(value_->get<std::string>(), path_);
    } catch (const Error& e) {
      std::string reason = e.reason();  // "<path>: 'x' is not ...": the path is already in the location
      if (reason.rfind(path_ + ": ", 0) == 0) reason.erase(0, path_.size() + 2);
      fail(reason);
    }
  }
  bool boolean() const {
    if (!value_->is_boolean()) fail("expected true or false, got " + std::string(value_->type_name()));
    return value_->get<bool>();
  }

 private:
  void require_object() const {
    if (!value_->is_object()) fail("expected an object, got " + std::string(value_->type_name()));
  }
  std::string child(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  const json* value_;
  const std::string* file_;
  std::string path_;
};

// ---- writing HTML --------------------------------------------------------------------------------

/// Rational -> "12.34" (toward zero): coordinates and bar widths, never a displayed result.
std::string fixed(const Rational& value, unsigned digits = 2) {
  return to_fixed_string(value, digits);
}

/// part / whole in percent for a CSS width ("0" when whole is 0).
std::string percent_width(const Rational& part, const Rational& whole) {
  if (whole <= 0 || part <= 0) return "0";
  return fixed(std::min<Rational>(part * 100 / whole, 100), 1);
}

/// At most `limit` characters (UTF-8 code points) of `text`, with an ellipsis when cut.
std::string shorten(const std::string& text, std::size_t limit) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // a continuation byte
    if (++chars > limit) return text.substr(0, i) + "\u2026";
  }
  return text;
}

/// A small horizontal bar: fills of the given widths (percent) and classes, side by side in a fixed track.
std::string bar(std::initializer_list<std::pair<std::string, std::string_view>> fills) {
  std::string out = "<span class=\"track\">";
  for (const auto& [width, cls] : fills)
    out += "<span class=\"fill" + std::string(cls.empty() ? "" : " ") + std::string(cls) + "\" style=\"width:" + width +
           "%\"></span>";
  return out + "</span>";
}

// Tableau 10, a palette readable on paper and by most colour-blind readers; inactive ballots are grey.
constexpr std::array<std::string_view, 10> palette{"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                                   "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#86bcb6"};
constexpr std::string_view inactive_colour = "#9a9a9a";
std::string_view colour(std::size_t i) {
  return palette[i % palette.size()];
}

class Page {
 public:
  explicit Page(Language language) : language_(language) {}

  std::string_view t(Msg m) const { return text(m, language_); }
  Language language() const { return language_; }

  Page& raw(std::string_view html) {
    out_ += html;
    return *this;
  }
  Page& esc(std::string_view text) {
    out_ += escape(text);
    return *this;
  }
  Page& msg(Msg m) { return esc(t(m)); }
  /// <tag class="..">escaped text</tag>
  Page& element(std::string_view tag, std::string_view text, std::string_view cls = {}) {
    out_ += "<" + std::string(tag);
    if (!cls.empty()) out_ += " class=\"" + std::string(cls) + "\"";
    out_ += ">" + escape(text) + "</" + std::string(tag) + ">";
    return *this;
  }
  /// One row of a summary list: <dt>label</dt><dd>value</dd>.
  Page& fact(Msg label, std::string_view value) {
    out_ += "<div><dt>" + escape(t(label)) + "</dt><dd>" + escape(value) + "</dd></div>\n";
    return *this;
  }
  Page& yes_no_fact(Msg label, bool value) { return fact(label, t(value ? Msg::yes : Msg::no)); }
  /// A fact whose value is long text (a rule with its parameters): the whole width, in code type.
  Page& long_fact(Msg label, std::string_view value) {
    out_ += "<div class=\"wide\"><dt>" + escape(t(label)) + "</dt><dd><code>" + escape(value) + "</code></dd></div>\n";
    return *this;
  }

  /// Opens a table that scrolls sideways on a narrow screen, with these column headings
  /// (after a "#" column when `numbered`); close_table() ends it.
  Page& open_table(std::string_view cls, const std::vector<Msg>& headings, bool numbered = false) {
    out_ += "<div class=\"scroll\"><table" + (cls.empty() ? std::string() : " class=\"" + std::string(cls) + "\"") +
            "><thead><tr>" + (numbered ? "<th>#</th>" : "");
    for (Msg heading : headings) out_ += "<th>" + escape(t(heading)) + "</th>";
    out_ += "</tr></thead><tbody>\n";
    return *this;
  }
  Page& close_table() { return raw("</tbody></table></div>\n"); }

  /// A section with an anchor for the table of contents.
  void open_section(std::string_view title, std::string_view file) {
    const std::string id = "s" + std::to_string(contents_.size() + 1);
    contents_.push_back({id, std::string(title)});
    out_ += "<section id=\"" + id + "\">\n<h2>" + escape(title) + "</h2>\n";
    if (!file.empty()) out_ += "<p class=\"file\"><code>" + escape(file) + "</code></p>\n";
  }
  void close_section() { out_ += "</section>\n"; }

  const std::string& body() const { return out_; }
  const std::vector<std::pair<std::string, std::string>>& contents() const { return contents_; }

 private:
  Language language_;
  std::string out_;
  std::vector<std::pair<std::string, std::string>> contents_;
};

void notes_list(Page& page, const std::optional<Field>& notes) {
  if (!notes) return;
  const auto items = notes->items();
  if (items.empty()) return;
  page.raw("<h3>").msg(Msg::notes).raw("</h3>\n<ul class=\"notes\">\n");
  for (const Field& note : items) page.raw("<li>").esc(note.str()).raw("</li>\n");
  page.raw("</ul>\n");
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out;
}

// ---- ranked counts (minga.result/1) --------------------------------------------------------------

struct RankedAction {
  std::string kind;  // "elected", "excluded", "surplus_of"
  std::string candidate;
  std::vector<std::pair<std::string, Rational>> transfers;
  Rational exhausted;
};

struct RankedRound {
  std::map<std::string, std::string> shown;  // candidate -> total as the JSON gives it
  std::map<std::string, Rational> tally;
  Rational inactive;
  std::vector<std::string> inactive_reasons;  // "overvote 2", ...
  std::optional<std::string> threshold;
  std::vector<RankedAction> actions;
};

RankedRound read_round(const Field& f) {
  RankedRound round;
  for (const auto& [name, value] : f.at("tally").members()) {
    round.shown[name] = value.str();
    round.tally[name] = value.exact();
  }
  if (auto inactive = f.find("inactive"))
    for (const auto& [reason, value] : inactive->members()) {
      round.inactive += value.exact();
      if (value.exact() != 0) round.inactive_reasons.push_back(reason + " " + value.str());
    }
  if (auto threshold = f.find("threshold")) round.threshold = threshold->str();
  for (const Field& a : f.at("actions").items()) {
    RankedAction action;
    for (std::string_view kind : {"elected", "excluded", "surplus_of"})
      if (auto who = a.find(kind)) {
        action.kind = kind;
        action.candidate = who->str();
      }
    if (action.kind.empty()) a.fail("an action names none of elected, excluded, surplus_of");
    if (auto transfers = a.find("transfers"))
      for (const auto& [to, value] : transfers->members()) action.transfers.emplace_back(to, value.exact());
    if (auto exhausted = a.find("exhausted"))
      for (const auto& [reason, value] : exhausted->members()) action.exhausted += value.exact();
    round.actions.push_back(std::move(action));
  }
  return round;
}

Msg action_word(const std::string& kind) {
  if (kind == "elected") return Msg::elected;
  if (kind == "excluded") return Msg::excluded;
  return Msg::surplus_of;
}

/// The Sankey-style chart: a column of candidate bars per round (ballots still counting,
/// inactive ballots in grey at the bottom) and bands for the votes that stay, move or stop counting.
void flow_chart(Page& page, const std::vector<std::string>& candidates, const std::vector<RankedRound>& rounds) {
  Rational total = 0;  // the tallest column sets the scale
  for (const RankedRound& r : rounds) {
    Rational column = r.inactive;
    for (const auto& [name, v] : r.tally) column += v;
    total = std::max(total, column);
  }
  if (total == 0) return;
  const int top = 24, gap = 6, node_width = 14, column_step = 130, left = 8;
  const int value_height = 300;
  const int height = top + value_height + gap * static_cast<int>(candidates.size() + 1) + 8;
  const int width =
      left + column_step * static_cast<int>(rounds.size() - 1) + node_width + 170;  // room for the last labels
  const Rational scale = Rational(value_height) / total;
  std::map<std::string, std::size_t> index;
  for (std::size_t c = 0; c < candidates.size(); ++c) index[candidates[c]] = c;

  struct Node {
    Rational y, h, out, in;  // position, height, and how much of it flows already drawn
  };
  std::vector<std::map<std::string, Node>> nodes(rounds.size());
  const std::string inactive_key = "\x01inactive";  // a control character: no real name is spelt so
  for (std::size_t r = 0; r < rounds.size(); ++r) {
    Rational y = top;
    for (const std::string& name : candidates) {
      auto it = rounds[r].tally.find(name);
      if (it == rounds[r].tally.end()) continue;
      nodes[r][name] = {y, it->second * scale, 0, 0};
      y += it->second * scale + gap;
    }
    nodes[r][inactive_key] = {y, rounds[r].inactive * scale, 0, 0};
  }
  auto colour_of = [&](const std::string& name) {
    auto it = index.find(name);
    return it == index.end() ? inactive_colour : colour(it->second);
  };
  auto label_of = [&](const std::string& name) {
    return name == inactive_key ? std::string(page.t(Msg::inactive)) : name;
  };

  page.raw("<div class=\"chart\"><svg role=\"img\" viewBox=\"0 0 " + std::to_string(width) + " " +
           std::to_string(height) + "\" width=\"" + std::to_string(width) + "\" height=\"" + std::to_string(height) +
           "\" style=\"min-width:" + std::to_string(std::min(width, 360 + 60 * static_cast<int>(rounds.size()))) +
           "px\">\n<title>")
      .msg(Msg::flow_title)
      .raw("</title>\n");
  // Bands first, so the bars are drawn over their ends.
  auto band = [&](std::size_t r, const std::string& from, const std::string& to, Rational votes,
                  const std::string& shown) {
    auto source = nodes[r].find(from);
    auto target = nodes[r + 1].find(to);
    if (source == nodes[r].end() || target == nodes[r + 1].end() || votes <= 0) return;
    const Rational h = votes * scale;
    const Rational x0 = left + column_step * static_cast<int>(r) + node_width, x1 = x0 + column_step - node_width;
    const Rational xm = (x0 + x1) / 2;
    const Rational y0 = source->second.y + source->second.out, y1 = target->second.y + target->second.in;
    source->second.out += h;
    target->second.in += h;
    page.raw("<path class=\"band\" fill=\"")
        .raw(colour_of(from))
        .raw("\" d=\"M" + fixed(x0) + " " + fixed(y0) + "C" + fixed(xm) + " " + fixed(y0) + " " + fixed(xm) + " " +
             fixed(y1) + " " + fixed(x1) + " " + fixed(y1) + "L" + fixed(x1) + " " + fixed(y1 + h) + "C" + fixed(xm) +
             " " + fixed(y1 + h) + " " + fixed(xm) + " " + fixed(y0 + h) + " " + fixed(x0) + " " + fixed(y0 + h) +
             "Z\">");
    page.raw("<title>")
        .esc(label_of(from) + (from == to ? "" : " \u2192 " + label_of(to)) + ": " + shown)
        .raw("</title></path>\n");
  };
  for (std::size_t r = 0; r + 1 < rounds.size(); ++r) {
    const RankedRound& now = rounds[r];
    const RankedRound& next = rounds[r + 1];
    // Votes that stay: the total less what its actions moved, never more than it holds next round.
    for (const auto& [name, votes] : now.tally) {
      auto later = next.tally.find(name);
      if (later == next.tally.end()) continue;
      Rational moved = 0;
      for (const RankedAction& a : now.actions)
        if (a.candidate == name) {
          for (const auto& [to, v] : a.transfers) moved += v;
          moved += a.exhausted;
        }
      const Rational stay = std::min<Rational>(votes - moved, later->second);
      band(r, name, name, stay, to_exact_string(stay));
    }
    band(r, inactive_key, inactive_key, std::min(now.inactive, next.inactive),
         to_exact_string(std::min(now.inactive, next.inactive)));
    for (const RankedAction& a : now.actions) {
      for (const auto& [to, v] : a.transfers) band(r, a.candidate, to, v, to_exact_string(v));
      band(r, a.candidate, inactive_key, a.exhausted, to_exact_string(a.exhausted));
    }
  }
  for (std::size_t r = 0; r < rounds.size(); ++r) {
    const int x = left + column_step * static_cast<int>(r);
    page.raw("<text class=\"round\" x=\"" + std::to_string(x) + "\" y=\"14\">")
        .msg(Msg::round)
        .raw(" " + std::to_string(r + 1) + "</text>\n");
    for (const auto& [name, node] : nodes[r]) {
      if (node.h <= 0) continue;
      const bool inactive = name == inactive_key;
      const std::string shown = inactive ? to_exact_string(rounds[r].inactive) : rounds[r].shown.at(name);
      page.raw("<rect x=\"" + std::to_string(x) + "\" y=\"" + fixed(node.y) + "\" width=\"" +
               std::to_string(node_width) + "\" height=\"" + fixed(std::max<Rational>(node.h, Rational(1, 2))) +
               "\" fill=\"")
          .raw(colour_of(name))
          .raw("\"><title>")
          .esc(label_of(name) + ": " + shown)
          .raw("</title></rect>\n");
      // Names beside the first and the last column, where there is room.
      if ((r == 0 || r + 1 == rounds.size()) && node.h >= 10) {
        const std::string label = shorten(label_of(name), r + 1 == rounds.size() ? 22 : 14);
        page.raw("<text class=\"label\" x=\"" + std::to_string(x + node_width + 4) + "\" y=\"" +
                 fixed(node.y + node.h / 2 + 4) + "\">")
            .esc(label + " " + shown)
            .raw("</text>\n");
      }
    }
  }
  page.raw("</svg></div>\n<p class=\"caption\">").msg(Msg::flow_caption).raw("</p>\n<ul class=\"legend\">");
  for (std::size_t c = 0; c < candidates.size(); ++c)
    page.raw("<li><span class=\"swatch\" style=\"background:")
        .raw(colour(c))
        .raw("\"></span>")
        .esc(candidates[c])
        .raw("</li>");
  page.raw("<li><span class=\"swatch\" style=\"background:")
      .raw(inactive_colour)
      .raw("\"></span>")
      .msg(Msg::inactive)
      .raw("</li></ul>\n");
}

void round_table(Page& page, const std::vector<std::string>& candidates, const std::vector<std::string>& winners,
                 const std::vector<RankedRound>& rounds) {
  page.raw("<h3>")
      .msg(Msg::round_table_title)
      .raw("</h3>\n<div class=\"scroll\"><table class=\"rounds\">\n<thead><tr><th>")
      .msg(Msg::candidate)
      .raw("</th>");
  for (std::size_t r = 0; r < rounds.size(); ++r)
    page.raw("<th>").msg(Msg::round).raw(" " + std::to_string(r + 1) + "</th>");
  page.raw("</tr></thead>\n<tbody>\n");
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    const bool won = std::find(winners.begin(), winners.end(), candidates[c]) != winners.end();
    page.raw(won ? "<tr class=\"winner\">" : "<tr>")
        .raw("<th><span class=\"swatch\" style=\"background:")
        .raw(colour(c))
        .raw("\"></span>");
    page.esc(candidates[c]).raw(won ? " \u2605" : "").raw("</th>");
    for (const RankedRound& r : rounds) {
      auto it = r.shown.find(candidates[c]);
      page.raw("<td>").esc(it == r.shown.end() ? "\u2014" : it->second).raw("</td>");
    }
    page.raw("</tr>\n");
  }
  page.raw("<tr class=\"inactive\"><th>").msg(Msg::inactive).raw("</th>");
  for (const RankedRound& r : rounds)
    page.raw("<td title=\"").esc(joined(r.inactive_reasons)).raw("\">").esc(to_exact_string(r.inactive)).raw("</td>");
  page.raw("</tr>\n");
  if (std::any_of(rounds.begin(), rounds.end(), [](const RankedRound& r) { return r.threshold.has_value(); })) {
    page.raw("<tr class=\"threshold\"><th>").msg(Msg::threshold).raw("</th>");
    for (const RankedRound& r : rounds) page.raw("<td>").esc(r.threshold.value_or("\u2014")).raw("</td>");
    page.raw("</tr>\n");
  }
  page.raw("<tr class=\"decisions\"><th>").msg(Msg::decisions).raw("</th>");
  for (const RankedRound& r : rounds) {
    page.raw("<td>");
    for (const RankedAction& a : r.actions)
      page.raw("<div>").msg(action_word(a.kind)).raw(": ").esc(a.candidate).raw("</div>");
    page.raw("</td>");
  }
  page.raw("</tr>\n</tbody></table></div>\n");
}

std::string describe_tie(const Page& page, const Field& tie) {
  std::vector<std::string> tied;
  for (const Field& t : tie.at("tied").items()) tied.push_back(t.str());
  return joined(tied) + " \u2192 " + tie.at("chosen").str() + " (" + std::string(page.t(Msg::tie_settled_by)) + " " +
         tie.at("how").str() + ")";
}

void ranked_section(Page& page, const Field& result, const std::string& file) {
  page.open_section(std::string(page.t(Msg::ranked_title)) + ": " + result.at("method").str(), file);
  std::vector<std::string> candidates, winners;
  for (const Field& c : result.at("candidates").items()) candidates.push_back(c.str());
  for (const Field& w : result.at("winners").items()) winners.push_back(w.str());
  const bool complete = result.at("complete").boolean();
  page.raw("<p class=\"headline\"><span class=\"label\">").msg(Msg::winners).raw("</span> ");
  for (const std::string& w : winners) page.raw("<strong class=\"winner\">").esc(w).raw("</strong> ");
  page.raw("</p>\n<dl class=\"facts\">\n");
  page.fact(Msg::method, result.at("method").str())
      .fact(Msg::seats, result.at("seats").str())
      .fact(Msg::ballots, result.at("ballots").str());
  if (auto blank = result.find("blank_ballots")) page.fact(Msg::blank_ballots, blank->str());
  page.fact(complete ? Msg::complete : Msg::incomplete, page.t(complete ? Msg::yes : Msg::no));
  page.raw("</dl>\n");
  if (auto tie = result.find("unresolved_tie"))
    page.raw("<p class=\"alert\">").msg(Msg::unresolved_tie).raw(": ").esc(describe_tie(page, *tie)).raw("</p>\n");

  std::vector<RankedRound> rounds;
  for (const Field& r : result.at("rounds").items()) rounds.push_back(read_round(r));
  for (const RankedRound& r : rounds) {
    for (const auto& [name, v] : r.tally)
      if (std::find(candidates.begin(), candidates.end(), name) == candidates.end())
        result.at("rounds").fail("round tally names '" + name + "', who is not among the candidates");
  }
  if (!rounds.empty()) {
    page.raw("<h3>").msg(Msg::flow_title).raw("</h3>\n");
    flow_chart(page, candidates, rounds);
    round_table(page, candidates, winners, rounds);
  }
  if (auto scores = result.find("scores")) {
    page.raw("<h3>").msg(Msg::scores_title);
    if (auto name = result.find("score_name")) page.raw(" (").esc(name->str()).raw(")");
    page.raw("</h3>\n").open_table("", {Msg::candidate, Msg::scores_title});
    for (const auto& [name, value] : scores->members())
      page.raw("<tr><th>").esc(name).raw("</th><td>").esc(value.str()).raw("</td></tr>\n");
    page.close_table();
  }
  if (auto ties = result.find("ties"); ties && !ties->items().empty()) {
    page.raw("<h3>").msg(Msg::ties_title).raw("</h3>\n<ul>\n");
    for (const Field& tie : ties->items())
      page.raw("<li>").msg(Msg::tie_between).raw(" ").esc(describe_tie(page, tie)).raw("</li>\n");
    page.raw("</ul>\n");
  }
  notes_list(page, result.find("notes"));
  page.close_section();
}

// ---- participatory budgets (minga.budget.result/1) ----------------------------------------------

struct BudgetSummary {
  std::string label;                  // rule (and file when rules repeat)
  std::vector<std::string> projects;  // every project the result names, in order
  std::vector<std::string> funded;
  std::string total_cost;
};

void budget_section(Page& page, const Field& result, const std::string& file, BudgetSummary& summary) {
  const std::string rule = result.at("rule").str();
  const std::string rule_name = rule.substr(0, rule.find('('));  // "equal_shares(cost; ...)" -> "equal_shares"
  page.open_section(std::string(page.t(Msg::budget_title)) + ": " + rule_name, file);
  const Rational budget = result.at("budget").exact();
  const Rational total_cost = result.at("total_cost").exact();
  page.raw("<dl class=\"facts\">\n");
  page.long_fact(Msg::rule, rule);
  if (auto s = result.find("satisfaction")) page.fact(Msg::satisfaction, s->str());
  page.fact(Msg::budget, result.at("budget").str()).fact(Msg::voters, result.at("voters").str());
  page.fact(Msg::total_cost, result.at("total_cost").str()).fact(Msg::left_over, result.at("left_over").str());
  if (auto e = result.find("exhaustive")) page.yes_no_fact(Msg::exhaustive, e->boolean());
  if (auto e = result.find("endowment")) page.fact(Msg::endowment, e->str());
  page.raw("</dl>\n");

  const auto steps = result.at("steps").items();
  summary.label = rule_name;
  summary.total_cost = result.at("total_cost").str();
  // The budget as one bar: each funded project's share, then what is left.
  page.raw("<h3>").msg(Msg::budget_use_title).raw("</h3>\n<div class=\"budgetbar\" role=\"img\">");
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const std::string id = steps[i].at("project").str(), cost = steps[i].at("cost").str();
    page.raw("<span style=\"width:" + percent_width(steps[i].at("cost").exact(), budget) + "%;background:")
        .raw(colour(i))
        .raw("\" title=\"");
    page.esc(id + ": " + cost).raw("\"></span>");
  }
  page.raw("<span class=\"left\" style=\"width:" + percent_width(budget - total_cost, budget) + "%\" title=\"")
      .msg(Msg::left_over)
      .raw(": ")
      .esc(result.at("left_over").str())
      .raw("\"></span></div>\n");
  page.raw("<p class=\"caption\">")
      .msg(Msg::total_cost)
      .raw(": ")
      .esc(summary.total_cost)
      .raw(" / ")
      .esc(result.at("budget").str())
      .raw("</p>\n");

  const auto unfunded = result.at("unfunded").items();
  Rational most_votes = 0;
  bool effective = false, unfunded_votes = false;
  for (const Field& s : steps) {
    most_votes = std::max(most_votes, s.at("supporters").exact());
    effective = effective || s.find("effective_votes").has_value();
  }
  for (const Field& u : unfunded)  // older results do not give the votes of unfunded projects
    if (auto votes = u.find("supporters")) {
      most_votes = std::max(most_votes, votes->exact());
      unfunded_votes = true;
    }
  std::vector<Msg> headings{Msg::project, Msg::cost, Msg::votes};
  if (effective) headings.push_back(Msg::effective_votes);
  headings.push_back(Msg::phase);
  page.raw("<h3>").msg(Msg::funded_title).raw(" (" + std::to_string(steps.size()) + ")</h3>\n");
  page.open_table("funded", headings, true);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const Field& s = steps[i];
    const std::string id = s.at("project").str();
    summary.projects.push_back(id);
    summary.funded.push_back(id);
    page.raw("<tr><td>" + std::to_string(i + 1) + "</td><th><span class=\"swatch\" style=\"background:")
        .raw(colour(i))
        .raw("\"></span>")
        .esc(id)
        .raw("</th>");
    page.raw("<td>")
        .esc(s.at("cost").str())
        .raw("</td><td class=\"barcell\">" + bar({{percent_width(s.at("supporters").exact(), most_votes), ""}}));
    page.esc(s.at("supporters").str()).raw("</td>");
    if (effective)
      page.raw("<td>").esc(s.find("effective_votes") ? s.at("effective_votes").str() : "\u2014").raw("</td>");
    page.raw("<td>").esc(s.at("phase").str()).raw("</td></tr>\n");
  }
  page.close_table();

  if (!unfunded.empty()) {
    headings = {Msg::project, Msg::cost};
    if (unfunded_votes) headings.push_back(Msg::votes);
    headings.push_back(Msg::reason);
    page.raw("<h3>").msg(Msg::unfunded_title).raw(" (" + std::to_string(unfunded.size()) + ")</h3>\n");
    page.open_table("unfunded", headings);
    for (const Field& u : unfunded) {
      summary.projects.push_back(u.at("project").str());
      page.raw("<tr><th>").esc(u.at("project").str()).raw("</th><td>").esc(u.at("cost").str()).raw("</td>");
      if (unfunded_votes) {
        const auto votes = u.find("supporters");
        page.raw("<td class=\"barcell\">" + bar({{votes ? percent_width(votes->exact(), most_votes) : "0", "muted"}}));
        page.esc(votes ? votes->str() : "\u2014").raw("</td>");
      }
      page.raw("<td class=\"text\">").esc(u.at("reason").str()).raw("</td></tr>\n");
    }
    page.close_table();
  }
  if (auto excluded = result.find("excluded"); excluded && !excluded->items().empty()) {
    page.raw("<h3>").msg(Msg::excluded_title).raw("</h3>\n").open_table("", {Msg::project, Msg::reason});
    for (const Field& e : excluded->items()) {
      summary.projects.push_back(e.at("project").str());
      page.raw("<tr><th>")
          .esc(e.at("project").str())
          .raw("</th><td class=\"text\">")
          .esc(e.at("reason").str())
          .raw("</td></tr>\n");
    }
    page.close_table();
  }
  if (auto analysis = result.find("analysis")) {
    page.raw("<h3>").msg(Msg::analysis_title).raw("</h3>\n<dl class=\"facts\">\n");
    const Field all = analysis->at("all");
    page.fact(Msg::empty_handed, all.at("empty_handed").str() + " / " + all.at("voters").str());
    page.fact(Msg::average_funded, all.at("average_funded").str());
    if (auto channels = analysis->find("by_channel"))
      for (const auto& [name, v] : channels->members())
        page.raw("<div><dt>")
            .msg(Msg::empty_handed)
            .raw(" (")
            .msg(Msg::channel)
            .raw(": ")
            .esc(name)
            .raw(")</dt><dd>")
            .esc(v.at("empty_handed").str() + " / " + v.at("voters").str())
            .raw("</dd></div>\n");
    if (auto axioms = analysis->find("axioms"))
      for (const auto& [name, a] : axioms->members()) {
        const bool ok = a.at("satisfied").boolean();
        page.raw("<div><dt>")
            .esc(name)
            .raw("</dt><dd class=\"" + std::string(ok ? "pass" : "fail") + "\">")
            .msg(ok ? Msg::satisfied : Msg::fails);
        if (!ok)
          if (auto w = a.find("witness_projects")) {
            std::vector<std::string> ids;
            for (const Field& p : w->items()) ids.push_back(p.str());
            page.raw(" {").esc(joined(ids)).raw("}");
          }
        page.raw("</dd></div>\n");
      }
    if (auto prices = analysis->find("price_system")) {
      const bool ok = prices->at("valid").boolean();
      page.raw("<div><dt>")
          .msg(Msg::price_system)
          .raw("</dt><dd class=\"" + std::string(ok ? "pass" : "fail") + "\">")
          .msg(ok ? Msg::valid : Msg::not_valid)
          .raw("</dd></div>\n");
    }
    page.raw("</dl>\n");
    notes_list(page, analysis->find("notes"));
  }
  notes_list(page, result.find("notes"));
  page.close_section();
}

/// Two or more budget results side by side: which projects each rule funds.
void budget_comparison(Page& page, std::vector<BudgetSummary> results, const std::vector<std::string>& files) {
  std::vector<std::string> projects;
  for (std::size_t i = 0; i < results.size(); ++i) {
    for (const std::string& p : results[i].projects)
      if (std::find(projects.begin(), projects.end(), p) == projects.end()) projects.push_back(p);
    const bool repeated = std::count_if(results.begin(), results.end(),
                                        [&](const BudgetSummary& s) { return s.label == results[i].label; }) > 1;
    if (repeated) results[i].label += " (" + files[i] + ")";
  }
  page.open_section(page.t(Msg::comparison_title), {});
  page.raw("<p class=\"caption\">")
      .msg(Msg::comparison_caption)
      .raw("</p>\n<div class=\"scroll\"><table class=\"compare\"><thead><tr><th>")
      .msg(Msg::project)
      .raw("</th>");
  for (const BudgetSummary& s : results) page.raw("<th>").esc(s.label).raw("</th>");
  page.raw("</tr></thead><tbody>\n");
  for (const std::string& p : projects) {
    page.raw("<tr><th>").esc(p).raw("</th>");
    for (const BudgetSummary& s : results) {
      const bool funded = std::find(s.funded.begin(), s.funded.end(), p) != s.funded.end();
      page.raw(funded ? "<td class=\"yes\">\u2714 " : "<td class=\"no\">\u2014 ")
          .msg(funded ? Msg::funded_yes : Msg::funded_no)
          .raw("</td>");
    }
    page.raw("</tr>\n");
  }
  page.raw("<tr class=\"total\"><th>").msg(Msg::projects_funded).raw("</th>");
  for (const BudgetSummary& s : results) page.raw("<td>" + std::to_string(s.funded.size()) + "</td>");
  page.raw("</tr>\n<tr class=\"total\"><th>").msg(Msg::total_cost).raw("</th>");
  for (const BudgetSummary& s : results) page.raw("<td>").esc(s.total_cost).raw("</td>");
  page.raw("</tr>\n</tbody></table></div>\n");
  page.close_section();
}

// ---- quadratic voting and funding (minga.qv/1, minga.qf/1) --------------------------------------

void qv_section(Page& page, const Field& result, const std::string& file) {
  page.open_section(page.t(Msg::qv_title), file);
  const Field ballots = result.at("ballots"), spending = result.at("spending");
  page.raw("<dl class=\"facts\">\n");
  page.fact(Msg::credits, result.at("credits").str())
      .fact(Msg::counted, ballots.at("accepted").str())
      .fact(Msg::rejected, ballots.at("rejected").str());
  page.fact(Msg::credits_spent, spending.at("credits_spent").str())
      .fact(Msg::spent_everything, spending.at("exhausted").str());
  page.raw("</dl>\n");
  const auto options = result.at("options").items();
  Rational most = 0;
  for (const Field& o : options) most = std::max<Rational>(most, abs(o.at("votes").exact()));
  page.open_table("qv", {Msg::option, Msg::votes, Msg::votes_for, Msg::votes_against, Msg::credits_spent, Msg::voters});
  for (std::size_t i = 0; i < options.size(); ++i) {
    const Field& o = options[i];
    const std::string id = o.at("id").str();
    const std::string name = o.find("name") ? o.at("name").str() : "";
    const Rational votes = o.at("votes").exact();
    page.raw("<tr><th>").esc(id);
    if (!name.empty() && name != id) page.raw("<div class=\"sub\">").esc(name).raw("</div>");
    page.raw("</th><td class=\"barcell\">" + bar({{percent_width(abs(votes), most), votes < 0 ? "against" : ""}}));
    page.esc(o.at("votes").str())
        .raw("</td><td>")
        .esc(o.at("votes_for").str())
        .raw("</td><td>")
        .esc(o.at("votes_against").str());
    page.raw("</td><td>").esc(o.at("credits").str()).raw("</td><td>").esc(o.at("voters").str()).raw("</td></tr>\n");
  }
  page.close_table();
  const auto rejected = result.at("rejected").items();
  if (!rejected.empty()) {
    constexpr std::size_t shown = 50;
    page.raw("<h3>").msg(Msg::rejected_title).raw("</h3>\n<ul class=\"rejected\">\n");
    for (std::size_t i = 0; i < rejected.size() && i < shown; ++i) {
      const Field& x = rejected[i];
      std::string where = x.at("file").str();
      if (x.at("line").str() != "0") where += ":" + x.at("line").str();
      page.raw("<li><code>")
          .esc(where)
          .raw("</code> ")
          .esc(x.at("voter").str())
          .raw(": ")
          .esc(x.at("reason").str())
          .raw("</li>\n");
    }
    if (rejected.size() > shown) {
      std::string more(page.t(Msg::more_rejected));
      more.replace(more.find("{}"), 2, std::to_string(rejected.size() - shown));
      page.raw("<li>").esc(more).raw("</li>\n");
    }
    page.raw("</ul>\n");
  }
  if (auto strata = result.find("strata"); strata && strata->items().size() > 1) {
    page.raw("<h3>").msg(Msg::strata_title).raw("</h3>\n");
    page.open_table("", {Msg::channel, Msg::district, Msg::ballots, Msg::credits_spent});
    for (const Field& s : strata->items())
      page.raw("<tr><th>")
          .esc(s.at("channel").str())
          .raw("</th><td>")
          .esc(s.at("district").str())
          .raw("</td><td>")
          .esc(s.at("ballots").str())
          .raw("</td><td>")
          .esc(s.at("credits").str())
          .raw("</td></tr>\n");
    page.close_table();
  }
  page.close_section();
}

void qf_section(Page& page, const Field& result, const std::string& file) {
  page.open_section(page.t(Msg::qf_title), file);
  page.raw("<dl class=\"facts\">\n");
  page.fact(Msg::variant, result.at("variant").str()).fact(Msg::fit, result.at("fit").str());
  page.fact(Msg::pool, result.at("pool").str())
      .fact(Msg::matched, result.at("matched").str())
      .fact(Msg::unallocated, result.at("unallocated").str());
  page.yes_no_fact(Msg::saturated, result.at("saturated").boolean());
  if (auto alpha = result.find("alpha")) page.fact(Msg::alpha, alpha->str());
  if (auto c = result.find("contributions")) page.fact(Msg::contributions, c->at("counted").str());
  page.raw("</dl>\n");
  const auto projects = result.at("projects").items();
  Rational most = 0;
  for (const Field& p : projects) most = std::max(most, p.at("funding").exact());
  page.open_table("qf",
                  {Msg::project, Msg::funding, Msg::contributions, Msg::match, Msg::donors, Msg::capped, Msg::why});
  for (const Field& p : projects) {
    page.raw("<tr><th>").esc(p.at("id").str()).raw("</th><td class=\"barcell\">");
    page.raw(bar({{percent_width(p.at("contributions").exact(), most), ""},
                  {percent_width(p.at("match").exact(), most), "match"}}))
        .esc(p.at("funding").str());
    page.raw("</td><td>")
        .esc(p.at("contributions").str())
        .raw("</td><td>")
        .esc(p.at("match").str())
        .raw("</td><td>")
        .esc(p.at("donors").str());
    page.raw("</td><td>")
        .msg(p.at("capped").boolean() ? Msg::yes : Msg::no)
        .raw("</td><td class=\"text\">")
        .esc(p.find("why") ? p.at("why").str() : "")
        .raw("</td></tr>\n");
  }
  page.close_table();
  page.close_section();
}

// ---- verification (minga.verification/1) ---------------------------------------------------------

void verification_section(Page& page, const Field& result, const std::string& file) {
  page.open_section(page.t(Msg::verification_title), file);
  const bool passed = result.at("passed").boolean();
  page.raw(passed ? "<p class=\"banner pass\">\u2714 " : "<p class=\"banner fail\">\u2718 ")
      .msg(passed ? Msg::verified : Msg::rejected_record)
      .raw("</p>\n");
  page.open_table("checks", {Msg::check, Msg::outcome, Msg::reason});
  for (const Field& c : result.at("checks").items()) {
    const bool ok = c.at("passed").boolean();
    page.raw("<tr><th>")
        .esc(c.at("check").str())
        .raw(ok ? "</th><td class=\"pass\">\u2714 " : "</th><td class=\"fail\">\u2718 ")
        .msg(ok ? Msg::pass : Msg::fail);
    page.raw("</td><td class=\"text\">").esc(c.at("reason").str()).raw("</td></tr>\n");
  }
  page.close_table();
  page.close_section();
}

// ---- the page ------------------------------------------------------------------------------------

constexpr std::string_view style = R"css(
:root{color-scheme:light;--ink:#1d2430;--muted:#5b6472;--line:#d9dee5;--soft:#f3f5f8;--accent:#4e79a7;--pass:#1b7f3b;--fail:#b3261e}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:#fff}
header,main{max-width:64rem;margin:0 auto;padding:0 1rem}
header{padding-top:1rem;border-bottom:1px solid var(--line)}
h1{font-size:1.5rem;margin:.5rem 0}
h2{font-size:1.25rem;margin:2rem 0 .25rem;padding-top:.5rem;border-top:3px solid var(--accent)}
h3{font-size:1.05rem;margin:1.25rem 0 .5rem}
.file,.caption,.source{color:var(--muted);font-size:.875rem;margin:.25rem 0}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em;word-break:break-all}
nav ul{padding-left:1.25rem;margin:.25rem 0 1rem}
.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.5rem;margin:.75rem 0}
.facts div{background:var(--soft);border-radius:.375rem;padding:.5rem .75rem}
.facts dt{font-size:.8rem;color:var(--muted)}
.facts dd{margin:0;font-weight:600;overflow-wrap:anywhere}
.facts .wide{grid-column:1/-1}
.facts .wide dd{font-weight:400}
.facts .wide code{word-break:normal}
.headline{font-size:1.1rem}
.headline .label{color:var(--muted);margin-right:.25rem}
strong.winner{display:inline-block;background:#e8f1e4;border:1px solid #9cc68f;border-radius:1rem;padding:0 .6rem;margin:.1rem}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.5rem 0}
table{border-collapse:collapse;font-size:.9rem;min-width:100%}
th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
td{font-variant-numeric:tabular-nums}
td{white-space:nowrap}
td.text{min-width:14rem;white-space:normal}
thead th{background:var(--soft);font-weight:600;white-space:nowrap}
tr.winner th{font-weight:700}
tr.inactive th,tr.threshold th,tr.decisions th,tr.total th{color:var(--muted);font-weight:600}
.sub{color:var(--muted);font-weight:400;font-size:.85em}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:.15em;margin-right:.35em;vertical-align:-.05em}
.chart{overflow-x:auto;margin:.5rem 0}
.chart svg{max-width:100%;height:auto;display:block}
.chart .band{fill-opacity:.35}
.chart text{font-size:12px;fill:var(--ink);paint-order:stroke;stroke:#fff;stroke-width:3px}
.chart text.round{font-weight:600}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem;font-size:.875rem}
.budgetbar{display:flex;height:1.75rem;border-radius:.375rem;overflow:hidden;background:var(--soft);border:1px solid var(--line)}
.budgetbar span{display:block;height:100%}
.budgetbar .left{background:repeating-linear-gradient(45deg,#eee,#eee 4px,#ddd 4px,#ddd 8px)}
.barcell{white-space:nowrap}
.track{display:inline-flex;width:5rem;height:.7em;margin-right:.4em;background:var(--soft);border-radius:.15em;overflow:hidden}
.fill{display:block;height:100%;background:var(--accent)}
.fill.match{background:#f28e2b}
.fill.against{background:#e15759}
.fill.muted{background:#b8c2cf}
.pass,td.yes{color:var(--pass);font-weight:600}
.fail{color:var(--fail);font-weight:700}
td.no{color:var(--muted)}
.banner{padding:.75rem 1rem;border-radius:.375rem;font-weight:700}
.banner.pass{background:#e6f4ea;border:1px solid #9cc68f}
.banner.fail{background:#fce8e6;border:1px solid #e8a19b}
.alert{background:#fff4e5;border:1px solid #f0c27b;border-radius:.375rem;padding:.5rem .75rem}
.notes{color:var(--muted);font-size:.9rem}
footer{max-width:64rem;margin:2rem auto;padding:0 1rem;color:var(--muted);font-size:.8rem}
@media (max-width:40rem){body{font-size:15px}.facts{grid-template-columns:1fr 1fr}h1{font-size:1.25rem}}
@media print{.scroll,.chart{overflow:visible}}
)css";

std::string schema_of(const Field& result) {
  const std::string schema = result.at("schema").str();
  return schema;
}

}  // namespace

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

ReportInput read_report_input(const std::string& path) {
  std::string text;
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), {});
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(Errc::io, Location{path, 0, {}}, "cannot open file");
    std::ostringstream s;
    s << in.rdbuf();
    text = s.str();
  }
  ReportInput input{path == "-" ? "<stdin>" : path, {}};
  try {
    input.json = json::parse(text);
  } catch (const json::parse_error& e) {
    throw Error(Errc::parse, Location{input.file, 0, {}}, std::string("malformed JSON: ") + e.what());
  }
  return input;
}

std::string render_report(const std::vector<ReportInput>& inputs, Language language) {
  Page page(language);
  std::vector<BudgetSummary> budgets;
  std::vector<std::string> budget_files;
  for (const ReportInput& input : inputs) {
    const Field top(input.json, input.file, "");
    std::vector<Field> results = top.is_array() ? top.items() : std::vector<Field>{top};
    if (results.empty()) top.fail("an empty array: no result to report");
    for (const Field& result : results) {
      const std::string schema = schema_of(result);
      if (schema == "minga.result/1") {
        ranked_section(page, result, input.file);
      } else if (schema == "minga.budget.result/1") {
        budget_section(page, result, input.file, budgets.emplace_back());
        budget_files.push_back(input.file);
      } else if (schema == "minga.qv/1") {
        qv_section(page, result, input.file);
      } else if (schema == "minga.qf/1") {
        qf_section(page, result, input.file);
      } else if (schema == "minga.verification/1") {
        verification_section(page, result, input.file);
      } else if (schema == "minga.record/1") {
        result.at("schema").fail("an election record, not a result: report on the output of 'minga verify " +
                                 input.file + " --json'");
      } else {
        result.at("schema").fail(
            "unknown result '" + schema +
            "' (expected minga.result/1, minga.budget.result/1, minga.qv/1, minga.qf/1 or minga.verification/1)");
      }
    }
  }
  if (budgets.size() > 1) budget_comparison(page, budgets, budget_files);

  std::string files;
  for (const ReportInput& input : inputs) files += (files.empty() ? "" : ", ") + input.file;
  std::string html = "<!DOCTYPE html>\n<html lang=\"" + std::string(language_code(language)) +
                     "\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<link rel=\"icon\" href=\"data:,\">\n<title>" +
                     escape(text(Msg::page_title, language)) + "</title>\n<style>" + std::string(style) +
                     "</style>\n</head>\n<body>\n<header>\n<h1>" + escape(text(Msg::page_title, language)) +
                     "</h1>\n<p class=\"source\">" + escape(text(Msg::made_by, language)) + " <code>" + escape(files) +
                     "</code></p>\n";
  if (page.contents().size() > 1) {
    html += "<nav><strong>" + escape(text(Msg::contents, language)) + "</strong><ul>\n";
    for (const auto& [id, title] : page.contents())
      html += "<li><a href=\"#" + id + "\">" + escape(title) + "</a></li>\n";
    html += "</ul></nav>\n";
  }
  html += "</header>\n<main>\n" + page.body() + "</main>\n<footer>minga</footer>\n</body>\n</html>\n";
  return html;
}

namespace {

int run_report(const Arguments& args) {
  const Language language = language_from_name(args.value("lang").value_or("es"));
  std::vector<ReportInput> inputs;
  for (const std::string& path : args.positional()) inputs.push_back(read_report_input(path));
  const std::string html = render_report(inputs, language);
  const std::string out = args.value("output").value_or("-");
  if (out == "-") {
    std::cout << html;
    return exit_ok;
  }
  std::ofstream file(out, std::ios::binary);
  if (!file || !(file << html) || !file.flush()) throw Error(Errc::io, Location{out, 0, {}}, "cannot write the report");
  std::cerr << "wrote " << out << " (" << html.size() << " bytes)\n";
  return exit_ok;
}

}  // namespace

}  // namespace minga::cli::html

namespace minga::cli {

const CommandSpec& report_command() {
  static const CommandSpec spec{
      "report",
      "report RESULT.json... [-o report.html] [--lang es|pt|en|fr]",
      "write a self-contained HTML report (charts, tables) of tally, budget, qv, qf or verify results",
      "Reads the JSON results of `minga tally --json`, `budget --json`, `qv --json`,\n"
      "`qf --json` and `verify --json` (the kind comes from each file's \"schema\"; a\n"
      "file may hold an array of results) and writes one HTML page that needs no\n"
      "network: inline CSS and SVG, no script. Ranked counts get a chart of the votes\n"
      "moving round by round and the round table; budgets the funded and unfunded\n"
      "projects, and a side-by-side comparison when two or more budget results are\n"
      "given (e.g. MES and greedy); quadratic voting and funding their totals; a\n"
      "verification its checks. Numbers are shown exactly as the JSON gives them.\n\n"
      "options:\n"
      "  -o, --output FILE   write the page to FILE  [standard output]\n"
      "  --lang L            es (Spanish), pt (Portuguese), en (English), fr (French)  [es]\n",
      {},
      {"output", "lang"},
      1,
      64,
      &html::run_report,
  };
  return spec;
}

}  // namespace minga::cli
