"""The AWS resources a data path crosses, indexed once per stack: roles with their identity
policies, buckets with their policy and default key, KMS keys with their key policy, secrets,
topics and log groups, each found by name or ARN in one dictionary lookup.

ARNs come from the plan: mocked outputs offline (plausible formats), else built from the
name and the account. The account is the provider's `allowedAccountIds` or, failing that,
the first IAM ARN in the plan; the region is the provider's `region`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ..aws.iam_documents import parse
from ..aws.s3_resources import BUCKETS, ENCRYPTION, POLICIES
from ..core.index import StackIndex, identities
from ..core.per_stack import once
from ..core.values import as_list, is_unknown
from ..core.view import NotEvaluated, ResourceView
from ..facts import arns
from ..facts.tokens import (
    CLOUDWATCH_EVENT_RULE,
    CLOUDWATCH_LOG_GROUP,
    GLUE_SECURITY_CONFIGURATION,
    IAM_POLICY,
    IAM_ROLE,
    IAM_ROLE_POLICY,
    IAM_ROLE_POLICY_ATTACHMENT,
    KMS_ALIAS,
    KMS_KEY,
    KMS_KEY_POLICY,
    SECRETSMANAGER_SECRET,
    SECRETSMANAGER_SECRET_POLICY,
    SNS_TOPIC,
    SNS_TOPIC_POLICY,
)
from .iam_evaluation import Document

ROLE = IAM_ROLE
ROLE_POLICY = IAM_ROLE_POLICY
MANAGED_POLICY = IAM_POLICY
ATTACHMENT = IAM_ROLE_POLICY_ATTACHMENT
KEY = KMS_KEY
KEY_POLICY = KMS_KEY_POLICY
ALIAS = KMS_ALIAS
SECRET = SECRETSMANAGER_SECRET
SECRET_POLICY = SECRETSMANAGER_SECRET_POLICY
TOPIC = SNS_TOPIC
TOPIC_POLICY = SNS_TOPIC_POLICY
LOG_GROUP = CLOUDWATCH_LOG_GROUP
SECURITY_CONFIGURATION = GLUE_SECURITY_CONFIGURATION
EVENT_RULE = CLOUDWATCH_EVENT_RULE
TYPES: tuple[str, ...] = (
    ROLE,
    ROLE_POLICY,
    MANAGED_POLICY,
    ATTACHMENT,
    KEY,
    KEY_POLICY,
    ALIAS,
    SECRET,
)
TYPES += (
    SECRET_POLICY,
    TOPIC,
    TOPIC_POLICY,
    LOG_GROUP,
    SECURITY_CONFIGURATION,
    EVENT_RULE,
    *BUCKETS,
    *ENCRYPTION,
    *POLICIES,
)


# AWS managed policies whose document is fixed and known: judged, not "outside the program".
KNOWN_MANAGED = {
    "arn:aws:iam::aws:policy/AdministratorAccess": {
        "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]
    },
}


def default_key_policy(account: str) -> dict[str, Any]:
    """What KMS applies to a key created without a policy ("Default key policy", KMS DG)."""
    return {
        "Statement": [
            {
                "Sid": "Enable IAM User Permissions",
                "Effect": "Allow",
                "Principal": {"AWS": arns.account_root(account)},
                "Action": "kms:*",
                "Resource": "*",
            }
        ]
    }


@dataclass(frozen=True)
class Role:
    """A role, its ARN and its identity documents; `external` names attached policies the
    program does not define (their statements are unknown here)."""

    view: ResourceView
    arn: str
    documents: tuple[Document, ...]
    external: tuple[str, ...]


@dataclass(frozen=True)
class Keyed:
    """A resource with its resource policy (None: none) and the ARN of the KMS key it uses
    (None: no customer key)."""

    view: ResourceView
    arn: str
    policy: Document | None
    key_arn: str | None
    holder: ResourceView  # the resource whose input holds the policy (to change)


class AwsResources:
    """The lookups a flow needs, built in one pass over the resources of TYPES."""

    def __init__(self, index: StackIndex) -> None:
        self.index = index
        self.account, self.region = _account_and_region(index)
        self._by_name: dict[str, dict[str, ResourceView]] = defaultdict(dict)
        for view in index.of_type(*TYPES):
            for ident in identities(view):
                self._by_name[view.type].setdefault(ident, view)
        self._parts: dict[tuple[str, str], list[ResourceView]] = defaultdict(list)
        for types, prop in (
            ((ROLE_POLICY,), "role"),
            ((ATTACHMENT,), "role"),
            (POLICIES, "bucket"),
            (ENCRYPTION, "bucket"),
            ((SECRET_POLICY,), "secretArn"),
            ((TOPIC_POLICY,), "arn"),
            ((KEY_POLICY,), "keyId"),
        ):
            for view in index.of_type(*types):
                value = view.get(prop)
                if isinstance(value, str):
                    self._parts[(types[0], value)].append(view)
        self._roles: dict[str, Role | None] = {}

    def find(self, types: tuple[str, ...], ident: Any) -> ResourceView | None:
        """The resource of `types` named or ARN'd `ident`; None when not in the program."""
        if not isinstance(ident, str):
            return None
        for type_ in types:
            found = self._by_name[type_].get(ident)
            if found is not None:
                return found
        return None

    def parts(self, type_: str, *idents: Any) -> list[ResourceView]:
        """The split resources of `type_` whose reference property holds one of `idents`."""
        found: dict[str, ResourceView] = {}
        for ident in idents:
            if isinstance(ident, str):
                for view in self._parts.get((type_, ident), []):
                    found.setdefault(view.urn, view)
        return list(found.values())

    def role(self, ident: Any) -> Role | None:
        """The role named, ARN'd or id'd `ident` (a role ARN's last path part counts as a name)."""
        if not isinstance(ident, str):
            return None
        if ident not in self._roles:
            view = self.find((ROLE,), ident) or self.find((ROLE,), ident.rsplit("/", 1)[-1])
            self._roles[ident] = None if view is None else self._role(view)
        return self._roles[ident]

    def _role(self, view: ResourceView) -> Role:
        name = view.need("name") or view.output("id")
        path = view.get("path") or "/"
        arn = view.output("arn") or arns.iam_role(self.account, str(name), str(path))
        docs: list[Document] = []
        for i, inline in enumerate(as_list(view.need("inlinePolicies"))):
            if isinstance(inline, dict):
                where = f"inline policy {inline.get('name') or i} of role [{view.name}]"
                docs.append(document_of(inline.get("policy"), where, "identity"))
        for policy in self.parts(ROLE_POLICY, name, view.output("id"), arn):
            docs.append(
                document_of(policy.need("policy"), f"role policy [{policy.name}]", "identity")
            )
        external = []
        for attachment in self.parts(ATTACHMENT, name, view.output("id"), arn):
            policy_arn = attachment.need("policyArn")
            managed = self.find((MANAGED_POLICY,), policy_arn)
            if managed is None and policy_arn in KNOWN_MANAGED:
                docs.append(Document(f"managed policy {policy_arn}", KNOWN_MANAGED[policy_arn]))
            elif managed is None:
                external.append(str(policy_arn))
            else:
                docs.append(
                    document_of(managed.need("policy"), f"policy [{managed.name}]", "identity")
                )
        return Role(view, str(arn), tuple(d for d in docs if d.policy), tuple(external))

    def key_document(self, key_arn: str) -> tuple[ResourceView, Document] | None:
        """The key of `key_arn` (ARN, id or alias) and its key policy; None when outside."""
        key = self.find((KEY,), key_arn)
        if key is None:
            alias = self.find((ALIAS,), key_arn) or self.find((ALIAS,), key_arn.split(":")[-1])
            key = self.find((KEY,), alias.need("targetKeyId")) if alias is not None else None
        if key is None:
            return None
        separate = self.parts(KEY_POLICY, key.output("id"), key.output("arn"))
        holder = separate[0] if separate else key
        raw = holder.need("policy")
        where = f"key policy of key [{key.name}]"
        if raw is None or raw == "":
            return holder, Document(where, default_key_policy(self.account), "resource")
        return holder, document_of(raw, where, "resource")

    def bucket(self, name: Any) -> Keyed | None:
        """The bucket named `name` (or ARN'd), its bucket policy and its default KMS key."""
        view = self.find(BUCKETS, name)
        if view is None and isinstance(name, str) and arns.bucket_name(name) is not None:
            view = self.find(BUCKETS, arns.bucket_name(name))
        if view is None:
            return None
        physical = view.need("bucket") or view.output("id")
        idents = (physical, view.output("id"), view.urn)
        policies = self.parts(POLICIES[0], *idents)
        holder = policies[0] if policies else view
        raw = policies[0].need("policy") if policies else view.get("policy")
        label = f"bucket policy of bucket [{view.name}]"
        policy = document_of(raw, label, "resource") if raw else None
        key: str | None = None
        for config in self.parts(ENCRYPTION[0], *idents):
            for rule in as_list(config.need("rules")):
                default = rule.get("applyServerSideEncryptionByDefault") or {}
                if default.get("sseAlgorithm") in ("aws:kms", "aws:kms:dsse"):
                    key = default.get("kmsMasterKeyId") or None
        return Keyed(view, arns.s3_bucket(str(physical)), policy, key, holder)

    def secret(self, view: ResourceView) -> Keyed:
        """A secret with its resource policy (SecretPolicy or inline) and its key."""
        arn = str(view.output("arn") or view.need("name"))
        policies = self.parts(SECRET_POLICY, arn, view.output("id"), view.get("name"))
        holder = policies[0] if policies else view
        raw = policies[0].need("policy") if policies else view.get("policy")
        label = f"secret policy of secret [{view.name}]"
        policy = document_of(raw, label, "resource") if raw else None
        return Keyed(view, arn, policy, view.need("kmsKeyId") or None, holder)

    def topic(self, arn: Any) -> Keyed | None:
        """The topic of `arn`, its topic policy and its key."""
        view = self.find((TOPIC,), arn)
        if view is None:
            return None
        topic_arn = str(view.output("arn") or arn)
        policies = self.parts(TOPIC_POLICY, topic_arn)
        holder = policies[0] if policies else view
        raw = policies[0].need("policy") if policies else view.get("policy")
        label = f"topic policy of topic [{view.name}]"
        policy = document_of(raw, label, "resource") if raw else None
        return Keyed(view, topic_arn, policy, view.need("kmsMasterKeyId") or None, holder)


