from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.schema_detail import SchemaDetail
from ...types import UNSET, Response, Unset


def _get_kwargs(
    schema_id: UUID,
    *,
    version: int | None | Unset = UNSET,
    x_api_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_api_key, Unset):
        headers["X-API-Key"] = x_api_key

    params: dict[str, Any] = {}

    json_version: int | None | Unset
    if isinstance(version, Unset):
        json_version = UNSET
    else:
        json_version = version
    params["version"] = json_version

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/schema/{schema_id}".format(
            schema_id=quote(str(schema_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SchemaDetail | None:
    if response.status_code == 200:
        response_200 = SchemaDetail.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | SchemaDetail]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    schema_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    version: int | None | Unset = UNSET,
    x_api_key: None | str | Unset = UNSET,
) -> Response[Problem | SchemaDetail]:
    """A schema with its latest (or a given) version: tables, columns, keys, stats

    Args:
        schema_id (UUID):
        version (int | None | Unset): Version number (default: latest)
        x_api_key (None | str | Unset): API key

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SchemaDetail]
    """

    kwargs = _get_kwargs(
        schema_id=schema_id,
        version=version,
        x_api_key=x_api_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    schema_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    version: int | None | Unset = UNSET,
    x_api_key: None | str | Unset = UNSET,
) -> Problem | SchemaDetail | None:
    """A schema with its latest (or a given) version: tables, columns, keys, stats

    Args:
        schema_id (UUID):
        version (int | None | Unset): Version number (default: latest)
        x_api_key (None | str | Unset): API key

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SchemaDetail
    """

    return sync_detailed(
        schema_id=schema_id,
        client=client,
        version=version,
        x_api_key=x_api_key,
    ).parsed


async def asyncio_detailed(
    schema_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    version: int | None | Unset = UNSET,
    x_api_key: None | str | Unset = UNSET,
) -> Response[Problem | SchemaDetail]:
    """A schema with its latest (or a given) version: tables, columns, keys, stats

    Args:
        schema_id (UUID):
        version (int | None | Unset): Version number (default: latest)
        x_api_key (None | str | Unset): API key

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SchemaDetail]
    """

    kwargs = _get_kwargs(
        schema_id=schema_id,
        version=version,
        x_api_key=x_api_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    schema_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    version: int | None | Unset = UNSET,
    x_api_key: None | str | Unset = UNSET,
) -> Problem | SchemaDetail | None:
    """A schema with its latest (or a given) version: tables, columns, keys, stats

    Args:
        schema_id (UUID):
        version (int | None | Unset): Version number (default: latest)
        x_api_key (None | str | Unset): API key

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SchemaDetail
    """

    return (
        await asyncio_detailed(
            schema_id=schema_id,
            client=client,
            version=version,
            x_api_key=x_api_key,
        )
    ).parsed
