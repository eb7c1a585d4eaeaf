"""Argparse types for numeric flags: one place that refuses NaN, Infinity and values that mean
nothing (a negative seed, a timeout of 0), so that every command says so the same way, naming
the flag, before any work starts."""

from __future__ import annotations

import argparse
import math


def _float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def positive_float(text: str) -> float:
    """A finite number above 0 (seconds of a timeout)."""
    value = _float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r}: give a number above 0")
    return value


def non_negative_float(text: str) -> float:
    """A finite number, 0 or more (a tolerance)."""
    value = _float(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r}: give a number, 0 or more")
    return value


def fraction(text: str) -> float:
    """A finite number strictly between 0 and 1 (a confidence level)."""
    value = _float(text)
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give a number between 0 and 1")
    return value


def non_negative_int(text: str) -> int:
    """A whole number, 0 or more (resamples, a seed)."""
    value = _int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number, 0 or more")
    return value


def positive_int(text: str) -> int:
    """A whole number, 1 or more (worker processes)."""
    value = _int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number, 1 or more")
    return value
