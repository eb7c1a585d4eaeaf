from __future__ import annotations

import json

from conftest import ROOT, shared_path

from boilerbench import load_corpus
from boilerbench.cli import main
from boilerbench.document import label_counts
from boilerbench.source_format import render

SEED_ID = "theweek-us-russia-talks"


def seed():
    return next(d for d in load_corpus() if d.id == SEED_ID)


def test_seed_label_counts_are_pinned():
    counts = label_counts(seed())
    assert {k: v["lines"] for k, v in counts.items()} == {
        "title": 1, "byline": 1, "body": 5, "promo": 6, "teaser": 22, "other": 0}
    assert {k: v["tokens"] for k, v in counts.items()} == {
        "title": 10, "byline": 53, "body": 294, "promo": 88, "teaser": 264, "other": 0}


def test_seed_text_is_the_users_file_byte_for_byte():
    raw = shared_path("seeds", "theweek-us-russia-talks.txt").read_bytes()
    assert (seed().text + "\n").encode("utf-8") == raw


def test_every_corpus_file_is_canonical():
    for doc in load_corpus():
        path = ROOT / "corpus" / doc.publisher / f"{doc.id}.txt"
        assert render(doc) == path.read_text(encoding="utf-8"), path


def test_validate_bundled_corpus(capsys):
    assert main(["validate"]) == 0


def test_stats_json_counts_every_label(capsys):
    assert main(["stats", "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    docs = list(load_corpus())
    assert stats["total"]["documents"] == len(docs)
    assert sum(v["tokens"] for v in stats["label"].values()) == sum(len(d.labelled_tokens[0]) for d in docs)
    assert sum(v["documents"] for v in stats["split"].values()) == len(docs)


def test_stats_markdown(capsys):
    assert main(["stats", "--split", "train"]) == 0
    assert "| label | documents | lines | tokens |" in capsys.readouterr().out


def test_stats_unknown_split(capsys):
    assert main(["stats", "--split", "dev"]) == 1
    assert "unknown split 'dev'" in capsys.readouterr().err


def test_show_prints_rows(capsys):
    assert main(["show", SEED_ID, "--color", "never"]) == 0
    out = capsys.readouterr().out
    assert "title  | U.S., Russia to hold high-stakes talks on Ukraine" in out


def test_show_colour(capsys):
    assert main(["show", SEED_ID, "--color", "always"]) == 0
    assert "\033[" in capsys.readouterr().out


def test_show_unknown_id(capsys):
    assert main(["show", "no-such-doc"]) == 1
    assert "no document with id 'no-such-doc'" in capsys.readouterr().err


def test_corpus_readme_statistics_are_current():
    from boilerbench.stats import corpus_stats, stats_markdown

    text = (ROOT / "corpus" / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- stats:start -->\n", 1)[1].split("<!-- stats:end -->", 1)[0]
    assert block == stats_markdown(corpus_stats(load_corpus()), publishers=False), (
        "corpus/README.md statistics are stale: run `boilerbench stats --corpus corpus --no-publishers` and paste "
        "the output")


def test_splits_are_disjoint_by_publisher_and_corpus_is_large_enough():
    docs = list(load_corpus())
    splits_of: dict[str, set[str]] = {}
    for d in docs:
        splits_of.setdefault(d.publisher, set()).add(d.split)
    assert all(len(s) == 1 for s in splits_of.values()), {p: s for p, s in splits_of.items() if len(s) > 1}
    assert len(docs) >= 150 and len(splits_of) >= 30
    assert len({d.language.split("-")[0] for d in docs}) >= 4
    assert sum(1 for d in docs if not d.language.startswith("en")) >= 25


def test_agreement_with_second_pass(capsys):
    assert main(["agreement", "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["documents"] >= 0.2 * len(list(load_corpus()))
    assert 0 <= result["kappa"] <= 1 and set(result["per_label"]) == {"title", "byline", "body", "promo", "teaser",
                                                                          "other"}


def test_real_documents_name_their_source_and_licence_and_splits_hold_enough():
    real = list(load_corpus(track="real"))
    assert len(real) >= 500
    counts = {s: sum(1 for d in real if d.split == s) for s in ("train", "validation", "test")}
    assert counts["test"] >= 200 and counts["validation"] >= 60, counts
    licences = {"aeb": "MIT", "wcxb": "CC-BY-4.0"}
    for d in real:
        dataset = d.source.split("/")[0] if d.source else None
        assert dataset in licences, d.id
        assert d.provenance == f"imported:{dataset}" and d.license == licences[dataset], d.id
        assert d.url is None or d.url.startswith("http"), d.id  # one WCXB page has no URL in its gold
    wcxb = sum(1 for d in real if d.source.startswith("wcxb/"))
    assert wcxb >= 320 and {d.source.split("/")[1] for d in real if d.source.startswith("wcxb/")} == {"dev", "test"}
    readme = (ROOT / "corpus" / "README.md").read_text(encoding="utf-8")
    assert "CC-BY-4.0" in readme and "Murrough Foley" in readme and "article-extraction-benchmark" in readme


def test_stats_shape_compares_the_tracks(capsys):
    assert main(["stats", "--shape"]) == 0
    out = capsys.readouterr().out
    assert "real/test" in out and "authored/test" in out and "where the article starts" in out
