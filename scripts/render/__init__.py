"""The one rendering layer of the reports (plan, diff, comment, cost, audit, access, alerts,
the reference pages): each command supplies only its content (rows, sections), and the
primitives here lay it out.

- `cells`: text made safe for a Markdown table cell or a code span (escaping);
- `markdown`: headings, tables (alignment, separator) and folded `<details>` sections;
- `fold`: GitHub's comment limit and fitting a section's lines into what is left of it;
- `text`: terminal text: clipping with an ellipsis and aligned columns.
"""
