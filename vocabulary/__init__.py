"""Words the config models and the components share: neither may import the other.

Only plain constants and pure functions live here, so both layers can depend on it
without depending on each other (the layer test in tests/test_layers.py checks it).
"""
