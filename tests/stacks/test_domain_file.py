"""Domain files: validated alone and against the platform, every problem at once, by file."""

from __future__ import annotations

from pathlib import Path

import pytest

from stacks.domain_file import DomainErrors, load_domain_file, load_domains
from stacks.domain_spec import resolve_domain
from stacks.stack_file import ConfigError, load_stack_file

STACKS = Path(__file__).resolve().parents[2] / "stacks"
GOOD = (STACKS / "domains" / "marketing.yaml").read_text()
CONTRACT = (STACKS / "domains" / "marketing" / "contracts" / "contacts.yaml").read_text()


@pytest.fixture(scope="module")
def prod():
    return load_stack_file(STACKS / "Pulumi.prod.yaml").platform


def _write(tmp_path: Path, name: str, text: str) -> Path:
    """The domain file; a pii domain with the example's source gets the example's contract
    beside it (issue 19: every ingest source of a pii domain has one)."""
    path = tmp_path / f"{name}.yaml"
    path.write_text(text)
    if "data_classification: pii" in text and "{name: hubspot, zone: raw" in text:
        contracts = tmp_path / name / "contracts"
        contracts.mkdir(parents=True, exist_ok=True)
        (contracts / "contacts.yaml").write_text(
            CONTRACT.replace("domain: marketing", f"domain: {name}")
        )
    return path


def test_the_example_domain_loads_with_its_prod_override(prod):
    loaded = {d.name: d for d in load_domains(STACKS / "domains", prod)}
    assert sorted(loaded) == sorted(p.stem for p in (STACKS / "domains").glob("*.yaml"))
    domain = loaded["marketing"]
    assert domain.warehouses[0].size == "SMALL"
    assert resolve_domain(domain.spec, "dev").warehouses[0].size == "XSMALL"


def test_an_unknown_consumer_role_names_the_file_and_the_field(tmp_path, prod):
    _write(tmp_path, "marketing", GOOD.replace("{role: analyst,", "{role: ghost,"))
    with pytest.raises(DomainErrors) as caught:
        load_domains(tmp_path, prod)
    (error,) = caught.value.errors
    assert error.source.endswith("marketing.yaml")
    (issue,) = error.issues
    assert issue.path == "consumers[ghost].role"
    assert "unknown role [ghost]" in issue.message and "analyst" in issue.message


def test_another_domains_role_may_consume(tmp_path, prod):
    _write(tmp_path, "marketing", GOOD)
    sales = GOOD.replace("\nname: marketing", "\nname: sales").replace(
        "{role: analyst,", "{role: marketing.analyst,"
    )
    _write(tmp_path, "sales", sales)
    assert [d.name for d in load_domains(tmp_path, prod)] == ["marketing", "sales"]
    _write(tmp_path, "sales", sales.replace("marketing.analyst", "finance.analyst"))
    with pytest.raises(DomainErrors, match=r"unknown domain \[finance\]"):
        load_domains(tmp_path, prod)


def test_every_problem_of_a_file_is_reported_with_its_line(tmp_path):
    bad = (
        GOOD.replace("{name: loader, warehouse: marketing}", "{name: loader, warehouse: nope}")
        .replace("schema: contacts", "schema: leads")
        .replace("data_classification: pii", "data_classification: secret")
    )
    with pytest.raises(ConfigError) as caught:
        load_domain_file(_write(tmp_path, "marketing", bad))
    paths = {i.path: i for i in caught.value.issues}
    assert "data_classification" in paths
    assert paths["data_classification"].line == 6


def test_cross_references_inside_a_file_are_checked(tmp_path):
    bad = GOOD.replace("{name: loader, warehouse: marketing}", "{name: loader, warehouse: nope}")
    bad = bad.replace("schema: contacts", "schema: leads")
    with pytest.raises(ConfigError) as caught:
        load_domain_file(_write(tmp_path, "marketing", bad))
    messages = {i.path: i.message for i in caught.value.issues}
    assert messages["service_users[loader].warehouse"].startswith("unknown warehouse [nope]")
    assert messages["ingest_sources[hubspot].schema"].startswith("unknown schema [leads]")


