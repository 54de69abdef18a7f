# SPDX-License-Identifier: Apache-2.0
# Runs one command and checks its exit status and output (cmake -P).
#   COMMAND     the command line, arguments separated by '|'
#   EXIT        the exit status it must return, exactly
#   STDOUT      regular expressions, separated by '|', that stdout must all match
#   STDOUT_NOT  regular expressions that stdout must not match
#   STDERR      regular expressions that stderr must all match
string(REPLACE "|" ";" argv "${COMMAND}")
execute_process(COMMAND ${argv} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)

set(failed FALSE)
if(NOT "${status}" STREQUAL "${EXIT}")
  message(SEND_ERROR "exit status '${status}', expected ${EXIT}")
  set(failed TRUE)
endif()

function(require_all stream_name text patterns)
  string(REPLACE "|" ";" patterns "${patterns}")
  foreach(pattern IN LISTS patterns)
    if(NOT text MATCHES "${pattern}")
      message(SEND_ERROR "${stream_name} does not match '${pattern}'")
    endif()
  endforeach()
endfunction()

require_all(stdout "${out}" "${STDOUT}")
require_all(stderr "${err}" "${STDERR}")
string(REPLACE "|" ";" forbidden "${STDOUT_NOT}")
foreach(pattern IN LISTS forbidden)
  if(out MATCHES "${pattern}")
    message(SEND_ERROR "stdout matches '${pattern}', which it must not")
  endif()
endforeach()

message(STATUS "exit ${status}\n--- stdout ---\n${out}\n--- stderr ---\n${err}")
