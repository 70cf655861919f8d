"""Rules across the AWS/Snowflake seam: integration trust and stage locations."""
