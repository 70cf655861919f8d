"""`dataplat rotation-targets`: the URNs a scheduled key rotation updates."""
