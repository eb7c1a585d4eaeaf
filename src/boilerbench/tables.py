"""Tables as text: the one Markdown table builder (GitHub's pipe tables, as the README, the gate
and `score` print them) and a padded plain-text form for terminals."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def _aligns(align: str | None, n: int) -> str:
    """`l`/`r` per column; default: the first column left, the others right (figures)."""
    if align is None:
        return "l" + "r" * (n - 1)
    if len(align) != n or set(align) - {"l", "r"}:
        raise ValueError(f"align {align!r}: give one of 'l' or 'r' per column ({n})")
    return align


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[object]], align: str | None = None) -> str:
    """A pipe table, one line a row, ending in a newline.

    >>> print(markdown_table(["name", "F1"], [["a", "0.50"]]), end="")
    | name | F1 |
    |---|---:|
    | a | 0.50 |
    """
    a = _aligns(align, len(header))
    head = "|" + "|".join(f" {h} " if h else " " for h in header) + "|"  # an empty corner cell is "| |"
    lines = [head, "|" + "|".join("---" if c == "l" else "---:" for c in a) + "|"]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]  # a name's | escaped
    return "\n".join(lines) + "\n"


def width(text: str) -> int:
    """Columns a string takes on a terminal (wide East Asian characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in text)


def _pad(text: str, n: int, how: str) -> str:
    gap = " " * max(n - width(text), 0)
    return text + gap if how == "l" else gap + text


def text_table(header: Sequence[str], rows: Sequence[Sequence[object]], align: str | None = None,
               gap: int = 2) -> str:
    """A padded table for a terminal: columns aligned, the header underlined, ending in a newline.

    >>> print(text_table(["name", "F1"], [["keep-all", "0.50"]]), end="")
    name        F1
    --------  ----
    keep-all  0.50
    """
    a = _aligns(align, len(header))
    cells = [[str(c) for c in row] for row in rows]
    widths = [max([width(h)] + [width(r[i]) for r in cells]) for i, h in enumerate(header)]
    sep = " " * gap

    def line(row: Sequence[str]) -> str:
        return sep.join(_pad(c, widths[i], a[i]) for i, c in enumerate(row)).rstrip()

    out = [line(list(header)), sep.join("-" * w for w in widths)] + [line(r) for r in cells]
    return "\n".join(out) + "\n"
