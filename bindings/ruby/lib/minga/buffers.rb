# SPDX-License-Identifier: Apache-2.0
# buffers.rb - moving arrays, strings and JSON across the C ABI (internal).
module Minga
  # Helpers that build C arrays and take ownership of buffers minga returns.
  module Buffers
    module_function

    # The fixed-width type that +type+ is on this platform (size_t -> uint64 or uint32).
    SIZE_T = FFI.type_size(:size_t) == 8 ? :uint64 : :uint32

    # A C array of +type+ holding +values+ (nil when values is nil).
    def array(type, values)
      return nil if values.nil?

      memory = FFI::MemoryPointer.new(type, [values.size, 1].max)
      memory.__send__(:"put_array_of_#{type == :size_t ? SIZE_T : type}", 0, values) unless values.empty?
      memory
    end

    # A C array of NUL-terminated strings (nil entries stay NULL). The returned pointer
    # keeps the strings alive as long as it lives.
    def strings(values)
      return nil if values.nil?

      texts = values.map { |v| v.nil? ? nil : FFI::MemoryPointer.from_string(v.to_s) }
      memory = FFI::MemoryPointer.new(:pointer, [values.size, 1].max)
      memory.put_array_of_pointer(0, texts.map { |t| t || FFI::Pointer::NULL }) unless texts.empty?
      memory.instance_variable_set(:@strings, texts)
      memory
    end

    def column(rows, key)
      rows.each_with_index.map do |row, i|
        value = row[key] || row[key.to_s]
        raise Error.new(Status::EINVAL, "minga: row #{i + 1}: '#{key}' is missing") if value.nil?

        value
      end
    end

    # A spec as JSON text: a Hash is serialised (Integers stay exact, Rationals become
    # "n/d"), a String is passed as it is, nil means "not given".
    def spec(spec)
      case spec
      when nil, String then spec
      when Hash then JSON.generate(spec.transform_values { |v| v.is_a?(Rational) ? v.to_s : v })
      else raise ArgumentError, "minga: a spec is a Hash or JSON text, not #{spec.class}"
      end
    end

    # Calls the block with an out-pointer for a minga-allocated buffer; returns its text
    # and frees it.
    def take_text(length = nil)
      out = FFI::MemoryPointer.new(:pointer)
      Error.check(yield(out))
      buffer = out.read_pointer
      begin
        text = length ? buffer.read_bytes(length.call) : buffer.read_string
        text.force_encoding(Encoding::UTF_8)
      ensure
        Native.minga_free(buffer)
      end
    end

    # Calls the block with an out-pointer for a JSON document; returns it parsed (a Hash
    # with string keys; Ruby Integers are exact at any size, exact amounts are strings).
    def json_result(&block)
      JSON.parse(take_text(&block))
    end
  end
end
