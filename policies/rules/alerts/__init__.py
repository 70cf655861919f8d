"""Rules that every pipeline failure has a path to a person: event rules, alarms, budgets."""
