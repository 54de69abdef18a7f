# SPDX-License-Identifier: Apache-2.0
# test_ranked.rb - ranked counts from Ruby (Election#ranked_count, Minga.ranked_methods) over
# minga_ranked_count: an IRV and a two-seat STV count worked out by hand, ties, bad specs.
# Run: ruby test/test_ranked.rb
require_relative "test_helper"

class TestRanked < Minitest::Test
  def assert_minga_error(code, *fragments, &block)
    error = assert_raises(Minga::Error, &block)
    assert_equal code, error.code, error.message
    fragments.each { |f| assert_includes error.message, f }
    error
  end

  # 8 Ana>Ben, 6 Ben>Cid, 5 Cid>Ben, 3 Dee>Cid>Ana, 1 Dee, 2 with Ana and Ben both at rank 1 (an overvote).
  def irv_election(&block)
    Minga::Election.create("ranked", %w[Ana Ben Cid Dee]) do |e|
      e.add_rankings([%w[Ana Ben], %w[Ben Cid], %w[Cid Ben], %w[Dee Cid Ana], %w[Dee], [%w[Ana Ben]]],
                     counts: [8, 6, 5, 3, 1, 2])
      block.call(e)
    end
  end

  def test_irv_worked_by_hand
    irv_election do |e|
      r = e.ranked_count(method: "irv")
      assert_equal "minga.result/1", r["schema"]
      assert_equal ["Cid"], r["winners"]
      assert_equal 25, r["ballots"]
      # Round 1: the overvoted 2 exhaust at once; 23 active, majority 12; Dee (4) is lowest.
      assert_equal({ "Ana" => "8", "Ben" => "6", "Cid" => "5", "Dee" => "4" }, r["rounds"][0]["tally"])
      assert_equal "12", r["rounds"][0]["threshold"]
      assert_equal "2", r["rounds"][0]["inactive"]["overvote"]
      assert_equal({ "Cid" => "3" }, r["rounds"][0]["actions"][0]["transfers"])
      # Round 2: Ana 8, Ben 6, Cid 8; Ben's 6 go on to Cid. Round 3: Cid 14 of 22.
      assert_equal({ "Ana" => "8", "Ben" => "6", "Cid" => "8" }, r["rounds"][1]["tally"])
      assert_equal({ "Ana" => "8", "Cid" => "14" }, r["rounds"][2]["tally"])
      assert_equal 3, r["rounds"].size
      assert_equal ["Cid"], e.ranked_count["winners"]
      assert_equal ["Ana"], e.ranked_count('{"method": "plurality"}')["winners"]
      # Exact values convert to Rationals.
      assert_equal Rational(14), Minga.exact(r["rounds"][2]["tally"]["Cid"])
    end
  end

  def test_two_seat_stv_worked_by_hand
    Minga::Election.create("ranked", %w[A B C D]) do |e|
      e.add_rankings([%w[A C], %w[B C], %w[C], %w[D B]], counts: [17, 6, 3, 5])
      # Quota floor(31/3) + 1 = 11; surplus 6, fraction trunc4(6/17) = 0.3529, 17 x 0.3529 = 5.9993 to C.
      r = e.ranked_count(method: "stv", seats: 2)
      assert_equal "wigm", r["method"]
      assert_equal %w[A B], r["winners"]
      assert_equal "11", r["rounds"][0]["threshold"]
      assert_equal({ "C" => "5.9993" }, r["rounds"][0]["actions"][0]["transfers"])
      assert_equal "0.0007", r["rounds"][0]["actions"][0]["residual"]
      assert_equal({ "A" => "11", "B" => "6", "C" => "8.9993", "D" => "5" }, r["rounds"][1]["tally"])
      assert_equal({ "A" => "11", "B" => "11", "C" => "8.9993" }, r["rounds"][2]["tally"])
    end
  end

  def test_a_tie_left_to_stop_is_etie
    Minga::Election.create("ranked", %w[A B C]) do |e|
      e.add_rankings([%w[A], %w[B], %w[C]], counts: [2, 1, 1])
      assert_minga_error(Minga::Status::ETIE, "a tie between B, C (whom to exclude) in round 1") { e.ranked_count }
      r = e.ranked_count(tie_break: "candidate-order")
      assert_equal "C", r["rounds"][0]["actions"][0]["excluded"]
      assert_equal %w[B C], r["ties"][0]["tied"]
    end
  end

  def test_bad_specs_name_the_key
    irv_election do |e|
      assert_minga_error(Minga::Status::EINVAL, "<spec>: quorum: unknown key 'quorum'") { e.ranked_count(quorum: "droop") }
      assert_minga_error(Minga::Status::EINVAL, '<spec>: quota: unknown quota "x" (accepted: droop, hagenbach-bischoff, hare') do
        e.ranked_count(method: "wigm", quota: "x")
      end
      assert_minga_error(Minga::Status::EINVAL, "<spec>: share: must be exact") { e.ranked_count(method: "bottoms-up", share: 0.15) }
      assert_minga_error(Minga::Status::EPARSE, "<spec>: not valid JSON") { e.ranked_count('{"method": ') }
    end
    # A Rational share is sent exactly ("1/5"): bottoms-up at 23/5 excludes Dee only.
    irv_election do |e|
      assert_equal %w[Ana Ben Cid], e.ranked_count(method: "bottoms-up", share: Rational(1, 5))["winners"].sort
    end
    methods = Minga.ranked_methods
    assert_includes methods, "irv"
    assert_includes methods, "scottish-stv"
  end

  # RCTab's test set 1 against RCTab's own expected report (the team's shared data, optional).
  def test_rctab_contest_gives_rctab_reports
    config = MingaTestData.shared_file("rctab/test_set_1_exhaust_at_overvote/test_set_1_exhaust_at_overvote_config.json")
    return skip("the shared data is absent") unless config

    expected = JSON.parse(File.read(config.sub("_config.json", "_expected_detailed_report.json")))
    t = Minga.rctab_tabulate(config)
    assert_equal(expected["results"].map { |r| r["tally"] }, t["summary"]["results"].map { |r| r["tally"] })
    assert_equal ["Candidate B Name"], t["result"]["winners"]
    assert_includes t["summary_csv"], "Candidate B Name"
    assert_minga_error(Minga::Status::EIO, "no_such_config.json") do
      Minga.rctab_tabulate(File.join(File.dirname(config), "no_such_config.json"))
    end
  end
end
