META
key;value
description;A tiny participatory budget for the consumer tests
country;Nowhere
unit;Testville
instance;2024
num_projects;3
num_votes;5
budget;1000
vote_type;approval
rule;greedy
date_begin;01.01.2024
date_end;31.01.2024
PROJECTS
project_id;cost;name
p1;600;Park benches
p2;400;Library hours
p3;300;Bike lanes
VOTES
voter_id;vote
1;p1,p2
2;p2
3;p1,p3
4;p2
5;p3
