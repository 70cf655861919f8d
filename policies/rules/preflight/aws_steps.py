"""A data path as the API calls it makes: `Flow`s of `Step`s, and builders for the common
steps (read a prefix, write an object, use a KMS key through a service, assume a role).

Requests carry the context keys the calling service sends, as far as AWS documents them:
TLS (`aws:SecureTransport`, `s3:TlsVersion`), the SSE headers of an upload, and for KMS
calls made through a service `kms:ViaService`, `kms:CallerAccount` and the encryption context
(S3: `aws:s3:arn`, the bucket ARN when S3 Bucket Keys are on; Secrets Manager: `SecretARN`;
CloudWatch Logs: `aws:logs:arn`). Objects are sampled: a read of a prefix reads one sample
key under it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..core.view import Finding, NotEvaluated, ResourceView
from .aws_resources import AwsResources, Keyed, Role, document_of
from .iam_evaluation import Document, Request

SAMPLE_OBJECT = "preflight-sample-object"
TLS: dict[str, Any] = {"aws:SecureTransport": True, "s3:TlsVersion": "1.2"}


@dataclass(frozen=True)
class Step:
    """One request, the resource policy it meets (None: none) and the resource holding it."""

    request: Request
    resource: Document | None = None
    holder: ResourceView | None = None


@dataclass(frozen=True)
class Flow:
    """One data path: its class, a label, the resource it belongs to, the principal's identity
    documents and the steps; `blocked` is a service rule that refuses it whatever the policies
    say; `external` names identity policies the program does not define."""

    kind: str
    label: str
    owner: ResourceView
    identity: tuple[Document, ...]
    steps: tuple[Step, ...]
    external: tuple[str, ...] = ()
    blocked: str | None = None
    principal_holder: ResourceView | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


def s3_location(url: Any) -> tuple[str, str] | None:
    """(bucket, key prefix) of an `s3://bucket/prefix` URL; None for anything else."""
    if not isinstance(url, str) or not url.startswith("s3://"):
        return None
    bucket, _, prefix = url[5:].partition("/")
    return bucket, prefix


def kms_steps(
    res: AwsResources,
    principal: str,
    key_arn: str | None,
    actions: tuple[str, ...],
    context: Mapping[str, Any],
) -> list[Step]:
    """`actions` on the key (skipped when the key is not in the program, e.g. AWS-managed)."""
    if not key_arn:
        return []
    found = res.key_document(key_arn)
    if found is None:
        return []
    holder, policy = found
    resource = str(holder.output("arn") or key_arn) if holder.type.endswith(":Key") else key_arn
    return [Step(Request(principal, a, resource, dict(context)), policy, holder) for a in actions]


def via(res: AwsResources, service: str, **context: Any) -> dict[str, Any]:
    """The context of a KMS call a service makes for the caller."""
    return {
        "kms:ViaService": f"{service}.{res.region}.amazonaws.com",
        "kms:CallerAccount": res.account,
        **context,
    }


def s3_read(
    res: AwsResources,
    principal: str,
    bucket: Keyed,
    prefix: str | None,
    key: str | None = None,
    version: bool = False,
) -> list[Step]:
    """List `prefix` (when given) and read one object (`key`, or a sample under `prefix`),
    decrypting with the bucket's default key through S3."""
    obj = key if key is not None else f"{prefix or ''}{SAMPLE_OBJECT}"
    object_arn = f"{bucket.arn}/{obj}"
    steps = []
    if prefix is not None:
        context = {**TLS, "s3:prefix": prefix}
        steps.append(
            Step(
                Request(principal, "s3:ListBucket", bucket.arn, context),
                bucket.policy,
                bucket.holder,
            )
        )
    actions = ("s3:GetObject", "s3:GetObjectVersion") if version else ("s3:GetObject",)
    steps += [
        Step(Request(principal, a, object_arn, dict(TLS)), bucket.policy, bucket.holder)
        for a in actions
    ]
    context = via(res, "s3", **{"kms:EncryptionContext:aws:s3:arn": bucket.arn})
    return steps + kms_steps(res, principal, bucket.key_arn, ("kms:Decrypt",), context)


def s3_write(
    res: AwsResources,
    principal: str,
    bucket: Keyed,
    obj: str,
    sse: str | None,
    key_arn: str | None,
) -> list[Step]:
    """PutObject of `obj` sending the SSE headers `sse` / `key_arn` (None: no header, so the
    bucket's default encryption applies), then the key use S3 makes for the caller
    (GenerateDataKey; Decrypt for multipart uploads, per the S3 UG's SSE-KMS permissions)."""
    context: dict[str, Any] = dict(TLS)
    if sse:
        context["s3:x-amz-server-side-encryption"] = sse
    if sse in ("aws:kms", "aws:kms:dsse") and key_arn:
        context["s3:x-amz-server-side-encryption-aws-kms-key-id"] = key_arn
    put = Step(
        Request(principal, "s3:PutObject", f"{bucket.arn}/{obj}", context),
        bucket.policy,
        bucket.holder,
    )
    used = key_arn if sse in ("aws:kms", "aws:kms:dsse") else None if sse else bucket.key_arn
    kms_context = via(res, "s3", **{"kms:EncryptionContext:aws:s3:arn": bucket.arn})
    return [
        put,
        *kms_steps(res, principal, used, ("kms:GenerateDataKey", "kms:Decrypt"), kms_context),
    ]


def assume(service: str, role: Role, context: Mapping[str, Any]) -> Step:
    """The service assuming the role: sts:AssumeRole judged by the role's trust policy."""
    trust = document_of(
        role.view.need("assumeRolePolicy"), f"trust policy of role [{role.view.name}]", "resource"
    )
    return Step(Request(service, "sts:AssumeRole", role.arn, dict(context)), trust, role.view)


def role_flow(kind: str, label: str, owner: ResourceView, role: Role, steps: list[Step]) -> Flow:
    """A flow made by a role of the program (its identity documents apply)."""
    return Flow(
        kind, label, owner, role.documents, tuple(steps), role.external, principal_holder=role.view
    )


Item = Flow | Finding


def each(
    views: Sequence[ResourceView], build: Callable[[ResourceView], list[Flow]]
) -> Iterator[Item]:
    """The flows `build` makes of each view; a view with an unknown value it needs yields a
    "not evaluated" finding instead (the other views still run)."""
    for view in views:
        try:
            yield from build(view)
        except NotEvaluated as exc:
            yield view.not_evaluated(exc.what)
