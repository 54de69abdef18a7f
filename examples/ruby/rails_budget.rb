# SPDX-License-Identifier: Apache-2.0
# rails_budget.rb - how a Decidim or CONSUL (Ruby on Rails) application would compute the
# result of a participatory budget with minga: a plain-Ruby service object that takes the
# app's records, builds a minga election and returns a result the app can store and show.
# Runnable without Rails:
#
#   MINGA_LIBRARY=build/ci/src/libminga.so ruby examples/ruby/rails_budget.rb
#
# In a Rails app this file would live in app/services/, with `gem "minga"` in the Gemfile,
# and be called from a controller or an Active Job once voting closes:
#
#   result = BudgetOutcome.new(budget_amount: budget.total_budget,
#                              projects: budget.projects, orders: budget.orders.checked_out).call
#   budget.update!(outcome: result.to_h)        # e.g. a jsonb column, exact amounts as strings
begin
  require "minga"
rescue LoadError # not installed as a gem: use the binding of this repository
  $LOAD_PATH.unshift(File.expand_path("../../bindings/ruby/lib", __dir__))
  require "minga"
end

# Computes the outcome of a participatory budget.
#
# projects: records answering #id, #title and #budget_amount (Decidim::Budgets::Project;
#           for CONSUL's Budget::Investment pass `cost: :price`)
# orders:   records answering #project_ids (Decidim::Budgets::Order with its line items;
#           for CONSUL, Budget::Ballot#investment_ids via `project_ids: :investment_ids`),
#           and optionally #channel ("online", "paper", ...) and #district (a scope name)
# rule:     a minga budget spec, e.g. { rule: "mes", completion: "add1" } (the Method of
#           Equal Shares as run in Wieliczka, Świecie and Assen) or { rule: "greedy" }
class BudgetOutcome
  # What the app shows and stores: project ids as the app knows them (Integers here),
  # amounts as exact Rationals, and minga's whole document for the audit trail.
  Result = Struct.new(:rule, :funded, :total_cost, :left_over, :unfunded, :document, keyword_init: true) do
    def to_h = document
  end

  def initialize(budget_amount:, projects:, orders:, rule: { rule: "mes", completion: "add1" },
                 cost: :budget_amount, project_ids: :project_ids)
    @budget_amount = budget_amount
    @projects = projects
    @orders = orders
    @rule = rule
    @cost = cost
    @project_ids = project_ids
  end

  def call
    Minga::Election.from_json(election_document) do |election|
      document = election.budget(@rule)
      by_id = @projects.to_h { |p| [p.id.to_s, p] }
      Result.new(rule: document["rule"],
                 funded: document["selected"].map { |id| by_id.fetch(id).id },
                 total_cost: Minga.exact(document["total_cost"]),
                 left_over: Minga.exact(document["left_over"]),
                 unfunded: document["unfunded"].to_h { |u| [by_id.fetch(u["project"]).id, u["reason"]] },
                 document: document)
    end
  end

  private

  # The "minga.election/1" document (docs/formats.md): exact amounts travel as strings,
  # identical ballots are counted once with their number.
  def election_document
    strata = []
    ballots = Hash.new(0)
    @orders.each do |order|
      stratum = { "channel" => attribute(order, :channel) || "online", "district" => attribute(order, :district) }.compact
      strata << stratum unless strata.include?(stratum)
      ballots[[order.public_send(@project_ids).map(&:to_s).sort, strata.index(stratum)]] += 1
    end
    {
      "schema" => "minga.election/1",
      "kind" => "approval",
      "budget" => exact_text(@budget_amount),
      "alternatives" => @projects.map { |p| { "id" => p.id.to_s, "name" => p.title, "cost" => exact_text(p.public_send(@cost)) } },
      "strata" => strata,
      "ballots" => ballots.map { |(ids, stratum), count| { "approve" => ids, "stratum" => stratum, "count" => count } },
    }
  end

  def attribute(record, name) = record.respond_to?(name) ? record.public_send(name) : nil

  # Money columns are Integers or BigDecimals in Rails; never go through Float.
  def exact_text(amount)
    case amount
    when Integer, String then amount.to_s
    when Rational then "#{amount.numerator}/#{amount.denominator}"
    else
      raise ArgumentError, "not an exact amount: #{amount.inspect}" unless amount.respond_to?(:to_s) && !amount.is_a?(Float)

      amount.to_s("F") # BigDecimal
    end
  end
end