def test_the_old_pipelines_key_names_its_new_name_at_its_line(tmp_path):
    old = GOOD.replace("service_users:", "pipelines:")
    old = old.replace("credit_quota: 10", "credit_quota: 0")
    # Located like every key: at the line its value starts (the first entry, under a comment).
    line = old.splitlines().index("  - {name: loader, warehouse: marketing}") + 1
    with pytest.raises(ConfigError) as caught:
        load_domain_file(_write(tmp_path, "marketing", old))
    issues = {i.path: (i.line, i.message) for i in caught.value.issues}
    assert issues["pipelines"] == (
        line,
        "the key `pipelines` was renamed to `service_users` (it declares Snowflake service "
        "users); rename `pipelines:` to `service_users:` (the entries stay the same)",
    )
    # The file's other problems are reported beside it, all at once.
    assert issues["warehouses[0].credit_quota"][1].startswith("Input should be greater than")
    assert len(issues) == 2


def test_the_name_must_match_the_file(tmp_path):
    with pytest.raises(ConfigError, match=r"must equal the file name \[other\]"):
        load_domain_file(_write(tmp_path, "other", GOOD))


def test_zones_pii_categories_and_caps_are_checked_against_the_platform(tmp_path, prod):
    bad = (
        GOOD.replace("zones: [raw, curated]", "zones: [raw, gold]")
        .replace("pii_category: email", "pii_category: shoe_size")
        .replace("size: SMALL, credit_quota: 60", "size: XXLARGE, credit_quota: 60")
    )
    _write(tmp_path, "marketing", bad)
    with pytest.raises(DomainErrors) as caught:
        load_domains(tmp_path, prod)
    paths = {i.path for i in caught.value.errors[0].issues}
    assert {
        "zones[1]",
        "schemas[contacts].pii_category",
        "environments.prod.warehouses[marketing].size",
    } <= paths


def _issues(tmp_path: Path, text: str, name: str = "marketing") -> list:
    with pytest.raises(ConfigError) as caught:
        load_domain_file(_write(tmp_path, name, text))
    return caught.value.issues


def _stack_issues(tmp_path: Path, platform, text: str) -> dict:
    _write(tmp_path, "marketing", text)
    with pytest.raises(DomainErrors) as caught:
        load_domains(tmp_path, platform)
    (error,) = caught.value.errors
    return {i.path: i for i in error.issues}


def _line_of(text: str, fragment: str, last: bool = False) -> int:
    return text[: text.rindex(fragment) if last else text.index(fragment)].count("\n") + 1


@pytest.mark.parametrize(
    ("original", "repeated", "path", "what"),
    [
        ("  - {name: campaigns}\n", "  - {name: campaigns}\n", "schemas[1].name", "schema"),
        (
            "  - {name: marketing, size: XSMALL, credit_quota: 10}\n",
            "  - {name: marketing, size: XSMALL, credit_quota: 5}\n",
            "warehouses[1].name",
            "warehouse",
        ),
        (
            "  - {name: loader, warehouse: marketing}\n",
            "  - {name: loader, warehouse: marketing}\n",
            "service_users[1].name",
            "service user",
        ),
        (
            "  - {name: hubspot, zone: raw, prefix: hubspot/, schema: contacts, "
            "file_format: JSON}\n",
            "  - {name: hubspot, zone: raw, prefix: other/, schema: contacts}\n",
            "ingest_sources[1].name",
            "ingest source",
        ),
        (
            "  - {role: analyst, schemas: [campaigns]}\n",
            "  - {role: analyst, schemas: [contacts]}\n",
            "consumers[1].role",
            "consumer role",
        ),
        (
            "      - {name: marketing, size: SMALL, credit_quota: 60}\n",
            "      - {name: marketing, size: XSMALL, credit_quota: 6}\n",
            "environments.prod.warehouses[1].name",
            "warehouse",
        ),
    ],
)
def test_a_repeated_name_is_refused_at_the_repeated_item(tmp_path, original, repeated, path, what):
    assert original in GOOD
    text = GOOD.replace(original, original + repeated)
    (issue,) = _issues(tmp_path, text)
    assert issue.path == path
    assert issue.line == _line_of(text, repeated, last=True)
    assert issue.message.startswith(f"repeated {what} [")


def test_duplicate_schemas_no_longer_plan(tmp_path, prod):
    # They used to exit 0 with 20 resources sharing a URN.
    _write(
        tmp_path,
        "marketing",
        GOOD.replace("  - {name: campaigns}\n", "  - {name: campaigns}\n" * 2),
    )
    with pytest.raises(DomainErrors, match=r"schemas\[1\]\.name \(line 10\): repeated schema"):
        load_domains(tmp_path, prod)


