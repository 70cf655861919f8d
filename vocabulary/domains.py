"""The roles every data domain gets, and the access each has on the domain's schemas.

Domain files refer to them (`sales.analyst` as a consumer), the components create them:
one definition for both.
"""

from __future__ import annotations

# Role -> its access level on every schema of the domain (owner implies write and read).
DOMAIN_ROLE_LEVELS = {"engineer": "owner", "analyst": "read"}
DOMAIN_ROLES = tuple(DOMAIN_ROLE_LEVELS)
