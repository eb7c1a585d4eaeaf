"""The leaderboard for people: a padded terminal table that fits 120 columns (the full one behind
`--wide`), a self-contained HTML page (styled, sortable, intervals drawn as bars), and the
legend both carry. The Markdown, JSON and CSV forms stay in `leaderboard.render`.

Rows are those of `leaderboard.rows` / `leaderboard.aeb_rows`: figures are dicts with value,
low and high, counts are ints, a field an extractor does not give is None.
"""

from __future__ import annotations

import html
import math
import textwrap
from typing import Any

from boilerbench.tables import text_table, width

from .metric_table import TRACKED

WIDTH = 120

# The compact terminal columns: (row key, header); the body figures under one group heading,
# leakage under another (the legend says what each means).
_BODY = [("body_precision", "P"), ("body_recall", "R"), ("body_f1", "F1 ±")]
_FIELDS = [("title_f1", "title"), ("byline_f1", "byline")]
_LEAK = [(m.key, m.path[1]) for m in TRACKED if m.path[0] == "leakage"]
_INPUTS = {"html-rendered-from-lines": "html*"}


def display_name(name: str, version: str) -> str:
    """An extractor with its version, so that the version reads as one: `sklearn v1`,
    `trafilatura v2.3.1`, `AutoExtract (published)`."""
    version = str(version or "").strip()
    if not version:
        return name
    return f"{name} v{version}" if version[0].isdigit() else f"{name} ({version})"


def _value(fig: Any, digits: int = 2) -> str:
    if fig is None:
        return "–"
    if isinstance(fig, dict):
        v = fig.get("value")
        return "n/a" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:.{digits}f}"
    return str(fig)


def _plus_minus(fig: Any, digits: int = 2) -> str:
    """`0.94 ±0.01`: the value and the larger side of its interval (percentile intervals are not
    symmetric; `--wide` shows both ends)."""
    base = _value(fig, digits)
    if not isinstance(fig, dict) or base in ("–", "n/a"):
        return base
    low, high, v = fig.get("low"), fig.get("high"), fig["value"]
    if low is None or high is None or math.isnan(low) or math.isnan(high):
        return base
    return f"{base} ±{max(v - low, high - v):.{digits}f}"


def _interval(fig: Any, digits: int = 2) -> str:
    base = _value(fig, digits)
    if not isinstance(fig, dict) or base in ("–", "n/a") or fig.get("low") is None or fig.get("high") is None \
            or math.isnan(fig["low"]):
        return base
    return f"{base} [{fig['low']:.{digits}f}, {fig['high']:.{digits}f}]"


def _speed(v: Any) -> str:
    return "–" if v is None else f"{v:,.0f}"


def text_view(table: list[dict[str, Any]], *, wide: bool = False) -> str:
    """The terminal table: compact (every tracked figure, body F1 with ±; fits 120 columns for
    names up to 24 characters) or, with `wide`, every figure with its interval and the speed.
    Columns are padded; nothing wraps."""
    from .ranking import AEB_COLUMNS, MD_COLUMNS

    if table and "aeb_f1" in table[0]:
        present = [(k, h) for k, h in AEB_COLUMNS if any(k in r for r in table)]
        cells = [[display_name(r["extractor"], r["version"]) if k == "extractor"
                  else _interval(r.get(k), 3) if isinstance(r.get(k), dict) else str(r.get(k)) for k, _ in present]
                 for r in table]
        return text_table([h for _, h in present], cells, "rl" + "r" * (len(present) - 2))
    if wide:
        present = [(k, h) for k, h in MD_COLUMNS if any(k in r for r in table)]
        cells = [[display_name(r["extractor"], r["version"]) if k == "extractor"
                  else _speed(r.get(k)) if k == "documents_per_second"
                  else _interval(r.get(k)) if isinstance(r.get(k), dict) or r.get(k) is None else str(r[k])
                  for k, _ in present] for r in table]
        return text_table([h for _, h in present], cells, "rll" + "r" * (len(present) - 3))
    header = ["rank", "extractor", "input", *(h for _, h in _BODY + _FIELDS + _LEAK), "AEB F1", "fail"]
    cells = []
    for r in table:
        row = [str(r["rank"]), display_name(r["extractor"], r["version"]), _INPUTS.get(r["input"], r["input"])]
        row += [_plus_minus(r.get(k)) if k == "body_f1" else _value(r.get(k)) for k, _ in _BODY + _FIELDS + _LEAK]
        row += [_value(r.get("compat_f1")), str(r.get("failures", "–"))]
        cells.append(row)
    align = "rll" + "r" * (len(header) - 3)
    body = text_table(header, cells, align)
    over = max(width(line) for line in body.splitlines()) - WIDTH
    if over > 0:  # a long name is cut (…) rather than let the table wrap
        keep = max(max(width(r[1]) for r in cells) - over - 1, 12)
        for cut in cells:
            cut[1] = cut[1] if width(cut[1]) <= keep else cut[1][:keep] + "…"
        body = text_table(header, cells, align)
    # A group line over the figures: which are the body's, which F1 of other fields, which leakage.
    lines = body.splitlines()
    starts = _column_starts(lines[1])
    first = len(_BODY)
    groups = [(3, "body"), (3 + first, "F1 of"), (3 + first + len(_FIELDS), "leakage into the body (lower is better)")]
    top = ""
    for col, label in groups:
        top = top.ljust(starts[col]) + label + " "
    return top.rstrip() + "\n" + body


