"""The one HTTP client of the `tdm` client commands: base URL, API key, problem details, exit codes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from tdm_api.cli.client.exit_codes import ExitCode, exit_code_for_status

API_PREFIX = "/api/v1"
# Reads are quick; job submission may wait for a database round trip. Streams set their own timeouts.
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)


class ClientError(Exception):
    """A request that did not succeed, with the one line to show and the exit code to end with."""

    def __init__(self, message: str, exit_code: ExitCode, problem: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.problem = problem


def describe_problem(response: httpx.Response) -> tuple[str, dict[str, Any] | None]:
    """One line from an error response: `<status> <title>: <detail>`, listing field errors if any."""
    problem: dict[str, Any] | None = None
    try:
        body = response.json()
        problem = body if isinstance(body, dict) else None
    except ValueError:
        problem = None
    if problem is None:
        return f"{response.status_code} {response.reason_phrase}", None
    title = problem.get("title") or response.reason_phrase
    detail = str(problem.get("detail") or "").strip()
    line = f"{response.status_code} {title}" + (f": {detail}" if detail else "")
    extra = [e for e in problem.get("errors") or [] if isinstance(e, dict)][1:]
    if extra:
        line += "; " + "; ".join(f"{e.get('field')}: {e.get('message')}" for e in extra[:5])
    return " ".join(line.split()), problem


class ApiClient:
    """Calls `<api_url>/api/v1/...` with the API key; errors become `ClientError`."""

    def __init__(
        self, api_url: str, api_key: str | None, transport: httpx.BaseTransport | None = None
    ) -> None:
        headers = {"Accept": "application/json", "User-Agent": "tdm-cli"}
        if api_key:
            headers["X-API-Key"] = api_key
        self.api_url = api_url.rstrip("/")
        self._transport = transport
        self._http = httpx.Client(
            base_url=self.api_url + API_PREFIX,
            headers=headers,
            timeout=DEFAULT_TIMEOUT,
            transport=transport,
            follow_redirects=True,
        )

    def keyless_client(self, timeout: httpx.Timeout) -> httpx.Client:
        """A client without the API key, for URLs the API hands out (presigned object-store URLs)."""
        return httpx.Client(timeout=timeout, follow_redirects=True, transport=self._transport)

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def request(
        self, method: str, path: str, *, json: Any = None, params: dict[str, Any] | None = None
    ) -> Any:
        """Send one request; returns the decoded JSON body (None for an empty body)."""
        clean_params = {k: v for k, v in (params or {}).items() if v is not None}
        with self._translate_errors():
            response = self._http.request(method, path, json=json, params=clean_params or None)
        self.raise_for_problem(response)
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise ClientError(
                f"the answer from {self.api_url} is not JSON: is it the TDM API?", ExitCode.UNREACHABLE
            ) from None

    def get(self, path: str, **params: Any) -> Any:
        """GET `path` with query parameters (None values are left out)."""
        return self.request("GET", path, params=params)

    def post(self, path: str, body: Any = None) -> Any:
        """POST a JSON body to `path`."""
        return self.request("POST", path, json=body if body is not None else {})

    def put(self, path: str, body: Any) -> Any:
        """PUT a JSON body to `path`."""
        return self.request("PUT", path, json=body)

    def delete(self, path: str) -> Any:
        """DELETE `path`."""
        return self.request("DELETE", path)

    @contextmanager
    def stream(
        self,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        params: dict[str, Any] | None = None,
        read_timeout: float | None = None,
        follow_redirects: bool = True,
    ) -> Iterator[httpx.Response]:
        """A streamed GET (Server-Sent Events, downloads); the response is checked before it is yielded."""
        timeout = httpx.Timeout(read_timeout, connect=5.0)
        with (
            self._translate_errors(),
            self._http.stream(
                "GET",
                path,
                headers=headers,
                params=params,
                timeout=timeout,
                follow_redirects=follow_redirects,
            ) as response,
        ):
            if response.is_error:
                response.read()
                self.raise_for_problem(response)
            yield response

    @staticmethod
    def raise_for_problem(response: httpx.Response) -> None:
        """Raise `ClientError` for a 4xx/5xx response, carrying its problem detail."""
        if not response.is_error:
            return
        line, problem = describe_problem(response)
        raise ClientError(line, exit_code_for_status(response.status_code), problem)

    @contextmanager
    def _translate_errors(self) -> Iterator[None]:
        try:
            yield
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            raise ClientError(
                f"cannot reach the TDM API at {self.api_url}: {_reason(exc)}", ExitCode.UNREACHABLE
            ) from None
        except httpx.TimeoutException:
            raise ClientError(
                f"the TDM API at {self.api_url} did not answer in time", ExitCode.UNREACHABLE
            ) from None
        except httpx.RemoteProtocolError as exc:
            raise ClientError(
                f"the TDM API at {self.api_url} closed the connection: {_reason(exc)}", ExitCode.UNREACHABLE
            ) from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            # Anything else on the way (bad URL scheme, TLS, proxy): the API cannot be used as given.
            raise ClientError(
                f"cannot use the TDM API at {self.api_url}: {_reason(exc)}", ExitCode.UNREACHABLE
            ) from None


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[-1] if text else type(exc).__name__
