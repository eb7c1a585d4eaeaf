"""Extractors that misbehave on some documents, for the isolation tests (imported by module:attr)."""

from __future__ import annotations

import os
import sys
import time

FIRST, SECOND, THIRD, FOURTH = 0, 1, 2, 3


class Misbehaving:
    name = "misbehaving"
    version = "0"

    def __init__(self):
        self.order: dict[str, int] = {}

    def prepare(self, documents):
        self.order = {d.id: i for i, d in enumerate(documents)}

    def extract(self, document):
        i = self.order[document.id]
        if i == FIRST:
            raise ValueError("boom")
        if i == SECOND:
            time.sleep(3600)
        if i == THIRD:
            return 42
        if i == FOURTH:
            sys.stdout.write("\x00garbage\ufffe")
            os.write(1, b"\xff\xfe raw bytes")
            return "printed garbage, then returned a body"
        if i == 4:
            os._exit(3)
        return document.text


class Recording:
    """Records what fit and prepare receive."""

    name = "recording"
    version = "0"
    seen_fit: list = []
    seen_prepare: list = []

    def fit(self, documents, tuning=None):
        Recording.seen_fit = list(documents) + list(tuning or [])

    def prepare(self, documents):
        Recording.seen_prepare = list(documents)

    def extract(self, document):
        return ""


def factory():
    return Recording()


not_an_extractor = object()


class FailingFit:
    """fit() raises: the run records it for every document and goes on."""

    name = "failing-fit"
    version = "0"

    def fit(self, documents):
        raise RuntimeError("cannot learn")

    def extract(self, document):
        return document.text


class FailingPrepare:
    name = "failing-prepare"
    version = "0"

    def prepare(self, documents):
        {}["missing"]

    def extract(self, document):
        return document.text
