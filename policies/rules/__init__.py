"""Pure policy rules over resource views, their registry, and the one adapter to pulumi_policy.

Every module here uses relative imports only, so the package loads both as `rules`
(the pack, started by the Pulumi CLI from this directory in its own virtualenv)
and as `policies.rules` (the offline plan). Nothing here imports components/,
stacks/ or scripts/.
"""
