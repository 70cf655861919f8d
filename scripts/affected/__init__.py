"""`dataplat affected`: which stacks a change touches, per environment, and the shards of
the PR preview's matrix. Modules: `paths` (what one changed path touches), `selection`
(the stacks of every environment a set of paths touches), `shards` (the matrix within
GitHub's job limit) and `command` (the CLI edge)."""
