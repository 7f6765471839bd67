"""Readers for the secrets-and-PII scan: everything a person or a program could see, as text or bytes.

Encrypted columns (names ending in `_encrypted`) are left out of the metadata dump on purpose: they
are where secrets belong. Statistics (min/max) inside stored schema snapshots are left out too: they
are stored metadata, a documented decision (docs/security.md, "Personal data").
"""

from __future__ import annotations

import json
from typing import Any

import psycopg
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer
from psycopg import sql

from tdm_cache.client import sync_client

# Per-column statistics of discovered schemas (`columns.stats_json`, `stats` inside snapshots).
STATS_COLUMNS = frozenset({"stats_json"})


def without_stats(value: Any) -> Any:
    """`value` with every `stats` member removed, at any depth."""
    if isinstance(value, dict):
        return {k: without_stats(v) for k, v in value.items() if k != "stats"}
    if isinstance(value, list):
        return [without_stats(v) for v in value]
    return value


def _decoded_blob(kind: str | None, blob: bytes) -> str:
    """A checkpoint blob as the worker wrote it, decoded, with snapshot statistics removed."""
    if not kind or kind == "empty":
        return ""
    value = JsonPlusSerializer().loads_typed((kind, blob))
    return json.dumps(without_stats(value), default=str)


def _table_text(conn: psycopg.Connection, schema: str, table: str) -> tuple[str, bytes]:
    cur = conn.execute(sql.SQL("SELECT * FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(table)))
    names = [d.name for d in cur.description]
    texts, blobs = [], bytearray()
    for row in cur:
        record = dict(zip(names, row, strict=True))
        for name in list(record):
            value = record[name]
            if name.endswith("_encrypted") or name in STATS_COLUMNS:
                del record[name]
            elif isinstance(value, (bytes, bytearray, memoryview)):
                # Binary columns are checkpoint blobs: decoded, and kept raw as well for a plain search
                # of the secrets (which no decision exempts).
                blobs += bytes(value)
                record[name] = _decoded_blob(record.get("type"), bytes(value))
            else:
                record[name] = without_stats(value)
        texts.append(json.dumps(record, default=str))
    return "\n".join(texts), bytes(blobs)


def metadata_dump(database_url: str) -> tuple[dict[str, str], bytes]:
    """(every table of the metadata database as JSON text by table name, raw bytes of binary columns)."""
    dump: dict[str, str] = {}
    raw = bytearray()
    with psycopg.connect(database_url) as conn:
        tables = conn.execute(
            "SELECT table_schema, table_name FROM information_schema.tables"
            " WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')"
        ).fetchall()
        for schema, table in tables:
            dump[f"table {table}"], blobs = _table_text(conn, schema, table)
            raw += blobs
    return dump, bytes(raw)


def redis_dump(redis_url: str) -> str:
    """Every key and value of the platform's Redis, whatever the type."""
    client = sync_client(redis_url)
    parts = []
    for key in client.scan_iter("*"):
        kind = client.type(key)
        kind = kind.decode() if isinstance(kind, bytes) else kind
        readers = {
            "string": lambda k: client.get(k),
            "hash": lambda k: client.hgetall(k),
            "list": lambda k: client.lrange(k, 0, -1),
            "set": lambda k: client.smembers(k),
            "zset": lambda k: client.zrange(k, 0, -1, withscores=True),
            "stream": lambda k: client.xrange(k),
        }
        value = readers[kind](key) if kind in readers else None
        parts.append(f"{key!r} {value!r}")
    return "\n".join(parts)


def hits(haystack: str | bytes, needles: dict[str, str]) -> list[str]:
    """Names of the needles found in `haystack` (names only: a test never prints a secret)."""
    if isinstance(haystack, bytes):
        return sorted(name for name, value in needles.items() if value.encode() in haystack)
    return sorted(name for name, value in needles.items() if value in haystack)
