"""Inter-annotator agreement between the corpus (first pass) and an independent second pass.

Token level, with scikit-learn: Cohen's kappa over the six labels, one-vs-rest kappa per label,
the confusion between the passes, and the lines where the two disagree (for adjudication).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from .document import Document
from .errors import Problem, UserError
from .labels import LABELS
from .tables import markdown_table


def agreement(first: Iterable[Document], second: Iterable[Document]) -> dict[str, Any]:
    from sklearn.metrics import confusion_matrix

    by_id = {d.id: d for d in first}
    a: list[str] = []
    b: list[str] = []
    disagreements = []
    docs = 0
    lines = line_agree = 0
    problems = []
    for doc2 in second:
        doc1 = by_id.get(doc2.id)
        if doc1 is None:
            problems.append(Problem(doc2.id, None, "the second pass has a document the corpus does not"))
            continue
        if doc1.text != doc2.text:
            problems.append(Problem(doc2.id, None, "the second pass annotated a different text"))
            continue
        docs += 1
        a += doc1.labelled_tokens[1]
        b += doc2.labelled_tokens[1]
        for l1, l2 in zip(doc1.lines, doc2.lines, strict=True):
            if l1.label is None:
                continue
            lines += 1
            pieces1 = [(s.start, s.end, s.label) for s in l1.spans]
            pieces2 = [(s.start, s.end, s.label) for s in l2.spans]
            if pieces1 == pieces2:
                line_agree += 1
            else:
                disagreements.append({"id": doc1.id, "line": l1.number, "first": "+".join(s[2] for s in pieces1),
                                      "second": "+".join(s[2] for s in pieces2), "text": l1.text})
    if problems:
        raise UserError(problems)
    if not docs:
        raise UserError("no document of the second pass is in the corpus")
    out: dict[str, Any] = {
        "documents": docs, "tokens": len(a), "lines": lines,
        "token_agreement": float(np.mean(np.array(a) == np.array(b))),
        "line_agreement": line_agree / lines if lines else float("nan"),
        "kappa": _kappa(a, b, labels=list(LABELS)),
        "per_label": {},
        "labels": list(LABELS),
        "confusion": confusion_matrix(a, b, labels=list(LABELS)).tolist(),
        "disagreements": disagreements,
    }
    for label in LABELS:
        ya = [x == label for x in a]
        yb = [x == label for x in b]
        out["per_label"][label] = {"kappa": _kappa(ya, yb), "first": sum(ya), "second": sum(yb)}
    return out


def agreement_markdown(result: dict[str, Any], *, disagreements: bool = False) -> str:
    out = [f"{result['documents']} documents, {result['tokens']:,} tokens, {result['lines']:,} labelled lines.",
           "", f"Cohen's kappa (tokens, six labels): **{result['kappa']:.3f}**; raw token agreement "
           f"{result['token_agreement']:.3f}; lines labelled identically {result['line_agreement']:.3f}.", "",
           markdown_table(["label", "kappa (one vs rest)", "tokens, first pass", "tokens, second pass"],
                          [[label, f"{v['kappa']:.3f}", f"{v['first']:,}", f"{v['second']:,}"]
                           for label, v in result["per_label"].items()]).rstrip("\n")]
    out += ["", "Confusion (tokens; rows: first pass, columns: second pass):", "",
            markdown_table(["", *result["labels"]],
                           [[label, *(f"{v:,}" for v in row)]
                            for label, row in zip(result["labels"], result["confusion"], strict=True)]).rstrip("\n")]
    if disagreements:
        out += ["", f"{len(result['disagreements'])} lines labelled differently:", ""]
        for d in result["disagreements"]:
            out.append(f"- {d['id']}:{d['line']}: {d['first']} / {d['second']}: {d['text'][:90]}")
    return "\n".join(out) + "\n"


def _kappa(a, b, labels=None) -> float:
    """Cohen's kappa; 1.0 when both passes agree everywhere on a single class (where scikit-learn
    leaves it undefined), since the passes then agree perfectly."""
    import warnings

    from sklearn.metrics import cohen_kappa_score

    if list(a) == list(b):
        return 1.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(cohen_kappa_score(a, b, labels=labels))
