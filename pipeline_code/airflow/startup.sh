#!/bin/sh
# Runs on every MWAA container before Airflow starts. Keep it fast and idempotent.
export DATA_PLATFORM_MANAGED=true
