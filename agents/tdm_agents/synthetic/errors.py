"""Errors of the synthetic data engine, each with a message fit to show an API caller.

Messages name entities, attributes, URLs and limits, never row values.
"""

from __future__ import annotations


class SyntheticError(Exception):
    """Base class: a synthetic generation request that cannot be carried out."""


class SyntheticRequestError(SyntheticError, ValueError):
    """The request itself is invalid (row counts, unknown table, unknown pack or scenario)."""


class SpecError(SyntheticError, ValueError):
    """An OpenAPI / Swagger document is malformed, too large or too deep."""


class CrawlError(SyntheticError):
    """A UI crawl could not start or was refused (unreachable URL, non-HTML page, guarded address)."""


class SpecFetchError(SyntheticError):
    """An API spec URL could not be fetched (unreachable, HTTP error, too large, too slow, redirect loop)."""


class TestCaseParseError(SyntheticError, ValueError):
    """A test-case file could not be parsed."""

    __test__ = False  # not a pytest test class despite the name


class EngineUnavailable(SyntheticError):
    """An engine's optional dependencies are not installed; the message says how to install them."""
