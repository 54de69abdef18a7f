# SPDX-License-Identifier: Apache-2.0
# `minga report` (cmake -P): builds a report of every kind from the results of the other commands
# on tests/data and checks the HTML: the winners and funded projects (from the JSON, and the
# hand-counted ones of tests/data), the chosen language's words, escaping of names, that the page is
# self-contained (no URL, no script, no external resource), and clear errors for bad input.
#   MINGA  the program;  DATA  tests/data;  WORK  a scratch folder
include(${CMAKE_CURRENT_LIST_DIR}/report_inputs.cmake)
make_reports()

function(require kind pattern)
  file(READ "${WORK}/${kind}.html" html)
  if(NOT html MATCHES "${pattern}")
    message(SEND_ERROR "${kind}.html does not match '${pattern}'")
  endif()
endfunction()
function(forbid kind pattern)
  file(READ "${WORK}/${kind}.html" html)
  if(html MATCHES "${pattern}")
    message(SEND_ERROR "${kind}.html matches '${pattern}', which it must not")
  endif()
endfunction()
# Every element of the JSON array ARRAY (in WORK/<json>.json; its MEMBER when not "") appears in
# <kind>.html as PREFIX value SUFFIX.
function(require_each kind json prefix suffix array member)
  file(READ "${WORK}/${json}.json" text)
  string(JSON n LENGTH "${text}" ${array})
  if(n EQUAL 0)
    message(SEND_ERROR "${json}.json: ${array} is empty; nothing to check")
    return()
  endif()
  math(EXPR last "${n} - 1")
  foreach(i RANGE ${last})
    string(JSON value GET "${text}" ${array} ${i} ${member})
    require(${kind} "${prefix}${value}${suffix}")
  endforeach()
endfunction()

