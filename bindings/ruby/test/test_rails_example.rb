# SPDX-License-Identifier: Apache-2.0
# test_rails_example.rb - examples/ruby/rails_budget.rb runs and gives the outcomes worked
# out by hand for its made-up municipality (budget 100000; 12 voters):
#   votes: 1 (60000) 7, 2 (30000) 5, 3 (25000) 5, 4 (10000) 3.
#   greedy: 1 (left 40000); 2 and 3 tie at 5 votes, min_cost puts 3 first (left 15000);
#     2 does not fit; 4 does (left 5000): 1, 3, 4.
#   MES (cost utility): each voter has 100000/12. 1 is unaffordable (7 x 100000/12 < 60000);
#     2 and 3 both cost their supporters 1/5 per unit, min_cost funds 3, then 2; 4's three
#     supporters have exactly 10000 left: fund 4. 1's supporters then hold 85000/3 < 60000.
require "open3"
require "rbconfig"
require_relative "test_helper"

class TestRailsExample < Minitest::Test
  def test_the_example_runs_and_gives_the_hand_computed_outcomes
    script = File.join(MingaTestData::REPO, "examples", "ruby", "rails_budget.rb")
    output, status = Open3.capture2e(RbConfig.ruby, script)
    assert status.success?, output
    assert_includes output, "greedy: funded [1, 3, 4], cost 95000, left over 5000"
    assert_includes output, "mes none: funded [3, 2, 4], cost 65000, left over 35000"
    assert_includes output, "not funded 1: its supporters had 85000/3 left; it costs 60000"
    assert_includes output, "mes add1: funded [3, 2, 4]" # add1 cannot afford 1 within 100000 either
    # the verifiable consultation: the third of four receipts, then the same receipt moved to leaf 0
    assert_match(/receipt: Your ballot [0-9A-Z]{5}-[0-9A-Z]{5} is number 3 of 3 on the board signed by consulta-2026\.board\./,
                 output)
    assert_includes output, "forged receipt verified: false"
    assert_match(/short code [0-9a-z]{10} matches: true/, output)
  end
end
