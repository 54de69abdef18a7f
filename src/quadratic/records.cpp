// SPDX-License-Identifier: Apache-2.0
// src/quadratic/records.cpp - rows of named fields from CSV (with a header) or a JSON array of objects.
#include "quadratic/records.hpp"

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>

#include "io/text.hpp"
#include "minga/core/error.hpp"

namespace minga::quadratic {

namespace {

std::string_view strip_bom(std::string_view text) {
  return text.substr(0, 3) == "\xEF\xBB\xBF" ? text.substr(3) : text;
}

std::optional<std::size_t> field_of(const std::vector<Field>& fields, std::string_view name) {
  std::string_view trimmed = io::trim(name);
  for (std::size_t k = 0; k < fields.size(); ++k)
    for (auto alias : fields[k].names)
      if (io::iequals(alias, trimmed)) return k;
  return std::nullopt;
}

std::string expected_names(const Field& f) {
  std::string out;
  for (auto n : f.names) out += (out.empty() ? "'" : ", '") + std::string(n) + "'";
  return out;
}

void read_csv(std::istream& in, const std::string& name, const std::vector<Field>& fields, const RecordSink& sink) {
  io::LineReader lines(in, name);
  std::string_view line;
  std::vector<std::string> cells;
  if (!lines.next(line)) throw Error(Errc::parse, Location{name, 0, ""}, "empty file (expected a header row)");
  io::split_csv(strip_bom(line), ',', cells, lines);
  std::vector<std::optional<std::size_t>> column_field(cells.size());
  std::vector<bool> seen(fields.size(), false);
  for (std::size_t c = 0; c < cells.size(); ++c) {
    column_field[c] = field_of(fields, cells[c]);
    if (column_field[c] && seen[*column_field[c]])
      lines.fail(cells[c], "column names field '" + std::string(fields[*column_field[c]].names[0]) + "' twice");
    if (column_field[c]) seen[*column_field[c]] = true;
  }
  for (std::size_t k = 0; k < fields.size(); ++k)
    if (fields[k].required && !seen[k]) lines.fail("header", "no column " + expected_names(fields[k]));
  std::vector<std::string_view> values(fields.size());
  const std::size_t width = cells.size();
  while (lines.next(line)) {
    if (io::trim(line).empty()) continue;
    io::split_csv(line, ',', cells, lines);
    if (cells.size() != width)
      lines.fail("", std::to_string(cells.size()) + " cells, header has " + std::to_string(width));
    for (auto& v : values) v = {};
    for (std::size_t c = 0; c < width; ++c)
      if (column_field[c]) values[*column_field[c]] = io::trim(cells[c]);
    sink(values, lines.line_number());
  }
}

/// 1-based line of each element of the top-level JSON array (strings and escapes honoured).
std::vector<std::uint64_t> element_lines(std::string_view text) {
  std::vector<std::uint64_t> out;
  std::uint64_t line = 1;
  int depth = 0;
  bool in_string = false, escaped = false, expect_element = false;
  for (char ch : text) {
    if (ch == '\n') ++line;
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (ch == '\\')
        escaped = true;
      else if (ch == '"')
        in_string = false;
      continue;
    }
    if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') continue;
    if (depth == 1 && expect_element && ch != ']') out.push_back(line);
    expect_element = false;
    if (ch == '"')
      in_string = true;
    else if (ch == '[' || ch == '{') {
      ++depth;
      if (depth == 1) expect_element = true;
    } else if (ch == ']' || ch == '}')
      --depth;
    else if (ch == ',' && depth == 1)
      expect_element = true;
  }
  return out;
}

/// SAX events -> records. Depth 1 is the top-level array, depth 2 a record object.
class RecordSax : public nlohmann::json_sax<nlohmann::json> {
 public:
  RecordSax(const std::string& name, const std::vector<Field>& fields, const std::vector<std::uint64_t>& lines,
            const RecordSink& sink)
      : name_(name), fields_(fields), lines_(lines), sink_(sink), texts_(fields.size()), values_(fields.size()) {}

