"""Facts more than one layer uses: one home each.

Why inside the pack, in `rules/` (the package the pack imports as its top level): the pack
runs as `pulumi preview --policy-pack policies` in a virtualenv of its own
(policies/requirements.txt) and imports nothing of the project, yet its rules need the same
facts as the config models, the components and the CLI (the data classifications, the
mandatory tag keys, the warehouse sizes, the name pattern). Kept here, the pack has them as
they are, and every other layer imports them from `policies.rules.facts`: a leaf package of
plain data that imports nothing (tests/test_layers.py checks both).
"""
