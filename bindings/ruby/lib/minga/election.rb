# SPDX-License-Identifier: Apache-2.0
# election.rb - Minga::Election: an election (alternatives, ballots, rules) owned by minga.
module Minga
  # An election. Free it with #close (or use the block forms, which close it for you);
  # an FFI::AutoPointer frees a forgotten one when it is garbage-collected.
  class Election
    @open_count = 0

    class << self
      # Elections created and not yet freed (for leak checks).
      attr_reader :open_count

      # Frees a handle (the AutoPointer's releaser; also runs at garbage collection).
      def release(pointer)
        Native.minga_election_free(pointer)
        @open_count -= 1
      end

      # A new empty election; +alternatives+ is an array of unique ids or a count (ids "1".."n").
      def create(kind, alternatives, &block)
        ids = alternatives.is_a?(Integer) ? nil : alternatives.map(&:to_s)
        count = ids ? ids.size : alternatives
        adopt(block) { |out| Native.minga_election_new(out, kind.to_s, count, Buffers.strings(ids)) }
      end

      # Reads an election file (pabulib, PrefLib, BLT, CSV, minga JSON or binary); the
      # format comes from the extension and the content unless +format+ names it.
      def read_file(path, format: nil, &block)
        adopt(block) { |out| Native.minga_election_read_file(out, path.to_s, format) }
      end

      # Reads a "minga.election/1" document (JSON text or a Hash).
      def from_json(document, &block)
        text = document.is_a?(String) ? document : JSON.generate(document)
        adopt(block) { |out| Native.minga_election_from_json(out, text, text.bytesize) }
      end

      # Reads minga's binary format (a binary String).
      def from_binary(bytes, &block)
        memory = FFI::MemoryPointer.new(:uint8, [bytes.bytesize, 1].max)
        memory.put_bytes(0, bytes)
        adopt(block) { |out| Native.minga_election_from_binary(out, memory, bytes.bytesize) }
      end

      private

      # Runs the C call that creates a handle; with a block, yields the election and closes it.
      def adopt(block)
        out = FFI::MemoryPointer.new(:pointer)
        Error.check(yield(out))
        election = new(out.read_pointer)
        return election unless block

        begin
          block.call(election)
        ensure
          election.close
        end
      end
    end

    def initialize(pointer)
      @handle = FFI::AutoPointer.new(pointer, self.class.method(:release))
      self.class.instance_variable_set(:@open_count, self.class.open_count + 1)
    end

    # Frees the election now. Calling it again does nothing.
    def close
      return if @handle.nil?

      @handle.free
      @handle = nil
    end

    def closed? = @handle.nil?

    def kind
      kind = Native.minga_election_kind(handle)
      Error.check(Native.minga_last_error_code) if kind.nil?
      kind
    end

    def num_alternatives = read_out(:size_t) { |out| Native.minga_election_num_alternatives(handle, out) }
    def num_ballots = read_out(:uint64) { |out| Native.minga_election_num_ballots(handle, out) }
    def num_distinct = read_out(:size_t) { |out| Native.minga_election_num_distinct(handle, out) }

    def alternative_id(index)
      out = FFI::MemoryPointer.new(:pointer)
      Error.check(Native.minga_election_alternative_id(handle, index, out))
      out.read_pointer.read_string.force_encoding(Encoding::UTF_8)
    end

    # The alternative ids, in the election's order (index i is alternative i).
    def alternative_ids = Array.new(num_alternatives) { |i| alternative_id(i) }

    # The "minga.summary/1" document as a Hash.
    def info = Buffers.json_result { |out| Native.minga_election_info_json(handle, out, nil) }

    # The "minga.election/1" document as JSON text (Election.from_json reads it back).
    def to_json_text
      length = FFI::MemoryPointer.new(:size_t)
      Buffers.take_text(-> { length.read(:size_t) }) { |out| Native.minga_election_to_json(handle, out, length) }
    end

    # minga's compact binary form, as a binary String.
    def to_binary
      length = FFI::MemoryPointer.new(:size_t)
      Buffers.take_text(-> { length.read(:size_t) }) { |out| Native.minga_election_to_binary(handle, out, length) }
             .force_encoding(Encoding::BINARY)
    end

    # Writes a file; the format comes from the extension unless +format+ names it.
    def write_file(path, format: nil)
      Error.check(Native.minga_election_write_file(handle, path.to_s, format))
      self
    end

    # Adds the ballots of +other+ (same kind and alternatives) to this election.
    def merge(other)
      Error.check(Native.minga_election_merge(handle, other.__send__(:handle)))
      self
    end

    # ---- adding ballots --------------------------------------------------------
    # Every add method takes an array of ballots and, per ballot, optional counts:
    # (Integers), channels: (Channel values or names like "paper") and districts:
    # (strings or nil). An alternative is its index or its id. A batch is all or nothing.

    # Approval ballots: each ballot is an array of approved alternatives.
    def add_approvals(ballots, counts: nil, channels: nil, districts: nil)
      offsets, items = flatten(ballots) { |alternative| index(alternative) }
      extra = per_ballot(ballots.size, counts, channels, districts)
      Error.check(Native.minga_election_add_approvals(handle, ballots.size, Buffers.array(:size_t, offsets),
                                                      Buffers.array(:uint32, items), *extra))
      self
    end

    # Ranked ballots: each ballot is an array of ranks, first choice first; a rank is an
    # alternative, an array of them (a tie or overvote; [] is a skipped rank), or a Mark.
    def add_rankings(ballots, counts: nil, channels: nil, districts: nil)
      ballot_offsets = [0]
      rank_offsets = [0]
      marks = []
      ballots.each do |ballot|
        ballot.each do |rank|
          Array(rank).each { |mark| marks << (mark?(mark) ? mark : index(mark)) }
          rank_offsets << marks.size
        end
        ballot_offsets << rank_offsets.size - 1
      end
      extra = per_ballot(ballots.size, counts, channels, districts)
      Error.check(Native.minga_election_add_rankings(handle, ballots.size, Buffers.array(:size_t, ballot_offsets),
                                                     Buffers.array(:size_t, rank_offsets),
                                                     Buffers.array(:uint32, marks), *extra))
      self
    end

    # Score ballots: each ballot maps alternatives to exact points (a Hash or pairs);
    # points are Integers, Rationals or exact strings ("5/2", "2.5"). Floats are refused.
    def add_scores(ballots, counts: nil, channels: nil, districts: nil)
      numerators = []
      denominators = []
      offsets, items = flatten(ballots.map(&:to_a)) do |alternative, points|
        exact = exact_points(points)
        numerators << exact.numerator
        denominators << exact.denominator
        index(alternative)
      end
      extra = per_ballot(ballots.size, counts, channels, districts)
      Error.check(Native.minga_election_add_scores(handle, ballots.size, Buffers.array(:size_t, offsets),
                                                   Buffers.array(:uint32, items), Buffers.array(:int64, numerators),
                                                   Buffers.array(:int64, denominators), *extra))
      self
    end

    # Quadratic ballots: each ballot maps options to integer votes (negative = against).
    def add_quadratic(ballots, counts: nil, channels: nil, districts: nil)
      votes = []
      offsets, items = flatten(ballots.map(&:to_a)) do |option, v|
        votes << Integer(v)
        index(option)
      end
      extra = per_ballot(ballots.size, counts, channels, districts)
      Error.check(Native.minga_election_add_quadratic(handle, ballots.size, Buffers.array(:size_t, offsets),
                                                      Buffers.array(:uint32, items), Buffers.array(:int64, votes),
                                                      *extra))
      self
    end

    # ---- rules -------------------------------------------------------------------

    # Counts a ranked election. +spec+ is minga's count spec (see minga.h) as a Hash or JSON
    # text, e.g. { method: "stv", seats: 3, tie_break: "random", seed: "2026-11-29" }; nil =
    # IRV with every default. Returns the "minga.result/1" document as a Hash (winners, rounds
    # with exact tallies as strings). A tie left to the "stop" policy (the default) raises
    # Minga::Error with Status::ETIE, naming the tied candidates.
    def ranked_count(spec = nil)
      Buffers.json_result { |out| Native.minga_ranked_count(handle, Buffers.spec(spec), out) }
    end

    # Decides a participatory budget. +spec+ is minga's budget spec (see minga.h) as a Hash
    # or JSON text, e.g. { rule: "mes", completion: "add1" }; nil = the rule the election's
    # file names. Returns the "minga.budget.result/1" document as a Hash.
    def budget(spec = nil)
      Buffers.json_result { |out| Native.minga_budget_run(handle, Buffers.spec(spec), out) }
    end

    # Tallies a quadratic-voting election; returns the "minga.qv/1" document as a Hash.
    def qv_tally(spec = nil)
      Buffers.json_result { |out| Native.minga_qv_tally(handle, Buffers.spec(spec), out) }
    end

    def inspect
      return "#<Minga::Election closed>" if closed?

      "#<Minga::Election #{kind} alternatives=#{num_alternatives} ballots=#{num_ballots}>"
    end

    private

    def handle
      raise Error.new(Status::EINVAL, "minga: this election was closed") if @handle.nil?

      @handle
    end

    def read_out(type)
      out = FFI::MemoryPointer.new(type)
      Error.check(yield(out))
      out.read(type)
    end

    def index(alternative)
      return alternative if alternative.is_a?(Integer) && !alternative.negative?

      @ids ||= alternative_ids.each_with_index.to_h
      @ids.fetch(alternative.to_s) do
        raise Error.new(Status::EINVAL, "minga: unknown alternative id '#{alternative}'")
      end
    end

    def mark?(value) = [Mark::OVERVOTE, Mark::WRITE_IN].include?(value)

    # Arrow-style list layout: offsets (n + 1 entries) and the flat items.
    def flatten(ballots)
      offsets = [0]
      items = []
      ballots.each do |ballot|
        ballot.each { |entry| items << yield(entry) }
        offsets << items.size
      end
      [offsets, items]
    end

    CHANNELS = Channel.constants.to_h { |name| [name.to_s.downcase, Channel.const_get(name)] }.freeze

    def per_ballot(count, counts, channels, districts)
      { counts: counts, channels: channels, districts: districts }.each do |what, values|
        next if values.nil? || values.size == count

        raise Error.new(Status::EINVAL, "minga: #{what} has #{values.size} entries for #{count} ballots")
      end
      channel_values = channels&.map do |c|
        value = c.is_a?(Integer) ? c : CHANNELS[c.to_s.downcase]
        raise Error.new(Status::EINVAL, "minga: unknown channel '#{c}'") if value.nil?

        value
      end
      [Buffers.array(:uint64, counts&.map { |c| Integer(c) }), Buffers.array(:uint8, channel_values),
       Buffers.strings(districts)]
    end

    def exact_points(points)
      case points
      when Integer, Rational then Rational(points)
      when String then Rational(points.strip)
      else raise Error.new(Status::EINVAL, "minga: #{points.inspect} is not exact; give points as \"5/2\" or \"2.5\"")
      end
    rescue ArgumentError, ZeroDivisionError
      raise Error.new(Status::EINVAL, "minga: '#{points}' is not an exact number")
    end
  end
end