def test_a_pii_domain_without_any_pii_category_is_refused_listing_the_categories(tmp_path, prod):
    text = GOOD.replace("{name: contacts, pii_category: email}", "{name: contacts}").replace(
        "unmask:\n  engineer: [email]\n", ""
    )
    issue = _stack_issues(tmp_path, prod, text)["schemas"]
    assert issue.line == _line_of(text, "  - {name: campaigns}")  # the list's first line
    assert "pii_category" in issue.message
    assert all(c in issue.message for c in prod.snowflake.pii_categories)


def test_a_pii_category_outside_a_pii_domain_is_refused(tmp_path):
    text = GOOD.replace("data_classification: pii", "data_classification: confidential")
    text = text.replace("unmask:\n  engineer: [email]\n", "")
    (issue,) = _issues(tmp_path, text)
    assert issue.path == "schemas[contacts].pii_category"
    assert issue.line == _line_of(text, "{name: contacts")
    assert "data_classification: pii" in issue.message and "confidential" in issue.message


def test_one_header_names_the_domain_file_for_shape_errors_too(tmp_path):
    path = _write(
        tmp_path,
        "marketing",
        GOOD.replace("data_classification: pii", "data_classification: secret"),
    )
    with pytest.raises(ConfigError) as caught:
        load_domain_file(path)
    head, *rest = str(caught.value).splitlines()
    assert head == f"{path}: 1 problem in the domain spec:"
    assert "stack config" not in str(caught.value)
    assert rest == [f"  - data_classification (line 6): {caught.value.issues[0].message}"]
    assert "'pii'" in rest[0] and "secret" in rest[0]


def test_a_bad_owner_says_what_is_allowed_in_words(tmp_path):
    (issue,) = _issues(
        tmp_path, GOOD.replace("owner: marketing-data@acme.example", "owner: 'a<b>'")
    )
    assert issue.path == "owner" and issue.line == 4
    assert "letters, digits" in issue.message and "'a<b>'" in issue.message
    assert not any(c in issue.message for c in ("^", "$", "{1,256}", "pattern"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("# nothing but a comment\n", "the file is empty"),
        ("- name: marketing\n", "expected a mapping of keys"),
    ],
)
def test_an_empty_or_shapeless_file_gets_one_clear_line(tmp_path, text, message):
    (issue,) = _issues(tmp_path, text)
    assert issue.path == "(file)" and issue.line == 1 and issue.message.startswith(message)
    assert "DomainSpec" not in issue.message and "dictionary" not in issue.message


def test_a_yaml_syntax_error_is_one_line_with_its_line_number(tmp_path):
    text = GOOD.replace("zones: [raw, curated]", "zones: [raw, curated")
    with pytest.raises(ConfigError) as caught:
        load_domain_file(_write(tmp_path, "marketing", text))
    (issue,) = caught.value.issues
    assert issue.line == 8 and "\n" not in issue.message
    assert issue.message.startswith("not valid YAML: ") and "line 7" in issue.message
    assert "unicode string" not in issue.message


def test_a_list_item_of_the_wrong_shape_reads_plainly(tmp_path):
    issues = _issues(tmp_path, GOOD.replace("  - {name: campaigns}\n", "  - campaigns\n"))
    assert [(i.path, i.line) for i in issues] == [("schemas[0]", 9)]
    assert issues[0].message.startswith("expected a mapping of keys")


def test_checks_against_the_stack_carry_lines_and_allowed_values(tmp_path, prod):
    text = (
        GOOD.replace("zones: [raw, curated]", "zones: [raw, gold]")
        .replace("pii_category: email", "pii_category: shoe_size")
        .replace("size: SMALL, credit_quota: 60", "size: XXLARGE, credit_quota: 60")
        .replace("{role: analyst,", "{role: ghost,")
        .replace("unmask:\n  engineer: [email]\n", "")
    )
    issues = _stack_issues(tmp_path, prod, text)
    assert issues["zones[1]"].line == _line_of(text, "zones:")
    assert "raw, staged, curated" in issues["zones[1]"].message
    category = issues["schemas[contacts].pii_category"]
    assert category.line == _line_of(text, "{name: contacts") and "email, phone" in category.message
    size = issues["environments.prod.warehouses[marketing].size"]
    assert size.line == _line_of(text, "XXLARGE") and "allowed: XSMALL" in size.message
    role = issues["consumers[ghost].role"]
    assert role.line == _line_of(text, "{role: ghost") and "analyst" in role.message


