# SPDX-License-Identifier: Apache-2.0
# test_helper.rb - paths to the repository's test data and the team's shared data, and a
# reader for the `selected` column of a pabulib file (the official outcome).
require "csv"
require "minitest/autorun"
require_relative "../lib/minga"

module MingaTestData
  REPO = File.expand_path("../../..", __dir__)
  TEST_DATA = File.join(REPO, "tests", "data")
  SHARED_DATA = ENV.fetch("MINGA_SHARED_DATA", File.expand_path("../shared/data", REPO))

  module_function

  def test_file(*parts) = File.join(TEST_DATA, *parts)

  # The path of a shared data file, or nil after a visible warning.
  def shared_file(relative)
    path = File.join(SHARED_DATA, relative)
    return path if File.exist?(path)

    warn "WARN: skipped: #{path} is absent (the team's shared data is optional)"
    nil
  end

  # The ids of the projects whose `selected` column is 1.
  def officially_selected(path)
    text = File.read(path, encoding: "UTF-8").gsub(/\r\n?/, "\n") # some files mix line endings
    rows = CSV.parse(text, col_sep: ";", liberal_parsing: true)
    start = rows.index { |r| r.size == 1 && r[0]&.strip == "PROJECTS" }
    header = rows[start + 1].map(&:strip)
    id = header.index("project_id")
    selected = header.index("selected")
    rows[(start + 2)..].take_while { |r| !(r.size == 1 && r[0]&.strip == "VOTES") }
                       .select { |r| r[selected]&.strip == "1" }.map { |r| r[id].strip }
  end
end
