# SPDX-License-Identifier: Apache-2.0
# `minga election` step by step in a fresh folder, then `minga verify` of the record and of a receipt;
# a changed record and a forged receipt are refused (exit 1); steps out of order fail (exit 2) saying
# what comes first; `minga demo --record` runs the demo's election and verifies it.
# cmake -P; MINGA = the program, WORK = a scratch folder (emptied here).
include("${CMAKE_CURRENT_LIST_DIR}/election_common.cmake")

file(WRITE "${WORK}/manifest.json" [=[
{"schema": "minga.manifest/1", "election_id": "plaza-2026", "title": "Plaza", "contests": [
 {"id": "obra", "title": "Obra", "kind": "approval", "option_range": 1, "selection_limit": 2,
  "options": [{"id": "plaza", "label": "Plaza"}, {"id": "luz", "label": "Luz"}, {"id": "agua", "label": "Agua"}]}]}
]=])
file(WRITE "${WORK}/b1.json" [=[{"ballot_id": "b1", "selections": {"obra": {"plaza": 1, "luz": 1}}}]=])
file(WRITE "${WORK}/b2.json" [=[{"ballot_id": "b2", "selections": {"obra": {"agua": 1}}}]=])
file(WRITE "${WORK}/b3.json" [=[{"ballot_id": "b3", "selections": {"obra": {"luz": 1}}}]=])
file(WRITE "${WORK}/bad.json" [=[{"ballot_id": "b4", "selections": {"obra": {"zinc": 1}}}]=])

minga(0 out election init "${vote}" --manifest "${WORK}/manifest.json" --guardians 3 --quorum 2)
minga(2 out election tally "${vote}")
if(NOT out MATCHES "close the election first")
  message(FATAL_ERROR "tally before close: ${out}")
endif()
minga(0 out election encrypt "${vote}" "${WORK}/b1.json" --device kiosk-1)
if(NOT out MATCHES "\"short_code\":\"[0-9A-Z]+-[0-9A-Z]+\"")
  message(FATAL_ERROR "encrypt printed no short code: ${out}")
endif()
minga(0 out election encrypt "${vote}" "${WORK}/b2.json" --device kiosk-1)
minga(0 out election encrypt "${vote}" "${WORK}/b3.json" --device kiosk-2)
minga(2 out election encrypt "${vote}" "${WORK}/bad.json")
if(NOT out MATCHES "bad\\.json.*selections\\.obra\\.zinc")
  message(FATAL_ERROR "a bad ballot is not named: ${out}")
endif()
minga(0 receipt election cast "${vote}" b1)
file(WRITE "${WORK}/receipt.json" "${receipt}")
minga(0 out election challenge "${vote}" b2)
minga(0 out election cast "${vote}" b3)
minga(0 out election close "${vote}")
minga(2 out election cast "${vote}" b9)
minga(0 out election tally "${vote}")
minga(2 out election decrypt "${vote}" --guardians 2)
minga(0 out election decrypt "${vote}" --guardians 3,1)
if(NOT out MATCHES "Plaza: 1\n  Luz: 2\n  Agua: 0")
  message(FATAL_ERROR "wrong totals (b2 was challenged, so not counted): ${out}")
endif()

minga(0 out verify "${vote}/record.json")
minga(0 out verify --receipt "${WORK}/receipt.json" "${vote}/election.json")
if(NOT out MATCHES "receipt verified: .* is ballot 1 of 1 on the board signed by plaza-2026\\.board")
  message(FATAL_ERROR "receipt check: ${out}")
endif()

file(READ "${vote}/record.json" record)
string(REPLACE "\"total\": 2" "\"total\": 3" changed "${record}")
file(WRITE "${WORK}/changed.json" "${changed}")
minga(1 out verify "${WORK}/changed.json")
if(NOT out MATCHES "FAIL  decryption" OR NOT out MATCHES "record REJECTED")
  message(FATAL_ERROR "a changed total was not refused by the decryption check: ${out}")
endif()
string(REGEX REPLACE "\"leaf_index\": *0" "\"leaf_index\": 1" forged "${receipt}")
file(WRITE "${WORK}/forged.json" "${forged}")
minga(1 out verify --receipt "${WORK}/forged.json" "${vote}/election.json")

minga(0 out demo --voters 100 --record "${WORK}/demo")
if(NOT out MATCHES "35 ballots cast, 5 challenged" OR NOT out MATCHES "13 of 13 checks pass")
  message(FATAL_ERROR "minga demo --record: ${out}")
endif()
minga(0 out verify "${WORK}/demo/record.json")
