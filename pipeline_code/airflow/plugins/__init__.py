"""Airflow plugins of the data platform (zipped into plugins.zip by the MWAA component)."""