def shared_aws_resources(index: StackIndex) -> AwsResources:
    """The stack's one `AwsResources`, built once per stack index: the data-path rule, the
    quality-role rule and every AWS journey kind read the same lookups (and share the roles
    they resolve), rather than each indexing the stack's AWS resources again. Raises
    NotEvaluated, every time, when the program's account is unknown."""
    return once(index, AwsResources)


def document_of(raw: Any, where: str, kind: Any) -> Document:
    parsed = parse(raw, where)
    return Document(where, parsed or {}, kind)


def _account_and_region(index: StackIndex) -> tuple[str, str]:
    account, region = "", ""
    for view in index.views:
        if view.type.startswith("aws:") and view.provider_props:
            allowed = view.provider_props.get("allowedAccountIds")
            if isinstance(allowed, str) and allowed.startswith("["):
                allowed = json.loads(allowed)
            if isinstance(allowed, list) and allowed and not account:
                account = str(allowed[0])
            if isinstance(view.provider_props.get("region"), str) and not region:
                region = str(view.provider_props["region"])
        if not account:
            arn = view.outputs.get("arn")
            if isinstance(arn, str) and arn.startswith("arn:aws:iam::"):
                account = arn.split(":")[4]
        if account and region:
            break
    if is_unknown(account) or not account:
        raise NotEvaluated("the AWS account id (provider allowedAccountIds or an IAM ARN)")
    return account, region or "us-east-1"
