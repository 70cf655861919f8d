"""Snowflake components: warehouses, databases, the role model, service users, PII governance."""
