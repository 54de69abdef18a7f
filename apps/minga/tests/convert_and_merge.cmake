# SPDX-License-Identifier: Apache-2.0
# `minga convert` and `minga merge` keep every ballot (cmake -P).
#   MINGA  the program;  DATA  tests/data (tiny_approval.pb: 6 ballots, 4 online, 2 paper);  WORK  a scratch folder
set(FILE ${DATA}/tiny_approval.pb)
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

function(minga expected_status)
  execute_process(COMMAND ${MINGA} ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status STREQUAL expected_status)
    message(FATAL_ERROR "minga ${ARGN}: exit '${status}', expected ${expected_status}\n${out}${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
  set(err "${err}" PARENT_SCOPE)
endfunction()

function(expect_json file path expected)
  minga(0 info ${file} --json)
  string(REPLACE "." ";" keys "${path}")
  string(JSON actual ERROR_VARIABLE missing GET "${out}" ${keys})
  if(missing OR NOT actual STREQUAL expected)
    message(SEND_ERROR "${file}: ${path} is '${actual}' (${missing}), expected '${expected}'")
  endif()
endfunction()

# pabulib -> JSON -> binary: the same 6 ballots and their channels.
minga(0 convert ${FILE} ${WORK}/tiny.json)
minga(0 convert ${WORK}/tiny.json ${WORK}/tiny.bin --to binary)
foreach(copy tiny.json tiny.bin)
  set(fmt "")
  if(copy STREQUAL "tiny.bin")
    set(fmt --format binary)
  endif()
  minga(0 info ${WORK}/${copy} --json ${fmt})
  foreach(check "ballots=6" "distinct_ballots=5" "ballots_per_channel.online=4" "ballots_per_channel.paper=2")
    string(REPLACE "=" ";" pair "${check}")
    list(GET pair 0 path)
    list(GET pair 1 expected)
    string(REPLACE "." ";" keys "${path}")
    string(JSON actual ERROR_VARIABLE missing GET "${out}" ${keys})
    if(missing OR NOT actual STREQUAL expected)
      message(SEND_ERROR "${copy}: ${path} is '${actual}' (${missing}), expected '${expected}'")
    endif()
  endforeach()
endforeach()

# Standard output needs --to; with it, the converted text goes to stdout.
minga(64 convert ${FILE} -)
minga(0 convert ${FILE} - --to json)
string(JSON title ERROR_VARIABLE bad GET "${out}" title)
if(bad)
  message(SEND_ERROR "convert to '-' did not print JSON: ${bad}")
endif()

# Three partial counts merged: every ballot counted once per input.
minga(0 merge ${WORK}/merged.json ${FILE} ${WORK}/tiny.json ${FILE})
expect_json(${WORK}/merged.json ballots 18)
expect_json(${WORK}/merged.json distinct_ballots 5)
expect_json(${WORK}/merged.json ballots_per_channel.paper 6)

# Approval ballots do not fit BLT: an error (exit 2), never a silent loss, and no file left behind.
minga(2 convert ${FILE} ${WORK}/tiny.blt)
if(EXISTS ${WORK}/tiny.blt OR EXISTS ${WORK}/tiny.blt.tmp)
  message(SEND_ERROR "a failed conversion left a file behind")
endif()

# Merging elections over different alternatives fails and names the culprit.
minga(2 merge ${WORK}/bad.json ${FILE} ${DATA}/tiny_ranked.soi)
if(NOT err MATCHES "tiny_ranked\\.soi: ")
  message(SEND_ERROR "merge error does not name the file: ${err}")
endif()
