"""`dataplat bootstrap`: the S3 + KMS Pulumi state backend, created or verified."""
