"""`dataplat policies`: the pack's rule list, rule catalogue and timing."""
