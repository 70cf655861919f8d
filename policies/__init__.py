"""The CrossGuard policy pack: `pulumi preview --policy-pack policies`, offline via `dataplat`."""
