"""`dataplat schema`: the JSON Schemas of stack and domain files."""
