"""Streaming a dataset download to disk: per-table Parquet files from the API or presigned URLs.

`GET /dataset/{id}/download?table=t` streams the file or redirects (307) to a presigned URL;
without `table` it lists every table's download link. Redirects are followed by hand, with a
client that carries no API key: the key must never travel to the object store.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx

from tdm_api.cli.client.exit_codes import ExitCode
from tdm_api.cli.client.generated.api.datasets import download_dataset
from tdm_api.cli.client.generated.models import DownloadLink
from tdm_api.cli.client.http import ApiClient, ClientError, parse_id, raise_for_problem

DOWNLOAD_CHUNK = 1 << 20
DOWNLOAD_TIMEOUT_S = 120.0
REDIRECTS = {301, 302, 303, 307, 308}
_FILENAME = re.compile(r'filename\*?=(?:UTF-8\'\')?"?([^";]+)"?', re.IGNORECASE)


def safe_name(name: str) -> str:
    """The last path component of a server-supplied name: it may not choose the directory."""
    leaf = Path(name.replace("\\", "/")).name
    return leaf if leaf not in ("", ".", "..") else "download"


def write_stream(response: httpx.Response, target: Path) -> int:
    """Write a response body to `target` chunk by chunk (via a `.part` file); returns the bytes written."""
    partial = target.with_name(target.name + ".part")
    written = 0
    try:
        with partial.open("wb") as handle:
            for chunk in response.iter_bytes(DOWNLOAD_CHUNK):
                handle.write(chunk)
                written += len(chunk)
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ClientError(f"cannot write {target}: {exc.strerror}", ExitCode.FAILED) from None
    return written


def _from_presigned(client: ApiClient, url: str, target: Path) -> int:
    with client.keyless_client(httpx.Timeout(DOWNLOAD_TIMEOUT_S, connect=10.0)) as plain:
        try:
            with plain.stream("GET", url) as response:
                raise_for_problem(response)
                return write_stream(response, target)
        except httpx.TransportError as exc:
            raise ClientError(
                f"cannot fetch the presigned file: {type(exc).__name__}", ExitCode.UNREACHABLE
            ) from None


def download_table(client: ApiClient, dataset_id: str, table: str, target_dir: Path) -> dict[str, Any]:
    """Download one table's Parquet file into `target_dir`; returns its path and size."""
    # The spec describes this endpoint's answer as JSON; a file is streamed with its request instead.
    request = download_dataset._get_kwargs(parse_id(dataset_id, "the dataset version id"), table=table)
    with client.stream(request, read_timeout=DOWNLOAD_TIMEOUT_S, follow_redirects=False) as response:
        match = _FILENAME.search(response.headers.get("content-disposition") or "")
        target = target_dir / (safe_name(match.group(1)) if match else safe_name(table) + ".parquet")
        if response.status_code in REDIRECTS:
            written = _from_presigned(client, response.headers["location"], target)
        else:
            written = write_stream(response, target)
    return {"table": table, "path": str(target), "bytes": written}


def download(client: ApiClient, dataset_id: str, table: str | None, to: Path | None) -> list[dict[str, Any]]:
    """Download one table or every table of a dataset version into `to` (default: ./<dataset id>/)."""
    target_dir = to or Path(dataset_id)
    target_dir.mkdir(parents=True, exist_ok=True)
    if table is not None:
        return [download_table(client, dataset_id, table, target_dir)]
    links = client.call(download_dataset.sync_detailed, dataset_id).parsed
    tables = [link.table for link in links or [] if isinstance(link, DownloadLink) and link.table]
    if not tables:
        raise ClientError("the dataset version lists no files to download", ExitCode.FAILED)
    return [download_table(client, dataset_id, name, target_dir) for name in tables]
