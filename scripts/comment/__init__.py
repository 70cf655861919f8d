"""`dataplat comment`: the PR comment of every stack's plan, leading with what changes."""
