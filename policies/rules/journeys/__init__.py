"""Journeys: each promise of the platform followed end to end across services."""
