"""Access analysis: every policy judged by who it lets in, not by how it reads (issue 22).

AWS resource policies are sent requests from outside the account through the project's one
evaluator (`exposure.py`); Snowflake grants, users and network policies, and key material at
rest, are judged by what they admit. See docs/design/access-analysis.md.
"""
