"""An environment's stacks come from its stack file and domain files; selection by glob."""

from __future__ import annotations

import pytest

from scripts.errors import UserError
from scripts.orchestrate.targets import environment, select


def test_each_domain_file_is_a_stack_of_the_domain_project(project):
    env = environment(project, "dev")
    assert env.platform.stack == "dev"
    assert env.platform.qualified("organization") == "organization/data-platform/dev"
    marketing = next(t for t in env.domains if t.key == "marketing")
    assert marketing.qualified("acme") == "acme/data-platform-domain/dev.marketing"
    assert marketing.work_dir == project / "domains"
    assert marketing.inputs == (project / "stacks" / "domains" / "marketing.yaml",)


def test_an_unknown_environment_is_refused(project):
    with pytest.raises(UserError, match=r"Pulumi\.qa\.yaml: no such stack file"):
        environment(project, "qa")


def test_a_pattern_matching_nothing_is_refused(project):
    env = environment(project, "dev")
    with pytest.raises(UserError, match="'markting' matches no stack of dev"):
        select(env, ["markting"], [])


def test_a_domain_cannot_be_named_platform(project):
    (project / "stacks" / "domains" / "platform.yaml").write_text("name: platform\n")
    with pytest.raises(UserError, match="names the platform stack"):
        environment(project, "dev")
