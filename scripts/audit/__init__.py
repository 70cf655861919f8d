"""`dataplat audit`: the evidence pack a compliance reviewer asks for.

From a plan document, a `pulumi stack export` or the live AWS account: policy
results with suppressions and expiries, where PII lives, who can read it in clear,
which keys protect which stores and who can decrypt them. Modules, one concern each:
`inputs` (loading), `policy_results`, `pii`, `masking`, `access`, `iam`, `keys`
(the pure report sections), `report` (assembles them), `render_*` (formats),
`live/` (boto3 reads of the account), `command` (the CLI).
"""
