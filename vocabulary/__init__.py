"""Words the config models and the components share: neither may import the other.

Plain constants and pure functions live here, and the few config value types that a
component takes as they are (`domain_items`, on the strict base of `config_base`), so both
layers can depend on them without depending on each other (the layer test in
tests/test_layers.py checks it).
"""
