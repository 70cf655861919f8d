"""Generated private keys: compliant and each failure."""

from __future__ import annotations

import pytest

from tests.policies.helpers import failing, view

KEY = "tls:index/privateKey:PrivateKey"
RULE = "tls-private-key-strong"

CASES = [
    ("RSA 4096", {"algorithm": "RSA", "rsaBits": 4096}, set()),
    ("RSA with the default 2048 bits", {"algorithm": "RSA"}, set()),
    ("ECDSA P384", {"algorithm": "ECDSA", "ecdsaCurve": "P384"}, set()),
    ("ED25519", {"algorithm": "ED25519"}, set()),
    ("RSA 1024", {"algorithm": "RSA", "rsaBits": 1024}, {"k"}),
    ("ECDSA on the default P224", {"algorithm": "ECDSA"}, {"k"}),
    ("ECDSA P224", {"algorithm": "ECDSA", "ecdsaCurve": "P224"}, {"k"}),
    ("unknown algorithm", {"algorithm": "DSA"}, {"k"}),
]


@pytest.mark.parametrize(("case", "props", "expected"), CASES, ids=[c[0] for c in CASES])
def test_private_key(case, props, expected):
    assert failing(RULE, [view(KEY, "k", props)]) == expected, case
