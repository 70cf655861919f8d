"""Glue's cron expressions, checked once for the crawlers' and the jobs' schedules.

AWS Glue, "Time-based schedules for jobs and crawlers"
(https://docs.aws.amazon.com/glue/latest/dg/monitor-data-warehouse-schedule.html):
`cron(Minutes Hours Day-of-month Month Day-of-week Year)`, six required fields; a value in
Day-of-month or in Day-of-week needs `?` in the other. Values and ranges are left to
Glue (the service refuses them at create time); this catches the shape.
"""

from __future__ import annotations

import re

FIELDS = ("Minutes", "Hours", "Day-of-month", "Month", "Day-of-week", "Year")
_CRON = re.compile(r"cron\((.+)\)")
# The characters Glue's table allows in any field (digits, names, , - * ? / L W #).
_FIELD = re.compile(r"[0-9A-Za-z,\-*?/#]+")


def glue_cron_problem(expression: str) -> str | None:
    """What is wrong with `expression` as a Glue cron expression, or None."""
    match = _CRON.fullmatch(expression)
    if match is None:
        return f"not a cron(...) expression: {expression}"
    fields = match.group(1).split()
    if len(fields) != len(FIELDS):
        return (
            f"{expression}: a Glue cron expression has six fields "
            f"({' '.join(FIELDS)}), got {len(fields)}"
        )
    if bad := [f for f in fields if not _FIELD.fullmatch(f)]:
        return f"{expression}: unexpected characters in {', '.join(bad)}"
    day_of_month, day_of_week = fields[2], fields[4]
    if (day_of_month == "?") == (day_of_week == "?"):
        return (
            f"{expression}: exactly one of Day-of-month and Day-of-week is `?` "
            "(a value in one needs `?` in the other)"
        )
    return None
