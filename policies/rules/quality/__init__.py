"""Rules of the lake's data-quality checks (issue 19): contracts, schedules, results, roles."""
