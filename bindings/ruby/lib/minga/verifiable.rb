# SPDX-License-Identifier: Apache-2.0
# verifiable.rb - verifiable elections over the C ABI: an election folder step by step
# (Minga::VerifiableElection), receipts and short codes, the record's verifier.
#
#   election = Minga::VerifiableElection.create("vote", manifest, guardians: 3, quorum: 2)
#   codes = election.encrypt({ "ballot_id" => "b-1", "selections" => { "obra" => { "plaza" => 1 } } })
#   receipt = election.cast("b-1")            # the voter keeps it
#   Minga.verify_receipt(receipt, File.read("vote/election.json"))
#   election.close; election.tally; record = election.decrypt([1, 3]); election.release
#   Minga.verify_record(record)["passed"]     # => true
require "json"

module Minga
  # One verifiable election run from a folder (the folder of `minga election`). The folder
  # stays locked until #release (or garbage collection).
  class VerifiableElection
    # Makes a new election folder: a k-of-n key ceremony, the board key, election.json.
    def self.create(folder, manifest, guardians:, quorum:)
      adopt { |out| Native.minga_verifiable_create(out, folder.to_s, Verify.text(manifest), guardians, quorum) }
    end

    # Opens an election folder made before (waits for another holder's lock).
    def self.open(folder)
      adopt { |out| Native.minga_verifiable_open(out, folder.to_s) }
    end

    def self.adopt
      out = FFI::MemoryPointer.new(:pointer)
      Error.check(yield(out))
      new(FFI::AutoPointer.new(out.read_pointer, Native.method(:minga_verifiable_free)))
    end
    private_class_method :new, :adopt

    def initialize(pointer)
      @pointer = pointer
    end

    # Releases the handle and the folder's lock. Calling it again does nothing.
    def release
      return if @pointer.nil?

      @pointer.free
      @pointer = nil
    end

    # { "stage", "cast", "spoiled", "election_hash", "board_key" }
    def status = Buffers.json_result { |out| Native.minga_verifiable_status_json(handle, out) }

    # Encrypts { "ballot_id", "selections" => { contest => { option => value } } } on a device;
    # returns its codes ("confirmation_code", "short_code") to show the voter.
    def encrypt(ballot, device: "device-1")
      Buffers.json_result { |out| Native.minga_verifiable_encrypt(handle, device, Verify.text(ballot), out) }
    end

    # Casts a pending ballot; returns the board's signed receipt ("minga.receipt/1").
    def cast(ballot_id) = Buffers.json_result { |out| Native.minga_verifiable_cast(handle, ballot_id, out) }

    # Opens a pending ballot instead of casting it (spoiled, never counted).
    def challenge(ballot_id) = Buffers.json_result { |out| Native.minga_verifiable_challenge(handle, ballot_id, out) }

    # Checks a ballot encrypted elsewhere and casts it; returns the receipt.
    def submit(encrypted_ballot)
      Buffers.json_result { |out| Native.minga_verifiable_submit(handle, Verify.text(encrypted_ballot), out) }
    end

    # No ballot is accepted any more.
    def close = Error.check(Native.minga_verifiable_close(handle)) && nil

    # The homomorphic sums of the cast ballots ("minga.encrypted-tally/1").
    def tally = Buffers.json_result { |out| Native.minga_verifiable_tally(handle, out) }

    # Decrypts with at least k guardians (numbers 1..n); returns the record ("minga.record/1").
    def decrypt(guardians)
      list = Buffers.array(:uint32, guardians.map { |g| Integer(g) })
      Buffers.json_result { |out| Native.minga_verifiable_decrypt(handle, list, guardians.size, out) }
    end

    private

    def handle
      raise Error.new(Status::EINVAL, "minga: this verifiable election was released") if @pointer.nil?

      @pointer
    end
  end

  # JSON documents in (internal).
  module Verify
    module_function

    # JSON text of a document given as a Hash or as text.
    def text(doc)
      case doc
      when String then doc
      when Hash, Array then JSON.generate(doc)
      else raise ArgumentError, "minga: expected a Hash or JSON text, not #{doc.class}"
      end
    end

    # [pointer, length] of text, the pointer keeping the bytes alive.
    def bytes(doc)
      data = text(doc).b
      [FFI::MemoryPointer.from_string(data), data.bytesize]
    end
  end

  module_function

  # The independent verifier of a record (a Hash or JSON text): { "passed", "checks" => [...] }.
  def verify_record(record)
    pointer, length = Verify.bytes(record)
    passed = FFI::MemoryPointer.new(:int)
    Buffers.json_result { |out| Native.minga_record_verify(pointer, length, passed, out) }
  end

  # verify_record of a file.
  def verify_record_file(path)
    passed = FFI::MemoryPointer.new(:int)
    Buffers.json_result { |out| Native.minga_record_verify_file(path.to_s, passed, out) }
  end

  # Verifies one partition of an election's ballots: { "ballots", "selections", "passed", "failures", "sum" }.
  def verify_ballots(election, ballots, first_index: 0, threads: 0)
    context, context_length = Verify.bytes(election)
    lines, lines_length = Verify.bytes(ballots.map { |b| Verify.text(b) }.join("\n"))
    Buffers.json_result do |out|
      Native.minga_ballots_verify(context, context_length, lines, lines_length, first_index, threads, out)
    end
  end

  # The sum of two encrypted tallies, option by option.
  def add_tallies(a, b) = Buffers.json_result { |out| Native.minga_tallies_add(Verify.text(a), Verify.text(b), out) }

  # A voter's offline check of a receipt against the published election.json (Hash or text).
  # Returns { "origin", "tree_size", "leaf_index", "short_code" }; raises Minga::Error
  # (code Status::EVERIFY) when the signature, checkpoint or inclusion proof fails.
  def verify_receipt(receipt, election)
    context, length = Verify.bytes(election)
    Buffers.json_result { |out| Native.minga_receipt_verify(Verify.text(receipt), context, length, out) }
  end

  # The 10-character short code ("2M3D7-HPKWP") of a confirmation code (64 hex digits).
  def short_code(confirmation_code) = Buffers.take_text { |out| Native.minga_short_code(confirmation_code, out) }

  # Whether a short code as a voter typed it belongs to a confirmation code; a mistyped
  # one (its check character fails) raises Minga::Error (Status::EPARSE).
  def short_code_matches?(typed, confirmation_code)
    status = Native.minga_short_code_check(typed, confirmation_code)
    return false if status == Status::EVERIFY

    Error.check(status)
    true
  end
end
