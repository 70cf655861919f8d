"""`dataplat access`: who outside the account, and which Snowflake roles, can do what (issue 22).

declaration.py generates each stack's expected access (`stacks/policy.<stack>.json`);
listing.py lists the access of a plan, one implementation for the command and the audit.
"""
