"""Write (or check) `stacks/contracts/dqdl_facts.json` from a checkout of awslabs/dqdl.

The DQDL validator (`stacks.contracts.dqdl_validator`) judges generated rules by what AWS
publishes, not by what we remember: the rule catalogue
(`configuration/rules/rules-config.json`: names, parameters, return types, thresholds),
the grammar's operators and duration units (`configuration/dqdl/*.g4`), and which
condition each return type takes (the parser's `parseCondition`, in
`src/.../parser/DQDLParserListener.java`). This command trims those three files into the
JSON the validator reads, recording the repository, commit and licence.

Usage: `python -m scripts.contract.dqdl_refresh --git-dir DIR [--check]`, where DIR is a
clone or bare git directory of https://github.com/awslabs/dqdl (read at HEAD).

Exit codes: 0 written (or, with --check, the file is what the checkout gives); 1 --check
found the file stale; 2 bad input (not a dqdl git directory, unreadable files).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from scripts.errors import EXIT_BAD_INPUT, EXIT_OK, EXIT_VIOLATIONS, UserError
from stacks.contracts.dqdl_facts import FACTS_PATH

REPOSITORY = "https://github.com/awslabs/dqdl"
RULES = "configuration/rules/rules-config.json"
GRAMMAR = "configuration/dqdl/DataQualityDefinitionLanguage.g4"
LEXER = "configuration/dqdl/CommonLexerRules.g4"
LISTENER = "src/com/amazonaws/glue/ml/dataquality/dqdl/parser/DQDLParserListener.java"
# The grammar rules whose alternatives are the comparison operators of a condition kind.
CONDITION_RULES = {
    "number": "numberBasedCondition",
    "string": "stringBasedCondition",
    "date": "dateBasedCondition",
    "duration": "durationBasedCondition",
    "size": "sizeBasedCondition",
}


def rule_types(config: dict[str, Any]) -> list[dict[str, Any]]:
    """The catalogue's rule types, trimmed to what a validator needs (overloads kept)."""
    return [
        {
            "name": r["rule_type_name"],
            "parameters": [
                {"name": p["name"], "var_arg": bool(p.get("is_var_arg", False))}
                for p in r["parameters"]
            ],
            "return_types": r["return_type"].split("|"),
            "threshold_supported": bool(r.get("is_threshold_supported", False)),
            "where_supported": bool(r.get("is_where_clause_supported", False)),
            "experimental": bool(r.get("experimental", False)),
            "analyzer_only": bool(r.get("is_analyzer_only", False)),
        }
        for r in config["rule_types"]
    ]


def column_data_types(config: dict[str, Any]) -> list[str]:
    """The types ColumnDataType checks, from its description ("Supported values: ...")."""
    rule = next(r for r in config["rule_types"] if r["rule_type_name"] == "ColumnDataType")
    listed = re.search(r"Supported values:\s*(.+)$", rule["description"])
    if listed is None:
        raise UserError(f"{RULES}: ColumnDataType's description lists no supported values")
    return [t.strip().rstrip(".") for t in listed.group(1).split(",")]


def lexer_literals(lexer: str) -> dict[str, str]:
    """Token name -> its first literal (`BETWEEN: 'between';` -> BETWEEN: between)."""
    found = {}
    for name, body in re.findall(r"^([A-Z_]+)\s*:\s*([^;]*);", lexer, flags=re.MULTILINE):
        literal = re.match(r"\s*'([^']*)'", body)
        if literal:
            found[name] = literal.group(1)
    return found


def grammar_rule(grammar: str, name: str) -> str:
    """The body of a parser rule (`name: ... ;`), comments dropped."""
    match = re.search(rf"^{name}\s*:(.*?);", grammar, flags=re.MULTILINE | re.DOTALL)
    if match is None:
        raise UserError(f"{GRAMMAR}: parser rule {name} not found")
    return re.sub(r"//[^\n]*", "", match.group(1))


