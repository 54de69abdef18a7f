META
key;value
description;Malformed example
num_projects;2
num_votes;2
budget;100
vote_type;knapsack
PROJECTS
project_id;cost;name
1;40;First
2;60;Second
VOTES
voter_id;vote
v1;1
v2;2