  bool null() override { return scalar(""); }
  bool boolean(bool v) override { return scalar(v ? "true" : "false"); }
  bool number_integer(number_integer_t v) override { return scalar(std::to_string(v)); }
  bool number_unsigned(number_unsigned_t v) override { return scalar(std::to_string(v)); }
  bool number_float(number_float_t, const string_t& s) override { return scalar(s); }
  bool string(string_t& s) override { return scalar(s); }
  bool binary(binary_t&) override { return scalar(""); }
  bool start_object(std::size_t) override { return open(true); }
  bool start_array(std::size_t) override { return open(false); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override {
    if (depth_ == 2) current_ = field_of(fields_, k);
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    throw Error(Errc::parse, Location{name_, 0, "byte " + std::to_string(position)}, e.what());
  }

 private:
  Location here(std::string field = {}) const {
    std::uint64_t line = record_ < lines_.size() ? lines_[record_] : 0;
    return Location{name_, line, std::move(field)};
  }
  bool scalar(const std::string& text) {
    if (depth_ != 2) {
      if (depth_ <= 1) throw Error(Errc::parse, here("[" + std::to_string(record_) + "]"), "expected an object");
      return true;
    }
    if (current_) {
      texts_[*current_] = text;
      have_[*current_] = true;
    }
    return true;
  }
  bool open(bool object) {
    ++depth_;
    if (depth_ == 1 && object)
      throw Error(Errc::parse, Location{name_, 1, ""}, "expected an array of objects, found an object");
    if (depth_ == 1) return true;
    if (depth_ == 2) {
      if (!object) throw Error(Errc::parse, here("[" + std::to_string(record_) + "]"), "expected an object");
      have_.assign(fields_.size(), false);
      for (auto& t : texts_) t.clear();
      current_.reset();
      return true;
    }
    if (depth_ == 3 && current_)
      throw Error(Errc::parse, here(std::string(fields_[*current_].names[0])), "must be a string or a number");
    return true;
  }
  bool close() {
    if (depth_ == 2) {
      for (std::size_t k = 0; k < fields_.size(); ++k) {
        if (fields_[k].required && !have_[k])
          throw Error(Errc::parse, here("[" + std::to_string(record_) + "]"), "no field " + expected_names(fields_[k]));
        values_[k] = texts_[k];
      }
      sink_(values_, here().line);
      ++record_;
    }
    --depth_;
    return true;
  }

  const std::string& name_;
  const std::vector<Field>& fields_;
  const std::vector<std::uint64_t>& lines_;
  const RecordSink& sink_;
  std::vector<std::string> texts_;
  std::vector<std::string_view> values_;
  std::vector<bool> have_;
  std::optional<std::size_t> current_;
  int depth_ = 0;
  std::size_t record_ = 0;
};

void read_json(std::istream& in, const std::string& name, const std::vector<Field>& fields, const RecordSink& sink) {
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw Error(Errc::io, Location{name, 0, ""}, "read error");
  std::string_view body = strip_bom(text);
  if (!io::is_valid_utf8(body)) throw Error(Errc::parse, Location{name, 0, ""}, "not valid UTF-8");
  std::vector<std::uint64_t> lines = element_lines(body);
  RecordSax sax(name, fields, lines, sink);
  nlohmann::json::sax_parse(body.begin(), body.end(), &sax);
}

}  // namespace

void read_records(std::istream& in, const std::string& name, bool json, const std::vector<Field>& fields,
                  const RecordSink& sink) {
  if (json)
    read_json(in, name, fields, sink);
  else
    read_csv(in, name, fields, sink);
}

void read_records(const std::filesystem::path& path, const std::vector<Field>& fields, const RecordSink& sink) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Errc::io, Location{path.string(), 0, ""}, "cannot open file");
  bool json = io::iequals(path.extension().string(), ".json");
  if (!json) {
    char first[4] = {};
    in.read(first, 4);
    std::string_view head(first, static_cast<std::size_t>(in.gcount()));
    head = strip_bom(head);
    head = io::trim(head);
    json = !head.empty() && (head[0] == '[' || head[0] == '{');
    in.clear();
    in.seekg(0);
  }
  read_records(in, path.string(), json, fields, sink);
}

}  // namespace minga::quadratic
