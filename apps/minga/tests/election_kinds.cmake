# SPDX-License-Identifier: Apache-2.0
# `minga election` with a ranked and a quadratic contest: ballots with ranks and signed votes, a ballot
# with two candidates at one rank refused (exit 2), the decrypted results printed as worked by hand,
# `minga verify` passing, and a changed Borda total refused by the decryption check (exit 1).
# cmake -P; MINGA = the program, WORK = a scratch folder (emptied here).
include("${CMAKE_CURRENT_LIST_DIR}/election_common.cmake")

file(WRITE "${WORK}/manifest.json" [=[
{"schema": "minga.manifest/1", "election_id": "junta-2026", "title": "Junta", "contests": [
 {"id": "mayor", "title": "Mayor", "kind": "ranked", "option_range": 2, "selection_limit": 2,
  "options": [{"id": "ana", "label": "Ana"}, {"id": "bo", "label": "Bo"}, {"id": "cy", "label": "Cy"}]},
 {"id": "fund", "title": "Fund", "kind": "quadratic", "option_range": 2, "selection_limit": 5,
  "options": [{"id": "pool", "label": "Pool"}, {"id": "road", "label": "Road"}]}]}
]=])
file(WRITE "${WORK}/b1.json" [=[{"ballot_id": "b1", "selections": {"mayor": {"bo": 1, "ana": 2}, "fund": {"pool": 2, "road": -1}}}]=])
file(WRITE "${WORK}/b2.json" [=[{"ballot_id": "b2", "selections": {"mayor": {"cy": 1}, "fund": {"road": 2}}}]=])
file(WRITE "${WORK}/b3.json" [=[{"ballot_id": "b3", "selections": {"mayor": {"ana": 1}, "fund": {"pool": -1}}}]=])
file(WRITE "${WORK}/tie.json" [=[{"ballot_id": "b4", "selections": {"mayor": {"ana": 1, "cy": 1}}}]=])

minga(0 out election init "${vote}" --manifest "${WORK}/manifest.json" --guardians 2 --quorum 2)
minga(0 out election encrypt "${vote}" "${WORK}/b1.json")
minga(0 out election cast "${vote}" b1)
minga(2 out election encrypt "${vote}" "${WORK}/tie.json")
if(NOT out MATCHES "contest mayor.*rank 1 is given to both ana and cy")
  message(FATAL_ERROR "two candidates at one rank were not refused by name: ${out}")
endif()
minga(0 out election encrypt "${vote}" "${WORK}/b2.json")
minga(0 out election challenge "${vote}" b2)
minga(0 out election encrypt "${vote}" "${WORK}/b3.json")
minga(0 out election cast "${vote}" b3)
minga(0 out election close "${vote}")
minga(0 out election tally "${vote}")
minga(0 out election decrypt "${vote}" --guardians 1,2)
# b1 and b3 count: first preferences Ana 1, Bo 1, Cy 0; Borda (2 points for rank 1, 1 for rank 2)
# Ana 1 + 2 = 3, Bo 2; net votes Pool 2 - 1 = 1, Road -1; credits Pool 4 + 1 = 5, Road 1.
if(NOT out MATCHES "Ana: 1 first preferences, 3 Borda points\n  Bo: 1 first preferences, 2 Borda points\n  Cy: 0 first preferences, 0 Borda points"
   OR NOT out MATCHES "Pool: 1 net votes, 5 credits\n  Road: -1 net votes, 1 credits")
  message(FATAL_ERROR "wrong results: ${out}")
endif()
minga(0 out verify "${vote}/record.json")
file(READ "${vote}/record.json" record)
string(REPLACE "\"total\": 3" "\"total\": 4" changed "${record}")
file(WRITE "${WORK}/changed.json" "${changed}")
minga(1 out verify "${WORK}/changed.json")
if(NOT out MATCHES "FAIL  decryption: contest mayor result ana\\.borda")
  message(FATAL_ERROR "a changed Borda total was not refused by the decryption check: ${out}")
endif()
