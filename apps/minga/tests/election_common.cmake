# SPDX-License-Identifier: Apache-2.0
# Shared by the `minga election` scripts (include()d; cmake -P): empties the scratch folder WORK,
# sets `vote` to the election folder inside it, and defines
#   minga(<expected exit> <output variable> args...)  runs MINGA, fails unless it exits as expected,
#                                                      and returns its stdout and stderr together.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(vote "${WORK}/vote")

function(minga expected out)
  execute_process(COMMAND ${MINGA} ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)
  if(NOT status STREQUAL "${expected}")
    message(FATAL_ERROR "minga ${ARGN}: exit '${status}', expected ${expected}\nstdout: ${stdout}\nstderr: ${stderr}")
  endif()
  set(${out} "${stdout}${stderr}" PARENT_SCOPE)
endfunction()
