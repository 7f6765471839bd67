"""The LLM path with the scripted fake chat model: parsing, budget, retries, cache, no raw values."""

from __future__ import annotations

import json
import uuid

import pyarrow as pa
import pytest
from langchain_core.messages import BaseMessage

from tdm_agents.common.progress import RecordingHooks
from tdm_agents.pii_detection.classify import classify_columns, describe
from tdm_agents.pii_detection.llm_classifier import (
    SKIPPED_NO_LLM,
    LlmCallBudget,
    LlmClassifier,
    build_llm_from_settings,
)
from tdm_agents.pii_detection.models import ColumnSample
from tdm_agents.settings import LlmSettings

LLM_ENV = (
    "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_DEPLOYMENT",
    "OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_MODEL",
)  # fmt: skip


@pytest.fixture(autouse=True)
def _no_llm_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in LLM_ENV:
        monkeypatch.delenv(name, raising=False)


def sample(table: str, column: str, values: list[str]) -> ColumnSample:
    return ColumnSample(
        "public", table, column, "text", pa.array(values, type=pa.string()), "string", (column, "id")
    )


def label_everything(label: str, confidence: float = 0.9):
    """A script that answers every request by labelling every column it was shown."""

    def answer(messages: list[BaseMessage]) -> dict:
        payload = json.loads(str(messages[-1].content))
        return {
            "columns": [
                {"column": c["name"], "label": label, "confidence": confidence, "reason": "shape"}
                for c in payload["columns"]
            ]
        }

    return answer


def test_no_credentials_means_no_llm_and_a_logged_skip() -> None:
    assert build_llm_from_settings(LlmSettings()) is None
    hooks = RecordingHooks()
    findings = classify_columns([sample("t", "holder", ["Aa"] * 5)], use_llm=True, llm=None, hooks=hooks)
    assert findings == []
    assert any(SKIPPED_NO_LLM in message for _, message, _ in hooks.logs)


def test_settings_build_azure_or_compatible_clients() -> None:
    azure = LlmSettings(
        AZURE_OPENAI_API_KEY="k-test",
        AZURE_OPENAI_ENDPOINT="https://example.openai.azure.com/",
        AZURE_OPENAI_DEPLOYMENT="gpt-4o-mini",
    )
    assert type(build_llm_from_settings(azure)).__name__ == "AzureChatOpenAI"
    compatible = LlmSettings(
        OPENAI_BASE_URL="http://127.0.0.1:9/v1", OPENAI_API_KEY="k-test", OPENAI_MODEL="local"
    )
    assert type(build_llm_from_settings(compatible)).__name__ == "ChatOpenAI"


def test_structured_output_becomes_llm_findings(scripted_chat) -> None:
    llm = scripted_chat(label_everything("address"))
    findings = classify_columns([sample("shipments", "where_to", ["Aaaa"] * 5)], use_llm=True, llm=llm)
    assert [(f.column, f.pii_type, f.technique) for f in findings] == [("where_to", "street_address", "llm")]
    assert "llm: address" in findings[0].explanation


def test_budget_caps_requests_per_job(scripted_chat) -> None:
    llm = scripted_chat(label_everything("none"))
    hooks = RecordingHooks()
    columns = [sample(f"table_{i}", "col", ["aa"] * 3) for i in range(4)]
    classify_columns(columns, use_llm=True, llm=llm, hooks=hooks, budget=LlmCallBudget(max_calls=2))
    assert len(llm.prompts) == 2
    assert any("budget exhausted" in message for _, message, _ in hooks.logs)


def test_retries_with_backoff_count_against_the_budget(scripted_chat) -> None:
    answer = label_everything("phone")
    attempts: list[int] = []

    def flaky(messages: list[BaseMessage]):
        attempts.append(1)
        return TimeoutError("slow") if len(attempts) == 1 else answer(messages)

    llm = scripted_chat(flaky)
    waits: list[float] = []
    classifier = LlmClassifier(llm, LlmCallBudget(5), backoff_seconds=0.25, sleep=waits.append)
    evidence = classifier.classify_table([describe(sample("t", "c", ["ddd"]))])
    assert evidence["c"].pii_type == "phone" and classifier.status == "ok"
    assert len(llm.prompts) == 2 and classifier.budget.used == 2 and waits and waits[0] > 0


def test_a_failing_model_leaves_the_deterministic_answer(scripted_chat) -> None:
    llm = scripted_chat(lambda messages: ConnectionError("down"))
    classifier = LlmClassifier(llm, LlmCallBudget(10), max_attempts=3, sleep=lambda _: None)
    assert classifier.classify_table([describe(sample("t", "c", ["ddd"]))]) == {}
    assert classifier.status == "failed: ConnectionError" and classifier.budget.used == 3


def test_answers_are_cached_by_column_signature(scripted_chat) -> None:
    llm = scripted_chat(label_everything("username"))
    store: dict[str, str] = {}

    class DictCache:
        def get(self, key: str) -> str | None:
            return store.get(key)

        def set(self, key: str, value: str) -> None:
            store[key] = value

    columns = [sample("accounts", "handle_x", ["aaaa"] * 4)]
    first = classify_columns(columns, use_llm=True, llm=llm, cache=DictCache())
    second = classify_columns(columns, use_llm=True, llm=llm, cache=DictCache())
    assert first == second and len(llm.prompts) == 1 and len(store) == 1


def test_no_sampled_value_reaches_a_prompt_or_a_log(scripted_chat) -> None:
    tokens = [uuid.uuid4().hex[:10] for _ in range(40)]
    columns = [
        sample("clients", "c1", [f"{t[:5].title()} {t[5:].title()}" for t in tokens[:10]]),
        sample("clients", "c2", [f"{t}@{t[:4]}.example.org" for t in tokens[10:20]]),
        sample("clients", "c3", [f"ref {t} called 555-{t[:3]}" for t in tokens[20:30]]),
        sample("orders", "c4", [f"{t[:3]}-{t[3:5]}-{t[5:9]}" for t in tokens[30:40]]),
    ]
    llm = scripted_chat(label_everything("other"))
    hooks = RecordingHooks()
    classify_columns(columns, use_llm=True, llm=llm, hooks=hooks)
    sent = "\n".join(llm.prompt_texts())
    logged = "\n".join(message for _, message, _ in hooks.logs) + repr(hooks.events)
    assert llm.prompts, "the uncertain columns must have been described to the model"
    for column in columns:
        for value in column.values.to_pylist():
            for fragment in [value, *value.split()]:
                if len(fragment) >= 5:
                    assert fragment not in sent and fragment not in logged
