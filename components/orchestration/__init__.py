"""Orchestration: MWAA, its network, Glue, and the secrets Airflow reads."""
