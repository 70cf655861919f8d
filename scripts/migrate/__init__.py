"""`dataplat migrate domain-stacks`: move each domain's state out of the platform stack.

`export` reads a `pulumi stack export`; `urns` renames URNs and strips re-rooted parent
types; `state_move` is `pulumi state move`'s documented semantics applied to an export
(the tests, and the command's own check, run the moves on a copy); `ownership` says which
resources each domain takes; `plan` turns that into the moves, aliases and identity map;
`script` writes them as shell commands; `command` is the CLI edge.
"""
