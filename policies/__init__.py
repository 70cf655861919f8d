"""The CrossGuard policy pack: `pulumi preview --policy-pack policies`, and offline via `dataplat`."""