# Checks a voter's receipt from a verifiable (encrypted) vote run with minga, e.g. a
# consultation whose ballots were encrypted at kiosks (`minga election`, or
# Minga::VerifiableElection). The app publishes the election's election.json (say as an
# Active Storage attachment); a voter pastes the receipt they were given, or types the
# short code printed on it, and the app answers from the receipt alone: the board's
# signature, its signed checkpoint and the Merkle inclusion proof are checked offline.
#
#   outcome = ReceiptCheck.new(election_json: consultation.election_json.download).call(params[:receipt])
#   flash[outcome.verified ? :notice : :alert] = outcome.message
class ReceiptCheck
  Outcome = Struct.new(:verified, :message, :short_code, keyword_init: true)

  def initialize(election_json:)
    @election_json = election_json
  end

  def call(receipt_json)
    found = Minga.verify_receipt(receipt_json, @election_json)
    Outcome.new(verified: true, short_code: found["short_code"],
                message: "Your ballot #{found['short_code']} is number #{found['leaf_index'] + 1} of " \
                         "#{found['tree_size']} on the board signed by #{found['origin']}.")
  rescue Minga::Error => e
    raise unless [Minga::Status::EVERIFY, Minga::Status::EPARSE].include?(e.code)

    Outcome.new(verified: false, message: "This receipt does not verify: #{e.message}")
  end

  # For a voter without the receipt file: does the short code they typed (any case,
  # dashes optional) belong to the confirmation code the board shows?
  def short_code_matches?(typed, confirmation_code)
    Minga.short_code_matches?(typed, confirmation_code)
  rescue Minga::Error
    false # mistyped: its check character fails
  end
end

if $PROGRAM_NAME == __FILE__
  # Stand-ins for the app's ActiveRecord models, with a small made-up municipality.
  Project = Struct.new(:id, :title, :budget_amount)
  Order = Struct.new(:project_ids, :channel, :district)
  projects = [Project.new(1, "Plaza lighting", 60_000), Project.new(2, "Bike lanes", 30_000),
              Project.new(3, "Library opening hours", 25_000), Project.new(4, "Community garden", 10_000)]
  orders = Array.new(5) { Order.new([1, 2], "online", "Centro") } +
           Array.new(3) { Order.new([3, 4], "online", "Norte") } +
           Array.new(2) { Order.new([1], "online", "Centro") } +
           Array.new(2) { Order.new([3], "paper", "Norte") } # paper ballots keyed in at a kiosk

  [{ rule: "mes", completion: "add1" }, { rule: "mes", completion: "none" }, { rule: "greedy" }].each do |rule|
    result = BudgetOutcome.new(budget_amount: 100_000, projects: projects, orders: orders, rule: rule).call
    puts "#{rule.values.join(' ')}: funded #{result.funded.inspect}, cost #{result.total_cost.to_i}, " \
         "left over #{result.left_over.to_i}"
    result.unfunded.each { |id, reason| puts "  not funded #{id}: #{reason}" }
  end

  # A small verifiable consultation on the same projects, run at two kiosks, then a voter's receipt checked.
  require "tmpdir"
  Dir.mktmpdir do |dir|
    folder = File.join(dir, "consulta")
    manifest = { schema: "minga.manifest/1", election_id: "consulta-2026", title: "Which project first?",
                 contests: [{ id: "first", title: "First project", kind: "plurality", option_range: 1,
                              selection_limit: 1,
                              options: projects.map { |p| { id: "p#{p.id}", label: p.title } } }] }
    election = Minga::VerifiableElection.create(folder, manifest, guardians: 3, quorum: 2)
    receipts = [1, 3, 3, 4].each_with_index.map do |project, i|
      election.encrypt({ ballot_id: "v#{i + 1}", selections: { first: { "p#{project}" => 1 } } },
                       device: "kiosk-#{i % 2 + 1}")
      election.cast("v#{i + 1}")
    end
    election.release
    check = ReceiptCheck.new(election_json: File.read(File.join(folder, "election.json")))
    puts "receipt: #{check.call(JSON.generate(receipts[2])).message}"
    forged = receipts[2].merge("leaf_index" => 0)
    puts "forged receipt verified: #{check.call(JSON.generate(forged)).verified}"
    code = receipts[2]["confirmation_code"]
    typed = Minga.short_code(code).downcase.delete("-")
    puts "short code #{typed} matches: #{check.short_code_matches?(typed, code)}"
  end
end