# Every page: self-contained, readable on a phone, nothing from the input left unescaped.
foreach(kind IN LISTS report_kinds)
  require(${kind} "^<!DOCTYPE html>\n<html lang=\"(es|pt|en|fr)\">")
  require(${kind} "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
  require(${kind} "<style>.*@media \\(max-width:40rem\\)")
  require(${kind} "</html>\n$")
  forbid(${kind} "https?:|<script|<link rel=\"stylesheet\"| src=|@import|url\\(")
endforeach()

# IRV on tiny_ranked.soi, counted by hand: Alice 4, Bob 3, Carol 2; Carol is excluded, her two
# ballots rank nobody else; Alice wins. English words.
require(irv "<html lang=\"en\">")
require(irv "<strong class=\"winner\">Alice</strong>")
require_each(irv irv "<strong class=\"winner\">" "</strong>" winners "")
require(irv "<h3>Votes round by round</h3>\n<div class=\"chart\"><svg role=\"img\"")
require(irv "<th>Round 1</th><th>Round 2</th></tr>")
require(irv "Alice ★</th><td>4</td><td>4</td></tr>")
require(irv "Bob</th><td>3</td><td>3</td></tr>")
require(irv "Carol</th><td>2</td><td>—</td></tr>")
require(irv "<div>excluded: Carol</div>")
require(irv "<title>Carol → Inactive ballots: 2</title>")
forbid(irv "Votos|Rodada|Tour ")
# STV (wigm, 2 seats) on the same ballots: both winners named in the JSON are shown as winners.
require_each(stv stv "<strong class=\"winner\">" "</strong>" winners "")
require(stv "<div>elected: Alice</div>")

# Budgets on tiny_approval.pb (budget 1000), Spanish by default. Greedy funds 1, 2 and 4 (cost 900);
# MES funds 1 and 4 (cost 550): project 2 is funded by greedy only, 3 by neither.
require(budget "<html lang=\"es\">")
require(budget "<h2>Presupuesto participativo: equal_shares</h2>")
require(budget "<h2>Presupuesto participativo: greedy</h2>")
# Votes counted by hand from the file: 1 has 4 (v1 v2 v5 v6), 2 has 3 (v1 v2 v4), 3 and 4 have 2.
set(track "<span class=\"track\"><span class=\"fill[a-z ]*\" style=\"width:[0-9.]+%\"></span></span>")
require(budget "</span>1</th><td>400</td><td class=\"barcell\">${track}4</td>")
require(budget "<tr><th>2</th><td>350</td><td class=\"barcell\">${track}3</td>")
require(budget "<tr><th>3</th><td>600</td><td class=\"barcell\">${track}2</td>")
require_each(budget budget_greedy "</span>" "</th>" selected "")
require_each(budget budget_mes "</span>" "</th>" selected "")
require(budget "<h2>Comparación de reglas</h2>")
require(budget "<tr><th>1</th><td class=\"yes\">✔ financiado</td><td class=\"yes\">✔ financiado</td></tr>")
require(budget "<tr><th>2</th><td class=\"no\">— no financiado</td><td class=\"yes\">✔ financiado</td></tr>")
require(budget "<tr><th>3</th><td class=\"no\">— no financiado</td><td class=\"no\">— no financiado</td></tr>")
require(budget "<tr><th>4</th><td class=\"yes\">✔ financiado</td><td class=\"yes\">✔ financiado</td></tr>")
require(budget "<th>Costo de los proyectos financiados</th><td>550</td><td>900</td>")
require(budget "<h3>Comprobaciones de proporcionalidad</h3>")
require(budget "Sistema de precios</dt><dd class=\"pass\">válido")
forbid(budget "Funded projects|Votes|Budget use|Projetos|Projets")

# Quadratic voting on qv_poll.csv with 10 credits, in Portuguese: parks 3 and buses 3 votes (hand-counted).
require(qv "<html lang=\"pt\">")
require(qv "<h2>Votação quadrática</h2>")
require_each(qv qv "<tr><th>" "</th>" options id)
require(qv "<tr><th>parks</th><td class=\"barcell\">${track}3</td>")
require(qv "<tr><th>buses</th><td class=\"barcell\">${track}3</td>")
require(qv "<h3>Cédulas rejeitadas e por quê</h3>")
require(qv "<code>[^<]*qv_poll\\.csv:5</code> v2: option &#39;parks&#39; voted twice")
# Quadratic funding (cluster match, pool 100), in French: x gets 8 and y 6 (computed by hand in the
# CLI tests) on contributions of 2 + 2 + 4 and 9 + 1: 16 each in all.
require(qf "<html lang=\"fr\">")
require(qf "<h2>Financement quadratique</h2>")
require(qf "<tr><th>x</th><td class=\"barcell\"><span class=\"track\">[^\n]*</span>16</td><td>8</td><td>8</td><td>3</td>")
require(qf "<tr><th>y</th><td class=\"barcell\"><span class=\"track\">[^\n]*</span>16</td><td>10</td><td>6</td><td>2</td>")
require(qf "<dt>Fonds d&#39;abondement</dt><dd>100</dd>")

# The verifier's checks on the record test vector, in Spanish: every check named, each PASA.
require(verify "<p class=\"banner pass\">✔ Todas las comprobaciones pasaron")
require_each(verify verify "<tr><th>" "</th><td class=\"pass\">✔ PASA</td>" checks check)
forbid(verify "FALLA|class=\"fail\"")

# Names that hold markup stay text.
require(escaping "<strong class=\"winner\">&lt;script&gt;alert\\(&#39;x&#39;\\)&lt;/script&gt;</strong>")
require(escaping "Ana &amp; &quot;Bo&quot;</th><td>3</td><td>4</td>")
require(escaping "<div>excluded: Zoë &lt;i&gt;</div>")
require(escaping "<title>Zoë &lt;i&gt; → Ana &amp; &quot;Bo&quot;: 1</title>")
require(escaping "<li>a note with &lt;b&gt;markup&lt;/b&gt; &amp; an ampersand</li>")
forbid(escaping "<i>|<b>|alert\\('")

# Bad input: exit 2 and a message naming the file and the field; a bad language is exit 64.
function(expect_failure name exit_status expected)
  execute_process(COMMAND ${MINGA} report ${ARGN} -o "${WORK}/${name}.html" RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status STREQUAL "${exit_status}")
    message(SEND_ERROR "${name}: exit status '${status}', expected ${exit_status} (stderr: ${err})")
  elseif(NOT err MATCHES "${expected}")
    message(SEND_ERROR "${name}: stderr '${err}' does not match '${expected}'")
  endif()
  if(EXISTS "${WORK}/${name}.html")
    message(SEND_ERROR "${name}: a report was written although the input is bad")
  endif()
endfunction()
file(WRITE "${WORK}/no_candidates.json" [=[{"schema": "minga.result/1", "method": "irv"}]=])
expect_failure(no_candidates 2 "no_candidates\\.json: candidates: missing" "${WORK}/no_candidates.json")
string(REPLACE "\"tally\": {\"<script>alert('x')</script>\": \"5\", \"Ana & \\\"Bo\\\"\": \"3\", \"Zoë <i>\": \"1\"}" "\"tally\": 7"
       bad_tally "${escaping_result}")
file(WRITE "${WORK}/bad_tally.json" "${bad_tally}")
expect_failure(bad_tally 2 "bad_tally\\.json: rounds\\[0\\]\\.tally: expected an object, got number" "${WORK}/bad_tally.json")
file(READ "${WORK}/budget_greedy.json" greedy)
string(JSON bad_budget SET "${greedy}" budget "\"a lot\"")
file(WRITE "${WORK}/bad_budget.json" "${bad_budget}")
expect_failure(bad_budget 2 "bad_budget\\.json: budget: 'a lot' is not a decimal number" "${WORK}/bad_budget.json")
string(JSON bad_votes SET "${greedy}" steps 0 supporters "[1]")
file(WRITE "${WORK}/bad_votes.json" "${bad_votes}")
expect_failure(bad_votes 2 "bad_votes\\.json: steps\\[0\\]\\.supporters: expected an exact number" "${WORK}/bad_votes.json")
file(WRITE "${WORK}/truncated.json" "{\"schema\": \"minga.qv/1\", \"credits\": ")
expect_failure(truncated 2 "truncated\\.json: malformed JSON" "${WORK}/truncated.json")
file(WRITE "${WORK}/unknown.json" [=[{"schema": "acme.poll/2"}]=])
expect_failure(unknown 2 "unknown\\.json: schema: unknown result 'acme\\.poll/2'" "${WORK}/unknown.json")
file(WRITE "${WORK}/no_schema.json" [=[{"winners": ["Alice"]}]=])
expect_failure(no_schema 2 "no_schema\\.json: schema: missing" "${WORK}/no_schema.json")
file(WRITE "${WORK}/empty_array.json" "[]")
expect_failure(empty_array 2 "empty_array\\.json: \\(top level\\): an empty array" "${WORK}/empty_array.json")
expect_failure(record 2 "verify_record_vector\\.json: schema: an election record, not a result" "${DATA}/verify_record_vector.json")
expect_failure(missing_file 2 "no-such-result\\.json: cannot open file" "${WORK}/no-such-result.json")
expect_failure(bad_lang 64 "--lang: unknown language 'de' \\(es, pt, en, fr\\)" "${WORK}/irv.json" --lang de)

# Without -o the page goes to standard output, the same page byte for byte (the report is deterministic).
execute_process(COMMAND ${MINGA} report "${WORK}/irv.json" --lang en RESULT_VARIABLE status OUTPUT_VARIABLE page ERROR_VARIABLE err)
file(READ "${WORK}/irv.html" written)
if(NOT status STREQUAL "0" OR NOT page STREQUAL written)
  message(SEND_ERROR "minga report without -o (exit '${status}', ${err}) does not print the page that -o writes")
endif()
