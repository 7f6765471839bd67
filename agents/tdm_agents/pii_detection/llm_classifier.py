"""Optional LLM classification of columns from their names, types, table context and value shapes.

The model never sees a value: only `ColumnDescriptor`s (names, declared types, sibling column
names and value *shapes*). One request classifies the uncached columns of one table, so the
per-job call budget counts requests, retries included. Answers are cached by column signature in
this process and, when given, in an external cache with `get`/`set` (Redis in the worker).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field
from tenacity import Retrying, retry_if_not_exception_type, stop_after_attempt, wait_exponential

from tdm_agents.pii_detection.models import Evidence
from tdm_agents.settings import LlmSettings, get_settings

LlmLabel = Literal[
    # The plan's labels ...
    "email", "phone", "person_name", "address", "ssn", "credit_card", "date_of_birth", "other", "none",
    # ... and the finer ones the deterministic path reports.
    "street_address", "postcode", "city", "national_id", "iban", "bank_account", "ip_address",
    "mac_address", "username", "password_hash", "geolocation", "free_text_pii", "photo",
]  # fmt: skip
_LABEL_TO_TYPE: dict[str, tuple[str, str | None]] = {
    "address": ("street_address", None),
    "ssn": ("national_id", "us_ssn"),
}
SKIPPED_NO_LLM = "skipped: no LLM configured"
_CACHE_PREFIX = "tdm:pii:llm:"

SYSTEM_PROMPT = (
    "You classify database columns for personal data (PII). For each column you get its table, "
    "name, declared type, the names of the other columns of the table and the shapes of sampled "
    "values (A = upper-case letter, a = lower-case letter, d = digit; other characters as is). "
    "You never see real values. Answer one label per column: a PII type, 'other' for personal "
    "data outside the list, or 'none' when the column holds no personal data. Give a confidence "
    "between 0 and 1 and a short reason."
)


class LlmColumnLabel(BaseModel):
    """The model's answer for one column."""

    column: str = Field(description="The column name exactly as given")
    label: LlmLabel = Field(description="PII type of the column, 'other' or 'none'")
    confidence: float = Field(ge=0.0, le=1.0, description="How sure the label is, 0..1")
    reason: str = Field("", max_length=300, description="One short sentence")


class LlmTableClassification(BaseModel):
    """The model's answers for the columns of one table."""

    columns: list[LlmColumnLabel]


@dataclass(frozen=True)
class ColumnDescriptor:
    """Everything the LLM may learn about a column: no values, only their shapes."""

    table: str
    column: str
    data_type: str
    shapes: tuple[str, ...] = ()
    sibling_columns: tuple[str, ...] = ()

    @property
    def signature(self) -> str:
        """Cache key: the same name, type, table and shapes get the same answer."""
        blob = json.dumps([self.table, self.column, self.data_type, list(self.shapes)], separators=(",", ":"))
        return hashlib.sha256(blob.encode()).hexdigest()


class ResultCache(Protocol):
    """An external cache of answers (for example Redis); values are JSON strings."""

    def get(self, key: str) -> str | bytes | None: ...

    def set(self, key: str, value: str) -> object: ...


class BudgetExhausted(Exception):
    """The job has used all the LLM requests it was allowed."""


@dataclass
class LlmCallBudget:
    """How many LLM requests one job may still make."""

    max_calls: int
    used: int = 0

    def consume(self) -> None:
        """Count one request, or raise BudgetExhausted when none are left."""
        if self.used >= self.max_calls:
            raise BudgetExhausted(f"LLM call budget of {self.max_calls} requests used up")
        self.used += 1


def build_llm_from_settings(settings: LlmSettings | None = None) -> BaseChatModel | None:
    """An AzureChatOpenAI or ChatOpenAI client from settings, or None when no LLM is configured."""
    settings = settings or get_settings()
    if settings.azure_configured:
        from langchain_openai import AzureChatOpenAI

        return AzureChatOpenAI(
            azure_endpoint=settings.azure_openai_endpoint,
            azure_deployment=settings.azure_openai_deployment,
            api_version=settings.azure_openai_api_version,
            api_key=settings.azure_openai_api_key,
            temperature=0,
            timeout=settings.llm_timeout_seconds,
            max_retries=0,  # retries are ours, so that each one counts against the budget
        )
    if settings.openai_compatible_configured and settings.openai_model:
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(
            base_url=settings.openai_base_url,
            model=settings.openai_model,
            api_key=settings.openai_api_key,
            temperature=0,
            timeout=settings.llm_timeout_seconds,
            max_retries=0,
        )
    return None


