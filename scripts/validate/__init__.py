"""`dataplat validate`: every problem of the stack and domain files, with file and line."""
