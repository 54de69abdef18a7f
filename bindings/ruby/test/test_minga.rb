# SPDX-License-Identifier: Apache-2.0
# test_minga.rb - the Ruby binding against libminga: files in every format, budgets
# (hand-checked outcomes and official outcomes of real elections), quadratic voting and
# funding, the error model and handle ownership. Run: ruby test/test_minga.rb
require "tmpdir"
require_relative "test_helper"

class TestMinga < Minitest::Test
  include MingaTestData

  TINY_APPROVAL = MingaTestData.test_file("tiny_approval.pb")
  TINY_RANKED = MingaTestData.test_file("tiny_ranked.soi")

  def setup
    @open_before = Minga::Election.open_count
  end

  def teardown
    assert_equal @open_before, Minga::Election.open_count, "a test left an election open"
  end

  def assert_minga_error(code, *fragments, &block)
    error = assert_raises(Minga::Error, &block)
    assert_equal code, error.code, error.message
    assert_equal Minga.status_name(code), error.status
    fragments.each { |f| assert_includes error.message, f }
    error
  end

  def test_version_status_codes_and_constants
    v = Minga.version
    assert_match(/\A\d+\.\d+\.\d+\z/, v[:string])
    assert_equal v[:major] * 10_000 + v[:minor] * 100 + v[:patch], v[:number]
    refute Minga.init # already initialised on require
    # the pinned values of minga.h
    assert_equal [0, -1, -2, -3, -4, -5, -6, -7, -8, -9, -10],
                 %i[OK EINVAL EPARSE EIO EUNSUPPORTED EMISMATCH ENOMEM ELIMIT EINTERNAL ETIE EVERIFY]
                   .map { |c| Minga::Status.const_get(c) }
    assert_equal "tie", Minga.status_name(Minga::Status::ETIE)
    assert_equal "verification", Minga.status_name(Minga::Status::EVERIFY)
    assert_equal "paper", Minga.channel_name(Minga::Channel::PAPER)
    assert_equal 0xFFFFFFFF, Minga::Mark::OVERVOTE
  end

  def test_every_function_of_the_header_is_attached
    header = File.read(File.join(REPO, "include", "minga.h"))
    in_header = header.scan(/MINGA_EXPORT[^;]*?\b(minga_\w+)\s*\(/m).flatten.sort
    assert_equal in_header, Minga::Native::FUNCTIONS.map { |f| f[0].to_s }.sort
  end

  def test_reads_pabulib_and_preflib_and_round_trips_every_writable_format
    Dir.mktmpdir("minga-ruby-") do |dir|
      Minga::Election.read_file(TINY_APPROVAL) do |e|
        # the file's header: 4 projects, 6 voters, 5 distinct ballots
        assert_equal "approval", e.kind
        assert_equal %w[1 2 3 4], e.alternative_ids
        assert_equal 6, e.num_ballots
        assert_equal 5, e.num_distinct
        info = e.info
        assert_equal "minga.summary/1", info["schema"]
        assert_equal "1000", info["budget"]
        assert_equal 2, info["ballots_per_channel"]["paper"] # v5 and v6 voted on paper
        [["a.pb", "pabulib"], ["a.json", "json"], ["a.mingab", "binary"]].each do |file, format|
          e.write_file(File.join(dir, file))
          Minga::Election.read_file(File.join(dir, file), format: format) do |back|
            assert_equal 6, back.num_ballots, file
            assert_equal %w[1 2 4], back.budget(rule: "greedy")["selected"], file
          end
        end
        assert_minga_error(Minga::Status::EUNSUPPORTED) { e.write_file(File.join(dir, "a.blt")) }
      end

      Minga::Election.read_file(TINY_RANKED) do |e|
        # 9 voters, 4 distinct orders over Alice, Bob, Carol
        assert_equal ["ranked", 3, 9, 4], [e.kind, e.num_alternatives, e.num_ballots, e.num_distinct]
        [["r.soi", "preflib"], ["r.blt", "blt"], ["r.csv", "csv"], ["r.json", "json"], ["r.mingab", nil]].each do |file, format|
          e.write_file(File.join(dir, file), format: format)
          Minga::Election.read_file(File.join(dir, file)) do |back|
            assert_equal [9, 4], [back.num_ballots, back.num_distinct], file
          end
        end
      end
    end
  end

  def test_json_and_binary_in_memory
    Minga::Election.read_file(TINY_APPROVAL) do |e|
      text = e.to_json_text
      Minga::Election.from_json(text) { |back| assert_equal 6, back.num_ballots }
      Minga::Election.from_json(JSON.parse(text)) { |back| assert_equal 5, back.num_distinct }
      bytes = e.to_binary
      assert_equal Encoding::BINARY, bytes.encoding
      Minga::Election.from_binary(bytes) { |back| assert_equal %w[1 2 3 4], back.alternative_ids }
      corrupt = bytes.dup
      corrupt.setbyte(corrupt.bytesize - 1, corrupt.getbyte(corrupt.bytesize - 1) ^ 0xFF)
      assert_minga_error(Minga::Status::EPARSE) { Minga::Election.from_binary(corrupt) }
    end
    assert_minga_error(Minga::Status::EPARSE, "<json>:2") do
      Minga::Election.from_json(%({"schema": "minga.election/1",\n "kind": }))
    end
  end

  def test_ballots_added_in_bulk_and_big_counts_stay_exact
    Minga::Election.create("approval", %w[a b c]) do |e|
      e.add_approvals([%w[a b], [2], []], counts: [3, 1, 2], channels: ["paper", Minga::Channel::SMS, :online],
                                          districts: ["north", nil, "south"])
      assert_equal 6, e.num_ballots
      assert_equal 3, e.info["ballots_per_channel"]["paper"]
      e.add_approvals([["c"]], counts: [2**63 - 1]) # 2^63 + 5 ballots in all: exact in Ruby
      assert_equal 2**63 + 5, e.num_ballots
      assert_equal 2**63 + 5, e.info["ballots"]
      assert_minga_error(Minga::Status::EINVAL, "ballot 1") { e.add_approvals([[0], [7]]) }
      assert_equal 2**63 + 5, e.num_ballots # all or nothing
      assert_minga_error(Minga::Status::EINVAL, "'zz'") { e.add_approvals([["zz"]]) }
      assert_minga_error(Minga::Status::EINVAL) { e.add_rankings([[0]]) } # not a ranked election
    end

    Minga::Election.create("ranked", %w[A B C]) do |e|
      # "A > B" x3 and "C, skipped rank, A=B" x1 (the example of minga.h)
      e.add_rankings([%w[A B], ["C", [], %w[A B]]], counts: [3, 1])
      e.add_rankings([[Minga::Mark::OVERVOTE, "B"]])
      assert_equal [5, 3], [e.num_ballots, e.num_distinct]
    end

    Minga::Election.create("score", 2) do |e|
      e.add_scores([{ "1" => "2.5", "2" => 3 }, [[0, Rational(5, 2)]]])
      assert_equal [2, 2], [e.num_ballots, e.num_distinct]
      assert_minga_error(Minga::Status::EINVAL, "exact") { e.add_scores([{ "1" => 0.1 }]) }
      assert_minga_error(Minga::Status::EINVAL) { e.add_scores([{ "1" => "1/0" }]) }
    end

    Minga::Election.create("quadratic", %w[x y]) do |a|
      Minga::Election.create("quadratic", %w[y x]) do |b|
        a.add_quadratic([{ "x" => 2, "y" => -1 }])
        b.add_quadratic([[["x", 1]]], counts: [4])
        a.merge(b)
        assert_equal 5, a.num_ballots
        Minga::Election.create("approval", %w[x y]) do |c|
          assert_minga_error(Minga::Status::EMISMATCH) { a.merge(c) }
        end
      end
    end
  end

  # tests/data/tiny_approval.pb worked by hand (tests/capi/test_capi.c explains each step):
  # greedy by votes funds 1, 2, 4 (900 of 1000); MES without completion funds 1, then 4,
  # each voter starting with 1000/6 = 500/3.
  def test_budget_greedy_and_mes_on_the_tiny_election
    Minga::Election.read_file(TINY_APPROVAL) do |e|
      greedy = e.budget(rule: "greedy")
      assert_equal "minga.budget.result/1", greedy["schema"]
      assert_equal %w[1 2 4], greedy["selected"]
      assert_equal %w[900 100], greedy.values_at("total_cost", "left_over")
      assert_equal %w[1 2 4], e.budget["selected"] # the file's META rule is greedy
      assert_equal %w[1 4], e.budget(rule: "greedy", budget: 700)["selected"]
      assert_equal %w[1], e.budget('{"rule": "greedy-no-skip", "budget": "700"}')["selected"]

      mes = e.budget(rule: "mes", completion: "none")
      assert_equal %w[1 4], mes["selected"]
      assert_equal Rational(500, 3), Minga.exact(mes["endowment"])

      assert_minga_error(Minga::Status::EINVAL, "tie_brake") { e.budget(rule: "greedy", tie_brake: "by_id") }
      assert_minga_error(Minga::Status::EINVAL, "lottery") { e.budget(rule: "lottery") }
      assert_minga_error(Minga::Status::EPARSE) { e.budget('{"rule": ') }
      assert_minga_error(Minga::Status::ETIE, "refuse") { e.budget(rule: "greedy", tie_break: "refuse") }
    end
  end

  # The official rule of real elections reproduces the file's `selected` column.
  %w[Netherlands_Assen_2024.pb Poland_Swiecie_2023.pb Poland_Wieliczka_2023_Green_Budget.pb
     Poland_Czestochowa_2024_Stare_Miasto.pb].each do |file|
    define_method(:"test_official_rule_reproduces_#{file.sub('.pb', '').downcase}") do
      path = shared_file(File.join("pabulib", file))
      skip "shared data absent" if path.nil?
      Minga::Election.read_file(path) do |e|
        assert_equal officially_selected(path).sort, e.budget["selected"].sort
      end
    end
  end

  def test_quadratic_voting
    rows = [{ voter: "ana", option: "parks", votes: 3 }, { voter: "ana", option: "buses", votes: -1 },
            { voter: "ben", option: "parks", votes: 1 }, { voter: "ben", option: "parks", votes: 1 },
            { voter: "cid", option: "parks", votes: 4 }]
    # only ana counts: ben names parks twice, cid spends 16 credits of 10
    qv = Minga.qv_tally_rows(rows, { credits: "10", allow_negative: true })
    assert_equal "3", qv["totals"]["parks"]
    assert_equal %w[duplicate out_of_range], qv["rejected"].map { |r| r["rule"] }.uniq.sort
    assert_minga_error(Minga::Status::EINVAL, "credit budget") { Minga.qv_tally_rows(rows, {}) }

    # 7 ballots cost 4 + 1 = 5 credits (accepted), 3 cost 4 + 4 = 8 (rejected): a = 7 x 2
    Minga::Election.from_json(File.read(test_file("qv_poll_profile.json"))) do |e|
      assert_equal({ "a" => "14", "b" => "7" }, e.qv_tally["totals"])
    end
    assert_equal "minga.qv/1", Minga.qv_tally_file(test_file("qv_poll.csv"), { credits: 10 })["schema"]
    assert_minga_error(Minga::Status::EIO, "missing.csv") { Minga.qv_tally_file(test_file("missing.csv"), { credits: 10 }) }
  end

  def test_quadratic_funding
    contributions = [{ donor: "a", project: "x", amount: "100" }, { donor: "b", project: "x", amount: 100 },
                     { donor: "a", project: "y", amount: 400 }, { donor: "c", project: "y", amount: "25" }]
    # raw matches: x = 2*10*10 = 200, y = 2*20*5 = 200; a pool of 100 scales both to 50
    assert_equal({ "x" => "50", "y" => "50" }, Minga.qf_match(contributions, { pool: "100" })["matches"])
    # a cap of a tenth of a pool of 1000 limits x to 100
    assert_equal "100", Minga.qf_match(contributions, { pool: 1000, cap: Rational(1, 10) })["matches"]["x"]
    assert_minga_error(Minga::Status::EINVAL, "contribution 0") do
      Minga.qf_match([{ donor: "a", project: "x", amount: "1.5" }], { pool: 1 })
    end
    assert_minga_error(Minga::Status::ELIMIT) { Minga.qf_match([{ donor: "a", project: "x", amount: 10**40 }], { pool: 1 }) }
    assert_equal %w[x y], Minga.qf_match_file(test_file("qf_round.csv"), { pool: "1000" })["matches"].keys.sort

    tally = shared_file("qf/clrfund_round_tally/testTallySmall.json")
    return if tally.nil?

    # pool: budget 440274e18 minus contributions 6457377088 x 1e13 (shared/data/qf/README.md)
    qf = Minga.qf_match_file(tally, { pool: "375700229120000000000000", fit: "alpha",
                                      voice_credit_factor: "10000000000000" })
    assert_equal "4583670112189981", qf["alpha"]
    assert(qf["projects"].any? { |p| p["funding"] == "54120339620072771393409" })
  end

  def test_errors_name_the_file_the_line_and_the_field
    error = assert_minga_error(Minga::Status::EPARSE, "unknown_project.pb:22", "'9'") do
      Minga::Election.read_file(test_file("bad", "unknown_project.pb"))
    end
    assert_equal({ code: Minga::Status::EPARSE, status: "parse", message: error.message }, Minga.last_error)
    Minga.clear_error
    assert_equal Minga::Status::OK, Minga.last_error[:code]
    assert_minga_error(Minga::Status::EIO, "nope.pb") { Minga::Election.read_file(test_file("nope.pb")) }
    assert_minga_error(Minga::Status::EINVAL, "xml") { Minga::Election.read_file(TINY_APPROVAL, format: "xml") }
    assert_minga_error(Minga::Status::EINVAL, "plurality") { Minga::Election.create("plurality", 2) }
  end

  def test_handles_are_freed_by_close_and_by_the_garbage_collector
    e = Minga::Election.read_file(TINY_APPROVAL)
    assert_equal @open_before + 1, Minga::Election.open_count
    e.close
    e.close # idempotent
    assert e.closed?
    assert_equal @open_before, Minga::Election.open_count
    assert_minga_error(Minga::Status::EINVAL, "closed") { e.num_ballots }

    200.times { Minga::Election.read_file(TINY_APPROVAL) } # forgotten: the AutoPointers free them
    10.times do
      break if Minga::Election.open_count == @open_before

      GC.start(full_mark: true, immediate_sweep: true)
    end
    assert_operator Minga::Election.open_count, :<, @open_before + 200 # most were collected
  end
end
