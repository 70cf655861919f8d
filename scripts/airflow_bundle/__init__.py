"""`dataplat airflow-bundle`: MWAA's plugins.zip, offline requirements, and its image."""
