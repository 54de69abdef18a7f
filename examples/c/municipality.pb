META
key;value
description;A made-up municipality (minga's C, Node.js and Ruby examples): results worked out by hand in examples/c/README.md
country;Nowhere
unit;Villa Ejemplo
instance;2026
num_projects;4
num_votes;12
budget;100000
vote_type;approval
rule;equalshares
PROJECTS
project_id;cost;name
1;60000;Plaza lighting
2;30000;Bike lanes
3;25000;Library opening hours
4;10000;Community garden
VOTES
voter_id;vote;voting_method
v1;1,2;internet
v2;1,2;internet
v3;1,2;internet
v4;1,2;internet
v5;1,2;internet
v6;3,4;internet
v7;3,4;internet
v8;3,4;internet
v9;1;internet
v10;1;internet
v11;3;paper
v12;3;paper
