"""The one HTTP client of the `tdm` client commands: the generated API client with base URL, API key,
problem details and exit codes.

Calls go through `tdm_api.cli.client.generated` (made by `make openapi` from docs/openapi.json), so
paths, parameters and bodies follow the spec. An error status becomes `ClientError` in a response hook,
before the generated code parses the body; commands print the JSON exactly as the API sent it and read
the fields they branch on from the typed model.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar
from uuid import UUID

import httpx
from httpx_sse import EventSource, connect_sse

from tdm_api.cli.client.exit_codes import ExitCode, exit_code_for_status
from tdm_api.cli.client.generated import Client
from tdm_api.cli.client.generated.types import Response

# Reads are quick; job submission may wait for a database round trip. Streams set their own timeouts.
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)

M = TypeVar("M")


class ClientError(Exception):
    """A request that did not succeed, with the one line to show and the exit code to end with."""

    def __init__(self, message: str, exit_code: ExitCode, problem: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.problem = problem


def parse_id(value: str, what: str) -> UUID:
    """An id given on the command line as the UUID the API's paths take; anything else is the caller's to fix."""
    try:
        return UUID(value)
    except ValueError:
        raise ClientError(f"{what} must be a UUID", ExitCode.INVALID_REQUEST) from None


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


def raise_for_problem(response: httpx.Response) -> None:
    """Raise `ClientError` for a 4xx/5xx response, carrying its problem detail."""
    if not response.is_error:
        return
    response.read()
    line, problem = describe_problem(response)
    raise ClientError(line, exit_code_for_status(response.status_code), problem)


@dataclass(frozen=True)
class Answer:
    """A successful call: the generated client's typed model and the JSON exactly as the API sent it."""

    parsed: Any
    data: Any

    def model(self, kind: type[M]) -> M:
        """The typed answer, checked to be a `kind` (a model of the generated client)."""
        if not isinstance(self.parsed, kind):
            raise ClientError(
                f"the TDM API answered with something other than a {kind.__name__}", ExitCode.UNREACHABLE
            )
        return self.parsed


class ApiClient:
    """Calls the TDM API at `api_url` with the API key through the generated client."""

    def __init__(
        self, api_url: str, api_key: str | None, transport: httpx.BaseTransport | None = None
    ) -> None:
        headers = {"Accept": "application/json", "User-Agent": "tdm-cli"}
        if api_key:
            headers["X-API-Key"] = api_key
        self.api_url = api_url.rstrip("/")
        self._transport = transport
        self._http = httpx.Client(
            base_url=self.api_url,
            headers=headers,
            timeout=DEFAULT_TIMEOUT,
            transport=transport,
            follow_redirects=True,
            event_hooks={"response": [raise_for_problem]},
        )
        self.api = Client(base_url=self.api_url).set_httpx_client(self._http)

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

    def call(self, endpoint: Callable[..., Response[Any]], *args: Any, **kwargs: Any) -> Answer:
        """Run a generated endpoint's `sync_detailed` with this client; errors become `ClientError`."""
        with self._translate_errors():
            try:
                response = endpoint(*args, client=self.api, **kwargs)
            except json.JSONDecodeError:
                raise ClientError(
                    f"the answer from {self.api_url} is not JSON: is it the TDM API?", ExitCode.UNREACHABLE
                ) from None
            except (KeyError, ValueError, TypeError) as exc:
                raise ClientError(
                    f"the answer from {self.api_url} does not match docs/openapi.json ({exc}): "
                    "are the CLI and the API the same version?",
                    ExitCode.UNREACHABLE,
                ) from None
        data = json.loads(response.content) if response.content else None
        return Answer(response.parsed, data)

    @contextmanager
    def stream(
        self,
        request: dict[str, Any],
        *,
        read_timeout: float | None = None,
        follow_redirects: bool = True,
    ) -> Iterator[httpx.Response]:
        """A streamed request (downloads) built by a generated endpoint's `_get_kwargs`; errors raise."""
        timeout = httpx.Timeout(read_timeout, connect=5.0)
        with (
            self._translate_errors(),
            self._http.stream(**request, timeout=timeout, follow_redirects=follow_redirects) as response,
        ):
            yield response

    @contextmanager
    def events(self, request: dict[str, Any], *, read_timeout: float) -> Iterator[EventSource]:
        """A Server-Sent Events stream (httpx-sse) for a request built by a generated `_get_kwargs`."""
        method, url = request["method"], request["url"]
        rest = {k: v for k, v in request.items() if k not in ("method", "url")}
        with (
            self._translate_errors(),
            connect_sse(
                self._http, method.upper(), url, timeout=httpx.Timeout(read_timeout, connect=5.0), **rest
            ) as source,
        ):
            yield source

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
            # Anything else on the way (bad URL scheme, TLS, proxy, not an event stream): the API
            # cannot be used as given.
            raise ClientError(
                f"cannot use the TDM API at {self.api_url}: {_reason(exc)}", ExitCode.UNREACHABLE
            ) from None


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[-1] if text else type(exc).__name__
