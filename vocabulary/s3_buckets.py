"""Bucket-name affixes S3 reserves, shared by the name builder and the config edge.

`components/naming.py` refuses to build such a name; `stacks/config.py` refuses a
`name_prefix` that would start every bucket name with one, so the mistake is reported
at its line instead of as a traceback in the middle of the plan.

Source: Amazon S3 User Guide, "General purpose bucket naming rules"
(https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html, read
2026-12): names must not start with `xn--`, `sthree-` or `amzn-s3-demo-`, nor end with
`-s3alias`, `--ol-s3`, `.mrap`, `--x-s3` or `--table-s3`.
"""

from __future__ import annotations

S3_RESERVED_BUCKET_PREFIXES = ("xn--", "sthree-", "amzn-s3-demo-")
S3_RESERVED_BUCKET_SUFFIXES = ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")
