META
key;value
description;Tiny approval election (minga command-line tests)
comment;#1: hand-written: 4 projects, 6 voters (4 online, 2 paper), 5 distinct ballots, and voter v6 approves 3 projects although max_length is 2
country;Nowhere
unit;Testville
instance;2026
num_projects;4
num_votes;6
budget;1000
vote_type;approval
rule;greedy
date_begin;01.01.2026
date_end;02.01.2026
max_length;2
PROJECTS
project_id;cost;name
1;400;Park benches
2;350;Bike racks
3;600;Library books
4;150;Street art
VOTES
voter_id;vote;voting_method;district
v1;1,2;internet;North
v2;1,2;internet;North
v3;3;internet;South
v4;2,4;internet;South
v5;1;paper;North
v6;1,3,4;paper;South
