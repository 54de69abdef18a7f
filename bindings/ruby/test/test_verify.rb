# SPDX-License-Identifier: Apache-2.0
# test_verify.rb - verifiable elections from Ruby: an election folder step by step, receipts checked
# and forged, short codes, the record verified and tampered with, partitions that add up to the tally.
require "json"
require "tmpdir"
require_relative "test_helper"

class TestVerify < Minitest::Test
  MANIFEST = {
    "schema" => "minga.manifest/1", "election_id" => "junta-2026", "title" => "Junta de vecinos",
    "contests" => [{ "id" => "puntos", "title" => "Puntos", "kind" => "cumulative", "option_range" => 3,
                     "selection_limit" => 3,
                     "options" => [{ "id" => "huerta", "label" => "Huerta" }, { "id" => "cancha", "label" => "Cancha" }] }]
  }.freeze

  def test_an_election_folder_step_by_step_then_its_record_verified
    Dir.mktmpdir do |dir|
      folder = File.join(dir, "junta")
      election = Minga::VerifiableElection.create(folder, MANIFEST, guardians: 2, quorum: 2)
      points = { "a" => [3, 0], "b" => [1, 2], "c" => [0, 1] }
      receipts = points.to_h do |id, (huerta, cancha)|
        codes = election.encrypt({ "ballot_id" => id, "selections" => { "puntos" => { "huerta" => huerta, "cancha" => cancha } } })
        assert_equal Minga.short_code(codes["confirmation_code"]), codes["short_code"]
        [id, election.cast(id)]
      end
      error = assert_raises(Minga::Error) do
        election.encrypt({ "ballot_id" => "d", "selections" => { "puntos" => { "huerta" => 2, "cancha" => 2 } } })
      end
      assert_equal Minga::Status::EINVAL, error.code
      assert_equal 3, election.status["cast"]
      election.close
      election.tally
      record = election.decrypt([1, 2])
      election.release
      assert_equal [4, 3], record["tally"]["contests"][0]["options"].map { |o| o["total"] }

      published = File.read(File.join(folder, "election.json"))
      assert_equal 1, Minga.verify_receipt(receipts["b"], published)["leaf_index"]
      # another ballot's code (and its short code, which the receipt carries too): the signature fails
      forged = receipts["b"].merge("confirmation_code" => receipts["a"]["confirmation_code"],
                                   "short_code" => receipts["a"]["short_code"])
      assert_equal Minga::Status::EVERIFY, assert_raises(Minga::Error) { Minga.verify_receipt(forged, published) }.code
      assert Minga.short_code_matches?(Minga.short_code(receipts["c"]["confirmation_code"]).downcase,
                                       receipts["c"]["confirmation_code"])
      refute Minga.short_code_matches?(Minga.short_code(receipts["c"]["confirmation_code"]),
                                       receipts["a"]["confirmation_code"])

      assert Minga.verify_record(record)["passed"]
      assert Minga.verify_record_file(File.join(folder, "record.json"))["passed"]
      record["tally"]["contests"][0]["options"][0]["total"] = 5
      failed = Minga.verify_record(record)["checks"].reject { |c| c["passed"] }.map { |c| c["check"] }
      assert_equal ["decryption"], failed

      lines = File.readlines(File.join(folder, "ballots.jsonl"), chomp: true)
      first = Minga.verify_ballots(published, lines[0, 1], threads: 1)
      rest = Minga.verify_ballots(published, lines[1..], first_index: 1, threads: 1)
      assert first["passed"] && rest["passed"]
      assert_equal JSON.parse(File.read(File.join(folder, "tally.json"))), Minga.add_tallies(first["sum"], rest["sum"])
    end
  end
end
