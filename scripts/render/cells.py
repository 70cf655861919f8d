"""Text made safe for a Markdown table cell or code span: the one escaping every report uses.

Values in plans, diffs, cost reports, audits and the reference pages come from config
and programs anyone may write (names, descriptions, messages). Written raw, a `|` splits
the row, a backtick opens a code span that swallows the rest of the table, a newline ends
the row, `<tag>` is eaten as HTML, and `@someone` pings a person or team on every PR
comment the text is posted in. GitHub does not link a mention split by a zero-width space
(`@&#8203;someone`), the way other bots neutralise them.
"""

from __future__ import annotations

import re

_MENTION = re.compile(r"(?<![\w@`])@(?=[A-Za-z0-9])")
_ESCAPES = str.maketrans({"\\": "\\\\", "|": "\\|", "`": "\\`", "<": "&lt;"})
_MARKUP = str.maketrans({"|": "\\|", "<": "&lt;"})
_CODE_SPAN = re.compile(r"(`[^`]*`)")


def cell(text: object, *, markup: bool = False) -> str:
    """`text` on one line, safe inside a table cell: pipes, `<`, backticks and backslashes
    escaped, mentions neutralised. `markup=True` keeps the code spans and links the
    caller wrote on purpose (rule messages, docstrings): only pipes, `<` and mentions."""
    one = " ".join(str(text).split())
    if not markup:
        return _MENTION.sub("@&#8203;", one.translate(_ESCAPES))
    # Outside code spans only: inside one, `&lt;` would show as typed.
    parts = _CODE_SPAN.split(one)
    return "".join(
        part.replace("|", "\\|") if i % 2 else _MENTION.sub("@&#8203;", part.translate(_MARKUP))
        for i, part in enumerate(parts)
    )


def code(text: object, *, table: bool = True) -> str:
    """`text` as one inline code span, safe inside a table cell: the fence is longer than
    any run of backticks inside (CommonMark), pipes are escaped (GitHub's tables split on
    them even in code; `table=False` for a span outside a table, where the escape would
    show). A mention inside code is no mention. Empty text gives ""."""
    one = " ".join(str(text).split())
    if not one:
        return ""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", one)), default=0) + 1)
    pad = " " if one.startswith("`") or one.endswith("`") else ""
    body = one.replace("|", chr(92) + "|") if table else one
    return f"{fence}{pad}{body}{pad}{fence}"
