"""AWS rules: S3 (as stack rules over v7 split resources), KMS, IAM, Secrets Manager,
Glue, MWAA, security groups."""
