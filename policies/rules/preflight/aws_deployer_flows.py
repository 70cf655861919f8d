"""The deployers' data paths: each configured deployer manages every secret, key and bucket
of the program and uploads every object (issue 12, defect 5: a secret policy that denies
GetSecretValue to all but its readers locks the deploying principal out, and the provider
reads the value on create and refresh, pulumi/pulumi-aws#1751).

The deployers' own identity policies live outside the program: they are assumed to allow
everything, so only resource policies and key policies can refuse them. Each deployer pattern
is judged as one sample principal (`*` and `?` become `x`). No deployers configured: no flows.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..aws.s3_resources import BUCKETS
from ..core.rule import Context
from ..core.values import as_list
from ..core.view import Finding, ResourceView
from ..facts.tokens import S3_BUCKET_OBJECT, S3_BUCKET_OBJECTV2
from .aws_resources import KEY, SECRET, AwsResources
from .aws_steps import TLS, Flow, Step, each, kms_steps, s3_write, via
from .iam_evaluation import Document, Request

OBJECTS = (S3_BUCKET_OBJECTV2, S3_BUCKET_OBJECT)
SECRET_ACTIONS = (
    "secretsmanager:DescribeSecret",
    "secretsmanager:GetSecretValue",
    "secretsmanager:PutSecretValue",
    "secretsmanager:PutResourcePolicy",
)
KEY_ACTIONS = (
    "kms:DescribeKey",
    "kms:GetKeyPolicy",
    "kms:PutKeyPolicy",
    "kms:EnableKeyRotation",
    "kms:TagResource",
    "kms:ScheduleKeyDeletion",
)
BUCKET_ACTIONS = (
    "s3:ListBucket",
    "s3:GetBucketPolicy",
    "s3:PutBucketPolicy",
    "s3:PutEncryptionConfiguration",
    "s3:PutBucketVersioning",
    "s3:PutBucketLogging",
    "s3:PutBucketPublicAccessBlock",
    "s3:PutBucketOwnershipControls",
    "s3:PutLifecycleConfiguration",
)


def sample_principal(pattern: str) -> str:
    """One concrete ARN a deployer pattern stands for (each `*`/`?` becomes `x`)."""
    return pattern.replace("*", "x").replace("?", "x")


class _Deployer:
    """The flows of one deployer pattern."""

    def __init__(self, res: AwsResources, pattern: str) -> None:
        self.res = res
        self.pattern = pattern
        self.principal = sample_principal(pattern)
        everything = {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
        name = (
            f"identity policies of deployer {pattern} (outside the program, assumed to allow all)"
        )
        self.identity = (Document(name, everything),)

    def flow(self, owner: ResourceView, what: str, steps: list[Step]) -> list[Flow]:
        label = f"deployer {self.pattern} manages {what}"
        return [Flow("deployer", label, owner, self.identity, tuple(steps))]

    def secret(self, view: ResourceView) -> list[Flow]:
        s = self.res.secret(view)
        steps = [
            Step(Request(self.principal, a, s.arn, {}), s.policy, s.holder) for a in SECRET_ACTIONS
        ]
        context = via(self.res, "secretsmanager", **{"kms:EncryptionContext:SecretARN": s.arn})
        steps += kms_steps(
            self.res, self.principal, s.key_arn, ("kms:GenerateDataKey", "kms:Decrypt"), context
        )
        return self.flow(view, f"secret [{view.name}]", steps)

    def key(self, view: ResourceView) -> list[Flow]:
        steps = kms_steps(self.res, self.principal, str(view.output("arn")), KEY_ACTIONS, {})
        return self.flow(view, f"key [{view.name}]", steps)

    def bucket(self, view: ResourceView) -> list[Flow]:
        b = self.res.bucket(view.need("bucket") or view.output("id"))
        if b is None:
            return []
        steps = [
            Step(Request(self.principal, a, b.arn, dict(TLS)), b.policy, b.holder)
            for a in BUCKET_ACTIONS
        ]
        return self.flow(view, f"bucket [{view.name}]", steps)

    def upload(self, view: ResourceView) -> list[Flow]:
        b = self.res.bucket(view.need("bucket"))
        if b is None:
            return []
        sse = view.need("serverSideEncryption") or None
        key = view.need("kmsKeyId") or b.key_arn
        steps = s3_write(self.res, self.principal, b, str(view.need("key")), sse, key)
        return self.flow(view, f"the upload of object [{view.name}]", steps)


def deployer_flows(res: AwsResources, ctx: Context) -> Iterator[Flow | Finding]:
    """Every flow of every configured deployer."""
    for pattern in [str(p) for p in as_list(ctx.setting("deployers", []))]:
        deployer = _Deployer(res, pattern)
        yield from each(res.index.of_type(SECRET), deployer.secret)
        yield from each(res.index.of_type(KEY), deployer.key)
        yield from each(res.index.of_type(*BUCKETS), deployer.bucket)
        yield from each(res.index.of_type(*OBJECTS), deployer.upload)