def _column_starts(rule: str) -> list[int]:
    """Where each column starts, read off the dashes under the header."""
    return [i for i, ch in enumerate(rule) if ch == "-" and (i == 0 or rule[i - 1] == " ")]


def legend(*, n_resamples: int, seed: int = 0, confidence: float = 0.95, metric: str = "boilerbench",
           form: str = "text") -> str:
    """What the intervals, the ranks and the columns mean: a footnote of a few paragraphs, one a
    line (`form` "text" wraps them at 120 columns; "wide" and "html" say how those show intervals)."""
    conf = int(round(confidence * 100))
    ranked_by = "AEB F1" if metric == "aeb" else "body F1"
    shown = {"text": "`±` is the larger side of the interval, and --wide shows both ends.",
             "wide": "[low, high].", "html": "each bar spans the interval on [0, 1], its tick marks the value "
                                            "(hover a figure for the numbers)."}
    parts = [
        f"Intervals: {conf}% percentile bootstrap over documents ({n_resamples} resamples, seed {seed}); "
        + (shown[form] if metric != "aeb" or form == "html" else "[low, high]."),
        f"Rank: by {ranked_by}; rows with the same rank are tied, not significantly different "
        f"(paired bootstrap of {ranked_by} against the group's first row, p >= 0.05).",
    ]
    if metric != "aeb":
        columns = ("P, R, F1: token precision, recall and F1 of the body; title, byline: their F1"
                   if form == "text" else "body P, R, F1: token precision, recall and F1 of the body; title F1, "
                                          "byline F1: those fields' token F1")
        parts += [
            "Leakage: the share of a boilerplate label's gold tokens kept in the extracted body (promo 0.40 = "
            f"40% of the promo text kept); lower is better. {columns}; – the extractor gives no such field.",
            "AEB F1: the article-extraction-benchmark's body F1. Input: what the extractor read ("
            + ("html* = " if form == "text" else "html-rendered-from-lines: ") + "HTML rendered from the text "
            f"lines). {'fail' if form == 'text' else 'failures'}: documents where the extractor failed. "
            + ("v1, v2.3.1: the extractor's version." if form != "html" else "The small grey figure beside a "
               "name is the extractor's version.")
            + (" --wide adds documents per second." if form == "text" else ""),
        ]
    return "".join((textwrap.fill(p, WIDTH) if form != "html" else p) + "\n" for p in parts)


CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1400px;color:#1d2330;
padding:0 1rem}
h1{font-size:1.4rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:2rem 0 .5rem}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:.35rem .4rem;border-bottom:1px solid #e3e6ec;text-align:right;white-space:nowrap;vertical-align:top}
th{position:sticky;top:0;background:#f5f7fa;cursor:pointer;user-select:none;font-weight:600}
th:hover{background:#e8edf5}th.l,td.l{text-align:left}
th[aria-sort=ascending]::after{content:" ▲";font-size:.7em}th[aria-sort=descending]::after{content:" ▼";font-size:.7em}
tbody tr:hover{background:#fafbfd}.v{font-size:.7em;color:#6b7385;margin-left:.3em}
.fig{display:inline-block;min-width:4.2rem}.num{display:block}
.bar{display:block;position:relative;height:6px;margin-top:3px;background:#edf0f4;border-radius:3px}
.bar span{position:absolute;top:0;bottom:0;background:#7aa6d8;border-radius:3px;opacity:.85}
.bar i{position:absolute;top:-2px;bottom:-2px;width:2px;margin-left:-1px;background:#1d4f91}
.leak .bar span{background:#e0a27a}.leak .bar i{background:#9a4a17}
.legend{margin-top:1.5rem;padding:.75rem 1rem;background:#f5f7fa;border-left:3px solid #7aa6d8;color:#3a4150}
.legend p{margin:.25rem 0}caption{caption-side:bottom;text-align:left;color:#6b7385;padding-top:.4rem}
"""

JS = """
document.querySelectorAll("table.board").forEach(function(t){
  t.querySelectorAll("th").forEach(function(th,i){
    th.addEventListener("click",function(){
      var asc=th.getAttribute("aria-sort")!=="ascending";
      t.querySelectorAll("th").forEach(function(h){h.removeAttribute("aria-sort")});
      th.setAttribute("aria-sort",asc?"ascending":"descending");
      var rows=Array.prototype.slice.call(t.tBodies[0].rows);
      rows.sort(function(a,b){
        var x=a.cells[i].dataset.v,y=b.cells[i].dataset.v,nx=parseFloat(x),ny=parseFloat(y);
        var c=(isNaN(nx)||isNaN(ny))?String(x).localeCompare(String(y)):nx-ny;
        return asc?c:-c});
      rows.forEach(function(r){t.tBodies[0].appendChild(r)});
    });
  });
});
"""


def _figure_cell(fig: Any, leak: bool) -> str:
    """A figure with its interval drawn as a bar on [0, 1] and its value as a tick."""
    if not isinstance(fig, dict) or fig.get("value") is None or math.isnan(fig["value"]):
        return f'<td data-v="">{html.escape(_value(fig))}</td>'
    v, low, high = fig["value"], fig.get("low"), fig.get("high")
    title = _interval(fig, 3)
    bar = ""
    if low is not None and high is not None and not math.isnan(low) and 0 <= low <= high <= 1:
        bar = (f'<span class="bar"><span style="left:{low * 100:.1f}%;width:{max((high - low) * 100, 0.5):.1f}%">'
               f'</span><i style="left:{v * 100:.1f}%"></i></span>')
    cls = ' class="leak"' if leak else ""
    return (f'<td{cls} data-v="{v:.6f}" title="{html.escape(title)}"><span class="fig">'
            f'<span class="num">{v:.2f}</span>{bar}</span></td>')


def html_table(table: list[dict[str, Any]]) -> str:
    """One board as a sortable `<table>`: click a header to sort by it."""
    from .ranking import AEB_COLUMNS, MD_COLUMNS

    columns = AEB_COLUMNS if table and "aeb_f1" in table[0] else MD_COLUMNS
    present = [(k, h) for k, h in columns if any(k in r for r in table)]
    left = {"extractor", "input"}
    head = "".join(f'<th class="l" scope="col">{html.escape(h)}</th>' if k in left
                   else f'<th scope="col">{html.escape(h)}</th>' for k, h in present)
    body = []
    for r in table:
        cells = []
        for k, _ in present:
            v = r.get(k)
            if k == "extractor":
                cells.append(f'<td class="l" data-v="{html.escape(r["extractor"])}">{html.escape(r["extractor"])}'
                             f'<span class="v">{html.escape(display_name("", r["version"]).strip())}</span></td>')
            elif k == "input":
                cells.append(f'<td class="l" data-v="{html.escape(str(v))}">{html.escape(str(v))}</td>')
            elif isinstance(v, dict) or (v is None and k != "documents_per_second"):
                cells.append(_figure_cell(v, k.startswith("leakage_")))
            elif k == "documents_per_second":
                cells.append(f'<td data-v="{"" if v is None else v}">{_speed(v)}</td>')
            else:
                cells.append(f'<td data-v="{html.escape(str(v))}">{html.escape(str(v))}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<div class="scroll"><table class="board">\n<thead><tr>{head}</tr></thead>\n<tbody>\n' + "\n".join(body)
            + "\n</tbody>\n</table></div>\n")


def html_page(sections: list[tuple[str, str]], legend_text: str, *, title: str = "boilerbench leaderboard") -> str:
    """A self-contained page: inline CSS and script, no external file or network request.
    `sections` are (heading, `html_table` output)."""
    parts = [f"<h2>{html.escape(h)}</h2>\n{t}" if h else t for h, t in sections]
    legend_html = "".join(f"<p>{html.escape(p)}</p>" for p in legend_text.strip().splitlines())
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            f"<h1>{html.escape(title)}</h1>\n<p>Click a column header to sort; bars show each figure's interval on "
            "[0, 1], the tick its value.</p>\n"
            + "\n".join(parts)
            + f'<div class="legend">{legend_html}</div>\n<script>{JS}</script>\n</body>\n</html>\n')
