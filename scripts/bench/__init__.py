"""`dataplat bench`: plan time against the bare Pulumi SDK, in fresh processes."""
