"""`dataplat bench-domains`: plan time and policy share for 100 and 200 data domains."""