def test_the_domain_roles_of_the_model_are_the_vocabulary():
    from stacks.domain_spec import DomainUnmask
    from vocabulary.domains import DOMAIN_ROLES

    assert tuple(DomainUnmask.model_fields) == DOMAIN_ROLES


def test_unmask_star_means_every_category_of_the_domain(tmp_path, prod):
    text = GOOD.replace("  - {name: campaigns}\n", "  - {name: campaigns, pii_category: name}\n")
    text = text.replace("engineer: [email]", "engineer: ['*']\n  analyst: [name]")
    (domain,) = load_domains(_write_dir(tmp_path, text), prod)
    assert domain.unmask == {"engineer": ("email", "name"), "analyst": ("name",)}


def _write_dir(tmp_path: Path, text: str) -> Path:
    _write(tmp_path, "marketing", text)
    return tmp_path


def test_unmask_of_a_category_the_domain_does_not_hold_is_refused(tmp_path):
    text = GOOD.replace("engineer: [email]", "engineer: [email, phone]")
    (issue,) = _issues(tmp_path, text)
    assert issue.path == "unmask.engineer[1]" and issue.line == _line_of(text, "engineer: [")
    assert "[phone]" in issue.message and "allowed: email, or *" in issue.message


def test_unmask_is_unknown_for_other_roles(tmp_path):
    (issue,) = _issues(tmp_path, GOOD.replace("engineer: [email]", "owner: [email]"))
    assert issue.path == "unmask.owner" and "allowed keys: analyst, engineer" in issue.message


def test_another_domain_may_not_hand_its_pii_to_a_role_that_unmasks_it(tmp_path, prod):
    _write(tmp_path, "marketing", GOOD)
    sales = GOOD.replace("\nname: marketing", "\nname: sales").replace(
        "{role: analyst, schemas: [campaigns]}", "{role: marketing.engineer, schemas: [contacts]}"
    )
    path = _write(tmp_path, "sales", sales)
    with pytest.raises(DomainErrors) as caught:
        load_domains(tmp_path, prod)
    (error,) = caught.value.errors
    assert error.source == str(path)
    (issue,) = error.issues
    assert issue.path == "consumers[marketing.engineer].role"
    assert "unmasks email" in issue.message and "contacts" in issue.message
    # Its analyst does not unmask: it may read them (masked).
    _write(tmp_path, "sales", sales.replace("marketing.engineer", "marketing.analyst"))
    assert [d.name for d in load_domains(tmp_path, prod)] == ["marketing", "sales"]


def test_an_ingest_key_prefix_past_its_cap_names_the_file_line_and_limit(tmp_path):
    # domains/marketing/ is 18 bytes: a 238-byte prefix fits, one more byte does not.
    fits, too_long = "a" * 237 + "/", "a" * 238 + "/"
    path = _write(tmp_path, "marketing", GOOD.replace("prefix: hubspot/", f"prefix: {fits}"))
    assert load_domain_file(path).ingest_sources[0].prefix == fits
    path = _write(tmp_path, "marketing", GOOD.replace("prefix: hubspot/", f"prefix: {too_long}"))
    with pytest.raises(ConfigError) as caught:
        load_domain_file(path)
    assert caught.value.source.endswith("marketing.yaml")
    (issue,) = caught.value.issues
    line = next(n for n, text in enumerate(GOOD.splitlines(), 1) if "prefix: hubspot/" in text)
    assert (issue.path, issue.line) == ("ingest_sources[hubspot].prefix", line)
    assert issue.message.startswith("key prefix of 257 bytes (domains/marketing/aaa")
    assert "at most 256 bytes: S3 object keys stop at 1024 bytes" in issue.message


def test_a_second_unmask_key_is_refused_naming_both_lines(tmp_path):
    """YAML keeps the last of two keys: a second `unmask:` would silently let the analysts
    see the domain's PII in clear."""
    path = _write(tmp_path, "marketing", GOOD + "unmask:\n  analyst: [email]\n")
    with pytest.raises(ConfigError) as caught:
        load_domain_file(path)
    (issue,) = caught.value.issues
    first = GOOD.splitlines().index("unmask:") + 1
    last = len(GOOD.splitlines()) + 1
    assert issue.line == last
    assert f"duplicate key `unmask` (lines {first} and {last})" in issue.message


