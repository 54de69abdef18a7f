# SPDX-License-Identifier: Apache-2.0
# error.rb - the one error minga raises: its status code and minga's own message.
module Minga
  # Raised by every failing call. #code is the minga status (negative, see Minga::Status),
  # #status its stable name ("parse", "io", ...), #message minga's message, which names
  # file, line and field for bad input ("votes.pb:22: vote: unknown project '9'").
  class Error < StandardError
    attr_reader :code, :status

    def initialize(code, message)
      super(message)
      @code = code
      @status = Native.minga_status_name(code)
    end

    # Raises the last error of this thread when +code+ is negative; returns +code+ otherwise.
    def self.check(code)
      raise new(code, Native.minga_last_error_message) if code.negative?

      code
    end
  end
end
