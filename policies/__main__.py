"""The data platform's CrossGuard pack, as `pulumi preview --policy-pack policies` runs it."""

from pulumi_policy import PolicyPack
from rules.adapter import PACK_NAME, pack_policies

PolicyPack(name=PACK_NAME, policies=pack_policies())
