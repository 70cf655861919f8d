"""Private keys the program generates are strong enough to sign in with."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from ..facts.tokens import TLS_PRIVATE_KEY

PRIVATE_KEY = TLS_PRIVATE_KEY
MIN_RSA_BITS = 2048
# The provider's rsaBits default; its ecdsaCurve default is P224, which is too weak.
DEFAULT_RSA_BITS = 2048
CURVES = ("P256", "P384", "P521")


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """RSA of at least 2048 bits (absent: 2048), ECDSA on P256/P384/P521, or ED25519."""
    algorithm = view.need("algorithm")
    label = f"private key [{view.name}]"
    if algorithm == "RSA":
        bits = view.need("rsaBits")
        bits = DEFAULT_RSA_BITS if bits is None else bits
        if not isinstance(bits, int) or bits < MIN_RSA_BITS:
            yield view.violation(f"{label} is RSA with {bits} bits; at least {MIN_RSA_BITS}")
    elif algorithm == "ECDSA":
        curve = view.need("ecdsaCurve")
        if curve not in CURVES:
            shown = "P224 (the default)" if curve is None else curve
            yield view.violation(f"{label} is ECDSA on {shown}; allowed: {list(CURVES)}")
    elif algorithm != "ED25519":
        yield view.violation(f"{label} algorithm {algorithm!r}; allowed: RSA, ECDSA, ED25519")


RULE = Rule(
    id="tls-private-key-strong",
    description=(
        "Generated private keys are RSA of at least 2048 bits, ECDSA on P256, P384 or P521, "
        "or ED25519."
    ),
    severity="high",
    remediation="Use algorithm RSA with rsaBits >= 2048 (4096 preferred), or ECDSA P256+.",
    resource_types=(PRIVATE_KEY,),
    check=check,
)
