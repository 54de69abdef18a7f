META
key;value
description;Malformed example
num_projects;2
num_votes;2
budget;100
vote_type;cumulative
max_sum_points;10
PROJECTS
project_id;cost;name
1;40;First
2;60;Second
VOTES
voter_id;vote;points
v1;1,2;5,5
v2;1,2;10
