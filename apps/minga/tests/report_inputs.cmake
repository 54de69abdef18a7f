# SPDX-License-Identifier: Apache-2.0
# Shared by report_html.cmake and report_chromium.cmake: runs `minga tally/budget/qv/qf/verify --json`
# on the small hand-made inputs in tests/data, then `minga report` on each result, into WORK.
#   MINGA  the program;  DATA  tests/data;  WORK  a scratch folder (recreated)
# After make_reports(): report_kinds lists the reports made (WORK/<kind>.html, from WORK/<kind>*.json).

function(run_minga out_file)
  execute_process(COMMAND ${MINGA} ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status STREQUAL "0")
    message(FATAL_ERROR "minga ${ARGN} exited with '${status}':\n${err}")
  endif()
  if(out_file)
    file(WRITE "${out_file}" "${out}")
  endif()
endfunction()

# A ranked result whose names need escaping, written by hand (schema minga.result/1, docs/ranked.md):
# round 1 counts 5, 3 and 1 votes; the third candidate is excluded and its vote moves to the second.
set(escaping_result [=[{
  "schema": "minga.result/1", "method": "irv",
  "candidates": ["<script>alert('x')</script>", "Ana & \"Bo\"", "Zoë <i>"],
  "seats": 1, "winners": ["<script>alert('x')</script>"], "complete": true, "ballots": 9, "blank_ballots": 0,
  "rounds": [
    {"round": 1, "tally": {"<script>alert('x')</script>": "5", "Ana & \"Bo\"": "3", "Zoë <i>": "1"}, "active": "9",
     "threshold": "5", "inactive": {"overvote": "0"},
     "actions": [{"excluded": "Zoë <i>", "transfers": {"Ana & \"Bo\"": "1"}, "exhausted": {"overvote": "0"}}]},
    {"round": 2, "tally": {"<script>alert('x')</script>": "5", "Ana & \"Bo\"": "4"}, "active": "9",
     "threshold": "5", "inactive": {"overvote": "0"},
     "actions": [{"elected": "<script>alert('x')</script>", "transfers": {}, "exhausted": {"overvote": "0"}}]}
  ],
  "ties": [], "notes": ["a note with <b>markup</b> & an ampersand"]
}]=])

function(make_reports)
  file(REMOVE_RECURSE "${WORK}")
  file(MAKE_DIRECTORY "${WORK}")
  run_minga("${WORK}/irv.json" tally "${DATA}/tiny_ranked.soi" --json)
  run_minga("${WORK}/stv.json" tally "${DATA}/tiny_ranked.soi" --method wigm --seats 2 --json)
  run_minga("${WORK}/budget_greedy.json" budget "${DATA}/tiny_approval.pb" --json)
  run_minga("${WORK}/budget_mes.json" budget "${DATA}/tiny_approval.pb" --rule mes --check --json)
  run_minga("${WORK}/qv.json" qv "${DATA}/qv_poll.csv" --credits 10 --json)
  run_minga("${WORK}/qf.json" qf "${DATA}/qf_round.csv" --pool 100 --variant cluster --clusters "${DATA}/qf_clusters.csv" --json)
  run_minga("${WORK}/verify.json" verify "${DATA}/verify_record_vector.json" --json)
  file(WRITE "${WORK}/escaping.json" "${escaping_result}")

  run_minga("" report "${WORK}/irv.json" -o "${WORK}/irv.html" --lang en)
  run_minga("" report "${WORK}/stv.json" --output "${WORK}/stv.html" --lang en)
  run_minga("" report "${WORK}/budget_mes.json" "${WORK}/budget_greedy.json" -o "${WORK}/budget.html")
  run_minga("" report "${WORK}/qv.json" -o "${WORK}/qv.html" --lang pt)
  run_minga("" report "${WORK}/qf.json" -o "${WORK}/qf.html" --lang fr)
  run_minga("" report "${WORK}/verify.json" -o "${WORK}/verify.html" --lang es)
  run_minga("" report "${WORK}/escaping.json" -o "${WORK}/escaping.html" --lang en)
  set(report_kinds irv stv budget qv qf verify escaping PARENT_SCOPE)
endfunction()
