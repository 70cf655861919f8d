"""The self-contained HTML report: inline CSS and inline SVG, nothing fetched.

A reviewer opens the file from disk or an evidence archive with no network: no
scripts, fonts, images or style sheets from elsewhere. Every value is escaped, and
`backticks` in text become <code>. Tables scroll inside their own box with their
header row kept in view, so a wide table (the access matrix) never widens the page;
printed, wide tables go on landscape pages and repeat their header row on each page.
The role graph is inline SVG drawn by Graphviz where `dot` is installed, else its
Mermaid text in a <pre>.
"""

from __future__ import annotations

import re
from html import escape

from scripts.audit.layout import Chart, Figure, Section, Table, cells
from scripts.errors import UserError
from scripts.graph.dot import have_dot, svg

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;
max-width:80rem;padding:0 1rem;color:#1d2329;line-height:1.45}
h1{font-size:1.7rem;border-bottom:3px solid #2b5797;padding-bottom:.3rem}
h2{font-size:1.25rem;margin-top:2.2rem;color:#2b5797}
p.intro{color:#4a5560;max-width:60rem}
div.scroll{overflow:auto;max-height:75vh;margin:.6rem 0 1rem;border:1px solid #c9d1d9}
table{border-collapse:separate;border-spacing:0;width:100%;font-size:.85rem}
th,td{border-right:1px solid #c9d1d9;border-bottom:1px solid #c9d1d9;padding:.3rem .5rem;
text-align:left;vertical-align:top;overflow-wrap:break-word}
th{background:#eef2f6;position:sticky;top:0;z-index:1}
div.wide table{font-size:.78rem}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;
background:#eef2f6;padding:0 .2em;border-radius:3px}
figure{margin:1rem 0;overflow:auto;max-width:100%}
figure svg{max-width:100%;height:auto}
figcaption{color:#4a5560;font-size:.9rem}
pre{overflow:auto;max-height:30rem;background:#f6f8fa;padding:.6rem;font-size:.8rem}
tr:nth-child(even) td{background:#fafbfc}
td.good{background:#e3f4e6!important}
section.verdict{border-left:.5rem solid;padding:.2rem 1rem;margin-top:1rem}
section.verdict h2{margin-top:.4rem;font-size:1.5rem}
section.passed{border-color:#2e8540;background:#f1f9f2}section.passed h2{color:#2e8540}
section.failed{border-color:#c62828;background:#fdf1f1}section.failed h2{color:#c62828}
section.not-evaluated{border-color:#b26a00;background:#fff7e6}
section.not-evaluated h2{color:#b26a00}
td.warn{background:#fff4d6!important}
td.bad{background:#fde2e1!important;font-weight:600}
nav a{margin-right:1rem}
svg text{font-size:12px;font-family:inherit}
@page wide{size:landscape}
@media print{nav{display:none}
div.scroll,figure,pre{overflow:visible;max-height:none;border:0}
th{position:static}
thead{display:table-header-group}
tr{break-inside:avoid}
div.wide{page:wide}
div.wide table{font-size:.65rem}}
"""
GOOD = ("pass", "masked", "days left", "no access", "yes")
WARN = ("warn", "not-evaluated", "pending", "suppressed", "exceptions", "clear", "advisory")
BAD = ("fail", "violation", "expired", "without", "off")
COLOURS = {"violation": "#d64541", "suppressed": "#e8a317", "not-evaluated": "#8f9ba6"}


def html(title: str, sections: list[Section]) -> str:
    """The whole page; a verdict section opens it, before the navigation."""
    opening = [s for s in sections[:1] if s.verdict]
    rest = sections[len(opening) :]
    nav = " ".join(
        f'<a href="#s{i}">{escape(s.title)}</a>' for i, s in enumerate(rest, len(opening))
    )
    first = "".join(_section(0, s) + "\n" for s in opening)
    body = "\n".join(_section(i, s) for i, s in enumerate(rest, len(opening)))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
        f"<h1>{escape(title)}</h1>\n{first}<nav>{nav}</nav>\n{body}\n</body></html>\n"
    )


def _section(i: int, section: Section) -> str:
    kind = f' class="verdict {section.verdict.replace(" ", "-")}"' if section.verdict else ""
    parts = [f'<section id="s{i}"{kind}><h2>{escape(section.title)}</h2>']
    if section.intro:
        parts.append(f'<p class="intro">{text(section.intro)}</p>')
    for block in section.blocks:
        if isinstance(block, Table):
            parts.append(_table(block))
        elif isinstance(block, Chart):
            parts.append(chart(block))
        elif isinstance(block, Figure):
            parts.append(figure(block))
        else:
            parts.append(f"<p>{text(block)}</p>")
    parts.append("</section>")
    return "\n".join(parts)


def _table(table: Table) -> str:
    head = "".join(f"<th>{breakable(h)}</th>" for h in table.headers)
    rows = []
    for row in cells(table):
        tds = []
        for j, value in enumerate(row):
            cls = _status_class(value) if j == table.status else ""
            attr = f' class="{cls}"' if cls else ""
            tds.append(f"<td{attr}>{breakable(text(value))}</td>")
        rows.append("<tr>" + "".join(tds) + "</tr>")
    box = "scroll wide" if table.wide else "scroll"
    return (
        f'<div class="{box}"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def text(value: str) -> str:
    """`value` escaped, with each `backticked` span as <code>."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(value))


def breakable(html_text: str) -> str:
    """Line-break opportunities (<wbr>) after the `_ . / :` of long identifiers (role names,
    ARNs), so a table column narrows without breaking words anywhere."""
    return re.sub(r"(?<=[\w])([_./:])(?=\w)", r"\1<wbr>", html_text)


def figure(block: Figure) -> str:
    """The graph as inline SVG drawn by Graphviz, or its Mermaid text where `dot` is missing
    (or fails)."""
    caption = text(block.caption)
    if have_dot():
        try:
            return (
                f"<figure>{inline_svg(svg(block.dot))}<figcaption>{caption}</figcaption></figure>"
            )
        except UserError:
            pass
    return (
        f"<figure><pre>{escape(block.mermaid)}</pre><figcaption>{caption} Shown as Mermaid "
        "text: install Graphviz where the report is made to draw it here.</figcaption></figure>"
    )


def inline_svg(document: str) -> str:
    """Graphviz's SVG document as an element to embed: no XML prolog, DOCTYPE (which
    names a DTD on the web) or comments, and no xlink namespace (nothing links)."""
    start = document.index("<svg")
    element = re.sub(r"<!--.*?-->", "", document[start:], flags=re.S)
    return re.sub(r'\s+xmlns:xlink="[^"]*"', "", element).strip()


def _status_class(value: str) -> str:
    low = value.lower()
    for cls, words in (("bad", BAD), ("warn", WARN), ("good", GOOD)):
        if any(w in low for w in words):
            return cls
    return ""


def chart(block: Chart, width: int = 560, bar: int = 22) -> str:
    """A horizontal stacked bar per severity, one colour per status, with a legend."""
    counts = block.counts
    peak = max([sum(c.values()) for c in counts.values()] + [1])
    label_w, scale = 80, (width - 80 - 60) / peak
    rows = []
    for i, (severity, by_status) in enumerate(counts.items()):
        y = 10 + i * (bar + 8)
        rows.append(f'<text x="0" y="{y + bar - 6}">{escape(severity)}</text>')
        x = float(label_w)
        for status, n in by_status.items():
            if n:
                w = n * scale
                rows.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" '
                    f'fill="{COLOURS.get(status, "#555")}"><title>{escape(severity)} '
                    f"{escape(status)}: {n}</title></rect>"
                )
                x += w
        rows.append(f'<text x="{x + 6:.1f}" y="{y + bar - 6}">{sum(by_status.values())}</text>')
    legend_y = 10 + len(counts) * (bar + 8) + 8
    legend = []
    for j, (status, colour) in enumerate(COLOURS.items()):
        lx = label_w + j * 150
        legend.append(
            f'<rect x="{lx}" y="{legend_y}" width="12" height="12" fill="{colour}"></rect>'
            f'<text x="{lx + 18}" y="{legend_y + 11}">{escape(status)}</text>'
        )
    height = legend_y + 24
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" '
        'aria-label="Policy results by rule severity">' + "".join(rows + legend) + "</svg>"
    )
