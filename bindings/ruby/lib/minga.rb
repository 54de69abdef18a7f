# SPDX-License-Identifier: Apache-2.0
# minga.rb - minga for Ruby: elections, ranked counts, participatory budgets, quadratic voting
# and funding over the C ABI (include/minga.h) with the ffi gem. No decision logic lives here.
#
#   require "minga"
#   election = Minga::Election.read_file("votes.pb")
#   result = election.budget(rule: "mes", completion: "add1")   # a Hash ("minga.budget.result/1")
#   result["selected"]                                          # => ["3", "9", ...]
#   election.close
require "json"
require_relative "minga/native"
require_relative "minga/error"
require_relative "minga/buffers"

module Minga
  # Status codes of minga.h (pinned, append-only), read from the library.
  module Status
    OK = Native.minga_ok
    EINVAL = Native.minga_einval
    EPARSE = Native.minga_eparse
    EIO = Native.minga_eio
    EUNSUPPORTED = Native.minga_eunsupported
    EMISMATCH = Native.minga_emismatch
    ENOMEM = Native.minga_enomem
    ELIMIT = Native.minga_elimit
    EINTERNAL = Native.minga_einternal
    ETIE = Native.minga_etie
    EVERIFY = Native.minga_everify
  end

  # How a ballot reached the count.
  module Channel
    UNSPECIFIED = Native.minga_channel_unspecified
    ONLINE = Native.minga_channel_online
    KIOSK = Native.minga_channel_kiosk
    PAPER = Native.minga_channel_paper
    SMS = Native.minga_channel_sms
    OTHER = Native.minga_channel_other
  end

  # Tokens a rank of a ranked ballot may hold instead of a candidate.
  module Mark
    OVERVOTE = Native.minga_mark_overvote
    WRITE_IN = Native.minga_mark_write_in
  end

end

require_relative "minga/election"
require_relative "minga/verifiable"

module Minga
  module_function

  # { string:, number:, major:, minor:, patch:, abi:, library: } of the running library.
  def version
    { string: Native.minga_version_string, number: Native.minga_version_number,
      major: Native.minga_version_major, minor: Native.minga_version_minor, patch: Native.minga_version_patch,
      abi: Native.minga_abi_version, library: Native::LIBRARY_PATH }
  end

  # Initialises minga (idempotent; requiring the gem does it). True the first time.
  def init
    Error.check(Native.minga_init).zero?
  end

  def status_name(code) = Native.minga_status_name(code)
  def channel_name(channel) = Native.minga_channel_name(channel)

  # The last failure on this thread: { code:, status:, message: } (code 0 when none).
  def last_error
    code = Native.minga_last_error_code
    { code: code, status: Native.minga_status_name(code), message: Native.minga_last_error_message }
  end

  def clear_error = Native.minga_clear_error

  # An exact number of a result ("1500.50", "500/3") as a Rational; nil stays nil.
  def exact(text)
    text.nil? ? nil : Rational(text)
  end

  # The method names Election#ranked_count accepts ("plurality", "irv", "wigm", "schulze", ...).
  def ranked_methods = Buffers.json_result { |out| Native.minga_ranked_methods(out) }

  # An RCTab contest (its configuration JSON and the cast vote records it names) counted as RCTab
  # would: { "summary" => RCTab's summary JSON, "summary_csv" => its summary CSV, "result" => minga's
  # result (as Election#ranked_count) }. Writes nothing.
  def rctab_tabulate(config_path)
    outs = Array.new(3) { FFI::MemoryPointer.new(:pointer) }
    Error.check(Native.minga_rctab_tabulate(config_path.to_s, *outs))
    summary, csv, result = outs.map do |out|
      buffer = out.read_pointer
      begin
        buffer.read_string.force_encoding(Encoding::UTF_8)
      ensure
        Native.minga_free(buffer)
      end
    end
    { "summary" => JSON.parse(summary), "summary_csv" => csv, "result" => JSON.parse(result) }
  end

  # Tallies voter-identified rows [{ voter:, option:, votes: }]; returns "minga.qv/1".
  def qv_tally_rows(rows, spec)
    voters = Buffers.strings(Buffers.column(rows, :voter))
    options = Buffers.strings(Buffers.column(rows, :option))
    votes = Buffers.array(:int64, Buffers.column(rows, :votes).map { |v| Integer(v) })
    Buffers.json_result { |out| Native.minga_qv_tally_rows(rows.size, voters, options, votes, Buffers.spec(spec), out) }
  end

  # Tallies a file of quadratic-voting rows (CSV or JSON); returns "minga.qv/1".
  def qv_tally_file(path, spec)
    Buffers.json_result { |out| Native.minga_qv_tally_file(path.to_s, Buffers.spec(spec), out) }
  end

  # Matches contributions [{ donor:, project:, amount: }] (integer amounts in the smallest
  # unit, as Integers or strings); returns "minga.qf/1".
  def qf_match(contributions, spec)
    donors = Buffers.strings(Buffers.column(contributions, :donor))
    projects = Buffers.strings(Buffers.column(contributions, :project))
    amounts = Buffers.strings(Buffers.column(contributions, :amount))
    Buffers.json_result do |out|
      Native.minga_qf_match(contributions.size, donors, projects, amounts, Buffers.spec(spec), out)
    end
  end

  # Matches the contributions of a file, or fits a MACI tally; returns "minga.qf/1".
  def qf_match_file(path, spec)
    Buffers.json_result { |out| Native.minga_qf_match_file(path.to_s, Buffers.spec(spec), out) }
  end

  init
end