@dataclass
class LlmClassifier:
    """Classifies columns table by table with a chat model, within a budget, through a cache."""

    llm: BaseChatModel | None
    budget: LlmCallBudget
    cache: ResultCache | None = None
    max_attempts: int = 3
    backoff_seconds: float = 0.5
    sleep: Callable[[float], None] = time.sleep
    status: str = "not run"
    _memory: dict[str, LlmColumnLabel] = field(default_factory=dict)

    def classify_table(self, descriptors: Sequence[ColumnDescriptor]) -> dict[str, Evidence]:
        """Evidence per column name for one table's columns (empty when skipped or failed)."""
        if self.llm is None:
            self.status = SKIPPED_NO_LLM
            return {}
        answers = {d.column: self._cached(d) for d in descriptors}
        missing = [d for d in descriptors if answers[d.column] is None]
        if missing:
            try:
                fresh = self._ask(missing)
            except BudgetExhausted:
                self.status = "stopped: LLM call budget exhausted"
                fresh = {}
            except Exception as exc:  # the deterministic path stands without the LLM
                self.status = f"failed: {type(exc).__name__}"
                fresh = {}
            for descriptor in missing:
                if descriptor.column in fresh:
                    answers[descriptor.column] = fresh[descriptor.column]
                    self._remember(descriptor, fresh[descriptor.column])
        evidence = {column: to_evidence(label) for column, label in answers.items() if label is not None}
        return {column: item for column, item in evidence.items() if item is not None}

    def _ask(self, descriptors: Sequence[ColumnDescriptor]) -> dict[str, LlmColumnLabel]:
        assert self.llm is not None
        runnable = self.llm.with_structured_output(LlmTableClassification, method="function_calling")
        messages = build_messages(descriptors)
        retrying = Retrying(
            stop=stop_after_attempt(self.max_attempts),
            wait=wait_exponential(multiplier=self.backoff_seconds, max=10),
            retry=retry_if_not_exception_type(BudgetExhausted),
            sleep=self.sleep,
            reraise=True,
        )
        for attempt in retrying:
            with attempt:
                self.budget.consume()
                result = runnable.invoke(messages)
        self.status = "ok"
        wanted = {d.column for d in descriptors}
        # Structured output is typed `dict | BaseModel`; validating pins it to the schema asked for.
        table = LlmTableClassification.model_validate(result)
        return {label.column: label for label in table.columns if label.column in wanted}

    def _cached(self, descriptor: ColumnDescriptor) -> LlmColumnLabel | None:
        key = descriptor.signature
        if key in self._memory:
            return self._memory[key]
        raw = self.cache.get(_CACHE_PREFIX + key) if self.cache is not None else None
        if raw is None:
            return None
        label = LlmColumnLabel.model_validate_json(raw)
        self._memory[key] = label
        return label

    def _remember(self, descriptor: ColumnDescriptor, label: LlmColumnLabel) -> None:
        self._memory[descriptor.signature] = label
        if self.cache is not None:
            self.cache.set(_CACHE_PREFIX + descriptor.signature, label.model_dump_json())


def build_messages(descriptors: Sequence[ColumnDescriptor]) -> list[SystemMessage | HumanMessage]:
    """The prompt for one table: names, types, siblings and shapes only."""
    table = descriptors[0].table if descriptors else ""
    payload = {
        "table": table,
        "other_columns": list(descriptors[0].sibling_columns) if descriptors else [],
        "columns": [
            {"name": d.column, "type": d.data_type, "value_shapes": list(d.shapes)} for d in descriptors
        ],
    }
    return [SystemMessage(SYSTEM_PROMPT), HumanMessage(json.dumps(payload, ensure_ascii=False))]


def to_evidence(label: LlmColumnLabel) -> Evidence | None:
    """The model's answer as evidence: 'none' is evidence of absence; 'other' names no type we mask."""
    reason = f"llm: {label.label} ({label.confidence:.2f})" + (f": {label.reason}" if label.reason else "")
    if label.label == "other":
        return None
    if label.label == "none":
        return Evidence(None, "llm", label.confidence, reason)
    pii_type, subtype = _LABEL_TO_TYPE.get(label.label, (label.label, None))
    # The model reads names and shapes as a person would; it is never more certain than a checksum.
    return Evidence(pii_type, "llm", round(min(label.confidence, 0.95) * 0.9, 2), reason, subtype)
