"""The LLM classifier's answer cache in Redis: answers are keyed by a signature of what was asked
(names, types and value shapes, never values) and kept for LLM_CACHE_TTL_S."""

from __future__ import annotations

import redis

from tdm_cache.keys import LLM_CACHE_TTL_S, llm_cache_key


class RedisLlmCache:
    """Answers under `tdm:llm:<namespace>:<signature>` for 30 days."""

    def __init__(self, client: redis.Redis, namespace: str = "pii") -> None:
        self.client = client
        self.namespace = namespace

    def _key(self, key: str) -> str:
        # The classifier namespaces its keys itself; keep only the signature and our namespace.
        return llm_cache_key(f"{self.namespace}:" + key.rsplit(":", 1)[-1])

    def get(self, key: str) -> str | bytes | None:
        """The cached answer (JSON), or None."""
        return self.client.get(self._key(key))  # type: ignore[return-value]

    def set(self, key: str, value: str) -> object:
        """Remember an answer for LLM_CACHE_TTL_S seconds."""
        return self.client.set(self._key(key), value, ex=LLM_CACHE_TTL_S)
