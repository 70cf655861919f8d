"""Snowflake rules: the CIS Snowflake Foundations benchmark at IaC time, cost guardrails,
and PII masking."""
