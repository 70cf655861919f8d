"""The Pulumi engine's wire markers, and the placeholders the offline plan writes for them.

Inside a protobuf Struct (RegisterResource inputs, a `pulumi stack export`), the engine
marks special values with an object whose `SPECIAL_SIG_KEY` holds a signature: a secret
(`SECRET_SIG`, with `value`, `ciphertext` or `plaintext`) or a resource reference
(`RESOURCE_SIG`, with `urn`). A value unknown until apply is one of the engine's sentinel
strings. These constants are defined once here, in the policy pack (which may import
nothing of the project); the offline plan (`scripts/plan/runtime.py`) and the audit's
stack-export reader (`scripts/audit/inputs.py`) import them.

Sources: pulumi `sdk/go/common/resource/properties.go` and `sdk/python/lib/pulumi/runtime/
rpc.py` (the signatures and the unknown string), pulumi_policy `proxy.py` (the sentinels of
unknown booleans, numbers, strings, arrays, assets, archives and objects).
"""

from __future__ import annotations

from typing import Final

SPECIAL_SIG_KEY: Final = "4dabf18193072939515e22adb298388d"
SECRET_SIG: Final = "1b47061264138c4ac30d75fd1eb44270"
RESOURCE_SIG: Final = "5cf8f73096256a8f31e491e813e4eb8e"
# The unknown value the Python SDK sends (and the mock monitor receives).
UNKNOWN_VALUE: Final = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"

# Every sentinel of an unknown value that pulumi_policy can hand a rule.
ENGINE_UNKNOWNS: Final = frozenset(
    {
        "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
        "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
        UNKNOWN_VALUE,
        "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
        "030794c1-ac77-496b-92df-f27374a8bd58",
        "e48ece36-62e2-4504-bad9-02848725956a",
        "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
    }
)

# What a plan document holds instead: secrets are never written, unknowns are named.
OFFLINE_SECRET: Final = "[secret]"
OFFLINE_UNKNOWN: Final = "[unknown]"
