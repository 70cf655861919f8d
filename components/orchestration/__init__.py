"""Orchestration: MWAA and its network, Glue, and the secrets Airflow reads."""
