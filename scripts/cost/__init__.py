"""`dataplat cost`: the monthly cost bound of a stack from its plan document."""
