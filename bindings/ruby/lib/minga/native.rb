# SPDX-License-Identifier: Apache-2.0
# native.rb - finds libminga and attaches every function of include/minga.h with the ffi gem.
# The signatures are copied from the header by hand: keep them in the header's order.
require "ffi"

module Minga
  # The raw C ABI. Use Minga::Election and the module functions of Minga instead.
  module Native
    extend FFI::Library

    # Where libminga comes from, first match wins: the MINGA_LIBRARY environment
    # variable; a build tree of the repository this gem sits in (build/ci, the one the test
    # command builds, then any other build/*/src, newest first); the system loader.
    def self.candidates
      return [ENV["MINGA_LIBRARY"]] if ENV["MINGA_LIBRARY"] && !ENV["MINGA_LIBRARY"].empty?
      file = FFI::Platform.mac? ? "libminga.dylib" : "libminga.so"
      build = File.expand_path("../../../../build", __dir__)
      ci = File.join(build, "ci", "src", file)
      others = Dir.glob(File.join(build, "*", "src", file)).reject { |p| p == ci }.sort_by { |p| -File.mtime(p).to_f }
      ([ci].select { |p| File.exist?(p) } + others + ["libminga.so.0", "minga"]).uniq
    end

    tried = []
    loaded = candidates.find do |candidate|
      ffi_lib(candidate)
      true
    rescue LoadError => e
      tried << "#{candidate}: #{e.message.lines.first.strip}"
      false
    end
    unless loaded
      raise LoadError, "minga: cannot load libminga (set MINGA_LIBRARY to its path); tried:\n  #{tried.join("\n  ")}"
    end
    LIBRARY_PATH = loaded

    FUNCTIONS = [
      # version and initialisation
      [:minga_version_string, [], :string],
      [:minga_version_number, [], :int],
      [:minga_version_major, [], :int],
      [:minga_version_minor, [], :int],
      [:minga_version_patch, [], :int],
      [:minga_abi_version, [], :int],
      [:minga_init, [], :int],
      # status codes and errors
      [:minga_ok, [], :int],
      [:minga_einval, [], :int],
      [:minga_eparse, [], :int],
      [:minga_eio, [], :int],
      [:minga_eunsupported, [], :int],
      [:minga_emismatch, [], :int],
      [:minga_enomem, [], :int],
      [:minga_elimit, [], :int],
      [:minga_einternal, [], :int],
      [:minga_etie, [], :int],
      [:minga_everify, [], :int],
      [:minga_status_name, [:int], :string],
      [:minga_last_error_code, [], :int],
      [:minga_last_error_message, [], :string],
      [:minga_clear_error, [], :void],
      [:minga_free, [:pointer], :void],
      # ballot constants
      [:minga_channel_unspecified, [], :int],
      [:minga_channel_online, [], :int],
      [:minga_channel_kiosk, [], :int],
      [:minga_channel_paper, [], :int],
      [:minga_channel_sms, [], :int],
      [:minga_channel_other, [], :int],
      [:minga_channel_name, [:int], :string],
      [:minga_mark_overvote, [], :uint32],
      [:minga_mark_write_in, [], :uint32],
      # elections (out-parameters are :pointer)
      [:minga_election_new, %i[pointer string size_t pointer], :int],
      [:minga_election_free, [:pointer], :void],
      [:minga_election_read_file, %i[pointer string string], :int],
      [:minga_election_write_file, %i[pointer string string], :int],
      [:minga_election_from_json, %i[pointer pointer size_t], :int],
      [:minga_election_to_json, %i[pointer pointer pointer], :int],
      [:minga_election_to_binary, %i[pointer pointer pointer], :int],
      [:minga_election_from_binary, %i[pointer pointer size_t], :int],
      [:minga_election_merge, %i[pointer pointer], :int],
      [:minga_election_kind, [:pointer], :string],
      [:minga_election_num_alternatives, %i[pointer pointer], :int],
      [:minga_election_num_ballots, %i[pointer pointer], :int],
      [:minga_election_num_distinct, %i[pointer pointer], :int],
      [:minga_election_alternative_id, %i[pointer size_t pointer], :int],
      [:minga_election_info_json, %i[pointer pointer pointer], :int],
      [:minga_election_add_approvals, %i[pointer size_t pointer pointer pointer pointer pointer], :int],
      [:minga_election_add_rankings, %i[pointer size_t pointer pointer pointer pointer pointer pointer], :int],
      [:minga_election_add_scores, %i[pointer size_t pointer pointer pointer pointer pointer pointer pointer], :int],
      [:minga_election_add_quadratic, %i[pointer size_t pointer pointer pointer pointer pointer pointer], :int],
      # ranked tallies
      [:minga_ranked_count, %i[pointer string pointer], :int],
      [:minga_ranked_methods, %i[pointer], :int],
      [:minga_rctab_tabulate, %i[string pointer pointer pointer], :int],
      # participatory budgeting
      [:minga_budget_run, %i[pointer string pointer], :int],
      # quadratic voting and funding
      [:minga_qv_tally, %i[pointer string pointer], :int],
      [:minga_qv_tally_rows, %i[size_t pointer pointer pointer string pointer], :int],
      [:minga_qv_tally_file, %i[string string pointer], :int],
      [:minga_qf_match, %i[size_t pointer pointer pointer string pointer], :int],
      [:minga_qf_match_file, %i[string string pointer], :int],
      # verifiable elections
      [:minga_verifiable_create, %i[pointer string string uint32 uint32], :int],
      [:minga_verifiable_open, %i[pointer string], :int],
      [:minga_verifiable_free, [:pointer], :void],
      [:minga_verifiable_status_json, %i[pointer pointer], :int],
      [:minga_verifiable_encrypt, %i[pointer string string pointer], :int],
      [:minga_verifiable_cast, %i[pointer string pointer], :int],
      [:minga_verifiable_challenge, %i[pointer string pointer], :int],
      [:minga_verifiable_submit, %i[pointer string pointer], :int],
      [:minga_verifiable_close, [:pointer], :int],
      [:minga_verifiable_tally, %i[pointer pointer], :int],
      [:minga_verifiable_decrypt, %i[pointer pointer size_t pointer], :int],
      [:minga_record_verify, %i[pointer size_t pointer pointer], :int],
      [:minga_record_verify_file, %i[string pointer pointer], :int],
      [:minga_ballots_verify, %i[pointer size_t pointer size_t uint64 uint pointer], :int],
      [:minga_tallies_add, %i[string string pointer], :int],
      [:minga_receipt_verify, %i[string pointer size_t pointer], :int],
      [:minga_short_code, %i[string pointer], :int],
      [:minga_short_code_check, %i[string string], :int],
    ].freeze

    FUNCTIONS.each do |name, params, result|
      attach_function(name, params, result)
    rescue FFI::NotFoundError
      raise LoadError, "minga: #{LIBRARY_PATH} has no #{name}: it is older than this gem"
    end
  end
end
