"""Rules across services: mandatory tags, PII stores, protection of production state."""
