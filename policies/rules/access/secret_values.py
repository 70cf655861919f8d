"""What key material and secret-like values look like in plain text: one detector.

Used by every rule about secrets at rest: the plain SSM parameter and plain text rules
(through `key_source`) and the stack outputs rule. A PEM private key is found by its armour
line (RFC 7468: `-----BEGIN ... PRIVATE KEY-----`, for PKCS#8, RSA, EC and encrypted keys);
a connection string holds a secret when its URL carries a password (`scheme://user:pw@host`,
RFC 3986 userinfo) or a `password=` / `pwd=` field (ODBC/JDBC style).
"""

from __future__ import annotations

import re
from typing import Any

PEM_MARK = "PRIVATE KEY-----"
_URL_PASSWORD = re.compile(r"[a-z][a-z0-9+.-]*://[^/\s:@]*:[^/\s@]+@", re.IGNORECASE)
_FIELD_PASSWORD = re.compile(r"(?:^|[;&?\s])(?:password|pwd)\s*=\s*[^;&\s]+", re.IGNORECASE)


def text_of(value: Any) -> str:
    """Every string in a value (nested dicts and lists), joined by spaces."""
    if isinstance(value, dict):
        return " ".join(text_of(v) for v in value.values())
    if isinstance(value, list | tuple):
        return " ".join(text_of(v) for v in value)
    return value if isinstance(value, str) else ""


def has_key_material(value: Any) -> bool:
    """True when the value holds a PEM private key."""
    return PEM_MARK in text_of(value)


def secret_in(value: Any) -> str | None:
    """What secret the value holds in plain text (a PEM private key, a connection string with
    a password), else None."""
    text = text_of(value)
    if PEM_MARK in text:
        return "a PEM private key"
    if _URL_PASSWORD.search(text) or _FIELD_PASSWORD.search(text):
        return "a connection string with a password"
    return None