def operators(grammar: str, lexer: str, rule: str) -> list[str]:
    """The comparison operators a condition rule allows, as written in DQDL.

    Each alternative starts with an optional `NOT?` (a `not ` prefix) or `NEGATION?`
    (`!`), then the operator token; `between` reads `between X and Y`.
    """
    literals = lexer_literals(lexer)
    found: list[str] = []
    for alternative in grammar_rule(grammar, rule).split("|"):
        words = alternative.split()
        prefix = ""
        if words and words[0] in ("NOT?", "NEGATION?"):
            prefix = "not " if words[0] == "NOT?" else "!"
            words = words[1:]
        if not words:
            continue
        token = words[0]
        if token == "matchesRegexCondition":
            operator = re.search(r"'(\w+)'", grammar_rule(grammar, token))
            literal = operator.group(1) if operator else token
        else:
            literal = literals.get(token, token)
        found.append(literal)
        if prefix:
            found.append(prefix + literal)
    return list(dict.fromkeys(found))


def duration_units(grammar: str) -> list[str]:
    """The units a duration takes (`durationUnit: 'days' | 'hours' | 'minutes';`)."""
    return re.findall(r"'(\w+)'", grammar_rule(grammar, "durationUnit"))


def return_type_conditions(listener: str) -> dict[str, str | None]:
    """Return type -> the condition kind `parseCondition` accepts (None: no condition)."""
    body = listener[listener.index("private Either<String, Condition> parseCondition(") :]
    body = body[: body.index("default:")]
    found: dict[str, str | None] = {}
    pending: list[str] = []
    for case, rest in re.findall(r'case "(\w+)":(.*?)(?=case "|\Z)', body, flags=re.DOTALL):
        pending.append(case)
        if not rest.strip().strip("{").strip():
            continue  # falls through to the next case
        kinds = re.findall(r"condition\(\)\.(\w+)BasedCondition\(\)", rest)
        for name in pending:
            found[name] = kinds[0] if kinds else None
        pending = []
    return found


def facts(files: dict[str, str], commit: str, committed: str) -> dict[str, Any]:
    """The trimmed facts of these dqdl files at `commit`."""
    grammar, lexer = files[GRAMMAR], files[LEXER]
    return {
        "source": {
            "repository": REPOSITORY,
            "commit": commit,
            "committed": committed,
            "license": "Apache-2.0",
            "files": [RULES, GRAMMAR, LEXER, LISTENER],
            "regenerate": "python -m scripts.contract.dqdl_refresh --git-dir <dqdl checkout>",
        },
        "rule_types": rule_types(json.loads(files[RULES])),
        "column_data_types": column_data_types(json.loads(files[RULES])),
        "operators": {
            kind: operators(grammar, lexer, rule) for kind, rule in CONDITION_RULES.items()
        },
        "duration_units": duration_units(grammar),
        "return_type_conditions": return_type_conditions(files[LISTENER]),
        "threshold_tag": "threshold",
    }


def render(document: dict[str, Any]) -> str:
    """The JSON text as committed (sorted nowhere: the catalogue's order is kept)."""
    return json.dumps(document, indent=1) + "\n"


def _git(git_dir: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", f"--git-dir={git_dir}", *args], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        raise UserError(f"{git_dir}: git {' '.join(args)} failed: {detail.strip()}") from None
    return done.stdout


def _git_dir(path: Path) -> Path:
    return path / ".git" if (path / ".git").is_dir() else path


def main(argv: list[str] | None = None) -> int:
    """Write or check the facts file; the exit code as documented above."""
    parser = argparse.ArgumentParser(
        prog="python -m scripts.contract.dqdl_refresh",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--git-dir", type=Path, required=True, help="awslabs/dqdl clone")
    parser.add_argument("--out", type=Path, default=FACTS_PATH, help="the facts file")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    try:
        git_dir = _git_dir(args.git_dir)
        files = {path: _git(git_dir, "show", f"HEAD:{path}") for path in (RULES, GRAMMAR, LEXER)}
        files[LISTENER] = _git(git_dir, "show", f"HEAD:{LISTENER}")
        commit, committed = _git(git_dir, "log", "-1", "--format=%H %cs").split()
        text = render(facts(files, commit, committed))
    except (UserError, ValueError, KeyError) as exc:
        print(f"dqdl_refresh: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    out: Path = args.out
    if args.check:
        current = out.read_text(encoding="utf-8") if out.exists() else ""
        if current != text:
            print(f"{out} differs from awslabs/dqdl at {commit}", file=sys.stderr)
            return EXIT_VIOLATIONS
        print(f"{out} is current (awslabs/dqdl {commit})")
        return EXIT_OK
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out} from awslabs/dqdl {commit}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
