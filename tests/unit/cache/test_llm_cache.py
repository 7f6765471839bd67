"""The LLM answer cache keeps answers under the platform's key pattern, with a TTL."""

from __future__ import annotations

from tdm_cache.client import sync_client
from tdm_cache.llm_cache import RedisLlmCache


def test_llm_answers_are_cached_under_the_platform_key_with_a_ttl(redis_url):
    client = sync_client(redis_url)
    cache = RedisLlmCache(client)
    cache.set("tdm:pii:llm:abc123", '{"label": "email"}')
    assert client.get("tdm:llm:pii:abc123") == cache.get("tdm:pii:llm:abc123")
    assert 29 * 24 * 3600 < client.ttl("tdm:llm:pii:abc123") <= 30 * 24 * 3600
    client.close()
