"""`dataplat up|preview|refresh|destroy --env E`: an environment's stacks, run in order.

An environment is its platform stack plus one stack per domain (docs/design/domain-stacks.md).
The modules: `targets` (which stacks an environment has, and --only/--except), `workspace`
(the few Automation API calls used, behind a protocol so tests inject a fake),
`fingerprint` (what a domain stack's last successful run saw), `runner` (the order,
the parallelism bound, skipping and the summary) and `command` (the CLI edge).
"""
