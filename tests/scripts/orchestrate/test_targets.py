"""An environment's stacks come from its stack file and domain files; selection by glob."""

from __future__ import annotations

import re

import pytest

from scripts.errors import UserError
from scripts.orchestrate.targets import Layer, environment, select
from tests.scripts.orchestrate.conftest import DOMAINS, make_project


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
    with pytest.raises(UserError, match=r"platform\.yaml: `platform` names the platform stack"):
        environment(project, "dev")


def test_the_split_environment_has_an_edges_stack_in_its_own_project(project):
    env = environment(project, "dev")
    assert env.split is True
    assert [t.key for t in env.stacks] == ["platform", *DOMAINS, "edges"]
    assert env.edges is not None
    assert env.edges.qualified("organization") == "organization/data-platform-edges/dev"
    assert env.edges.work_dir == project / "edges"
    assert [t.layer for t in env.stacks] == [Layer.PLATFORM, *[Layer.DOMAINS] * 4, Layer.EDGES]


@pytest.mark.parametrize("flag", [None, False])
def test_without_domain_stacks_the_platform_stack_is_the_only_one(tmp_path, flag):
    env = environment(make_project(tmp_path, flag), "dev")
    assert env.split is False
    assert env.stacks == (env.platform,)
    with pytest.raises(UserError, match="domain_stacks is false"):
        select(env, ["edges"], [])


def test_a_domain_cannot_be_named_edges(project):
    path = project / "stacks" / "domains" / "edges.yaml"
    path.write_text("name: edges\n")
    with pytest.raises(UserError, match=re.escape(f"{path}: `edges` names the edges stack;")):
        environment(project, "dev")


def test_an_invalid_stack_file_is_refused_naming_file_field_and_line(project):
    path = project / "stacks" / "Pulumi.dev.yaml"
    path.write_text(path.read_text().replace("domain_stacks: true", "domain_stacks: [1]"))
    with pytest.raises(UserError) as caught:
        environment(project, "dev")
    assert str(path) in str(caught.value)
    assert "platform.domain_stacks (line 7)" in str(caught.value)
