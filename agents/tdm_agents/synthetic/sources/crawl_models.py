"""What a UI crawl captures per page: forms with their fields, tables, and labelled key elements."""

from __future__ import annotations

from pydantic import BaseModel, Field


class FormField(BaseModel):
    """One input, select, textarea, or radio/checkbox group."""

    tag: str
    type: str
    name: str = ""
    id: str = ""
    label: str = ""
    required: bool = False
    pattern: str | None = None
    min: str | None = None
    max: str | None = None
    maxlength: int | None = None
    minlength: int | None = None
    value: str = ""
    options: list[str] = Field(default_factory=list)


class FormCapture(BaseModel):
    """A form: its identity, the label that names it, and its fields."""

    id: str = ""
    name: str = ""
    label: str = ""
    action: str = ""
    fields: list[FormField] = Field(default_factory=list)


class TableCapture(BaseModel):
    """A data table: headers and a few rows of cell text."""

    id: str = ""
    label: str = ""
    headers: list[str] = Field(default_factory=list)
    rows: list[list[str]] = Field(default_factory=list, description="A few sample rows of cell text")


class KeyElement(BaseModel):
    """A labelled value shown on a page (a definition list entry, a labelled span)."""

    label: str
    value: str = ""


class PageCapture(BaseModel):
    """Everything the DOM walk found on one page, and how many link hops from a start URL."""

    url: str
    depth: int
    title: str = ""
    forms: list[FormCapture] = Field(default_factory=list)
    tables: list[TableCapture] = Field(default_factory=list)
    key_elements: list[KeyElement] = Field(default_factory=list)


class SkippedPage(BaseModel):
    """A linked page that could not be used, and why."""

    url: str
    reason: str


class CrawlResult(BaseModel):
    """Pages captured and pages skipped (with the reason), in visiting order."""

    start_urls: list[str]
    pages: list[PageCapture] = Field(default_factory=list)
    skipped: list[SkippedPage] = Field(default_factory=list)
