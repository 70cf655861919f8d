"""`dataplat alerts`: for every source of alerts in a stack's plan, where its alerts go."""