@pytest.mark.parametrize("entries", ["[0.0.0.0/0]", "[0.0.0.0/1, 128.0.0.0/1]"])
def test_a_service_user_open_to_the_world_is_refused(tmp_path, entries):
    text = GOOD.replace(
        "{name: loader, warehouse: marketing}",
        f"{{name: loader, warehouse: marketing, allowed_ips: {entries}}}",
    )
    with pytest.raises(ConfigError) as caught:
        load_domain_file(_write(tmp_path, "marketing", text))
    (issue,) = caught.value.issues
    assert issue.path == "service_users[0].allowed_ips" and "0.0.0.0/0" in issue.message


def test_an_ingest_prefix_climbing_out_of_the_domain_is_refused(tmp_path):
    text = GOOD.replace("prefix: hubspot/", "prefix: x/../../crm/")
    with pytest.raises(ConfigError) as caught:
        load_domain_file(_write(tmp_path, "marketing", text))
    (issue,) = caught.value.issues
    assert issue.path == "ingest_sources[0].prefix" and "climbs out" in issue.message


def test_a_yml_file_is_refused_with_the_rule(tmp_path, prod):
    (tmp_path / "finance.yml").write_text(GOOD.replace("name: marketing", "name: finance"))
    with pytest.raises(DomainErrors) as caught:
        load_domains(tmp_path, prod)
    (error,) = caught.value.errors
    assert error.source == str(tmp_path / "finance.yml")
    assert "domain files end in `.yaml`: rename it to finance.yaml" in str(error)


def test_a_dangling_symlink_and_a_directory_are_each_their_own_error(tmp_path, prod):
    _write(tmp_path, "marketing", GOOD)
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (tmp_path / "folder.yaml").mkdir()
    with pytest.raises(DomainErrors) as caught:
        load_domains(tmp_path, prod)
    by_file = {Path(e.source).name: str(e) for e in caught.value.errors}
    assert sorted(by_file) == ["folder.yaml", "gone.yaml"]
    assert "a directory; a file expected" in by_file["folder.yaml"]
    assert "a dangling symlink" in by_file["gone.yaml"]


def test_the_owner_and_alert_subscriptions_are_told_of_the_domains_failures(tmp_path):
    text = GOOD + (
        "alert_subscriptions:\n"
        "  emails: [marketing-data@acme.example, oncall@acme.example]\n"
        "  https_endpoints: [https://hooks.acme.example/marketing]\n"
    )
    spec = load_domain_file(_write(tmp_path, "marketing", text))
    assert spec.alert_endpoints() == (
        ("email", "marketing-data@acme.example"),  # the owner, once
        ("email", "oncall@acme.example"),
        ("https", "https://hooks.acme.example/marketing"),
    )
    team = load_domain_file(
        _write(
            tmp_path,
            "marketing",
            GOOD.replace("owner: marketing-data@acme.example", "owner: Marketing Data Team"),
        )
    )
    assert team.alert_endpoints() == ()  # an owner that is no address gets no subscription


def test_an_alert_webhook_must_be_https(tmp_path):
    text = GOOD + "alert_subscriptions:\n  https_endpoints: [http://hooks.acme.example/m]\n"
    with pytest.raises(ConfigError) as caught:
        load_domain_file(_write(tmp_path, "marketing", text))
    (issue,) = caught.value.issues
    assert issue.path == "alert_subscriptions.https_endpoints[0]"


def test_past_snss_200_filter_policies_per_topic_the_domain_that_passes_is_refused(tmp_path, prod):
    # 40 domains x 5 endpoints (owner + 4) = 200: at the quota; one more endpoint passes it.
    extra = "alert_subscriptions:\n  emails: [{a}, {b}, {c}, {d}]\n"
    for i in range(40):
        name = f"d{i:02d}"
        text = GOOD.replace("\nname: marketing\n", f"\nname: {name}\n") + extra.format(
            a=f"a{i}@acme.example",
            b=f"b{i}@acme.example",
            c=f"c{i}@acme.example",
            d=f"e{i}@acme.example",
        )
        _write(tmp_path, name, text)
    assert len(load_domains(tmp_path, prod)) == 40
    _write(tmp_path, "zz", GOOD.replace("\nname: marketing\n", "\nname: zz\n"))
    with pytest.raises(DomainErrors) as caught:
        load_domains(tmp_path, prod)
    (error,) = caught.value.errors
    assert error.source.endswith("zz.yaml")
    (issue,) = error.issues
    assert issue.path == "owner"
    assert issue.message.startswith(
        "the domains' alert subscriptions reach 201 filter policies on the stack's alerts topic, "
        "past SNS's default quota of 200 per topic"
    )
