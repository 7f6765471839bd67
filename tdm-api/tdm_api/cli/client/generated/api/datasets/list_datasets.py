from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_dataset_out import PageDatasetOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    source_type: None | str | Unset = UNSET,
    schema_version_id: None | Unset | UUID = UNSET,
    status: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    x_api_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_api_key, Unset):
        headers["X-API-Key"] = x_api_key

    params: dict[str, Any] = {}

    json_source_type: None | str | Unset
    if isinstance(source_type, Unset):
        json_source_type = UNSET
    else:
        json_source_type = source_type
    params["source_type"] = json_source_type

    json_schema_version_id: None | str | Unset
    if isinstance(schema_version_id, Unset):
        json_schema_version_id = UNSET
    elif isinstance(schema_version_id, UUID):
        json_schema_version_id = str(schema_version_id)
    else:
        json_schema_version_id = schema_version_id
    params["schema_version_id"] = json_schema_version_id

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    else:
        json_status = status
    params["status"] = json_status

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/datasets",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageDatasetOut | Problem | None:
    if response.status_code == 200:
        response_200 = PageDatasetOut.from_dict(response.json())

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
) -> Response[PageDatasetOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    source_type: None | str | Unset = UNSET,
    schema_version_id: None | Unset | UUID = UNSET,
    status: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    x_api_key: None | str | Unset = UNSET,
) -> Response[PageDatasetOut | Problem]:
    """List dataset versions, newest first

    Args:
        source_type (None | str | Unset): One of subset, masked, synthetic, imported
        schema_version_id (None | Unset | UUID):
        status (None | str | Unset): One of pending, writing, ready, failed, deleted
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        x_api_key (None | str | Unset): API key

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageDatasetOut | Problem]
    """

    kwargs = _get_kwargs(
        source_type=source_type,
        schema_version_id=schema_version_id,
        status=status,
        limit=limit,
        offset=offset,
        x_api_key=x_api_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    source_type: None | str | Unset = UNSET,
    schema_version_id: None | Unset | UUID = UNSET,
    status: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    x_api_key: None | str | Unset = UNSET,
) -> PageDatasetOut | Problem | None:
    """List dataset versions, newest first

    Args:
        source_type (None | str | Unset): One of subset, masked, synthetic, imported
        schema_version_id (None | Unset | UUID):
        status (None | str | Unset): One of pending, writing, ready, failed, deleted
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        x_api_key (None | str | Unset): API key

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageDatasetOut | Problem
    """

    return sync_detailed(
        client=client,
        source_type=source_type,
        schema_version_id=schema_version_id,
        status=status,
        limit=limit,
        offset=offset,
        x_api_key=x_api_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    source_type: None | str | Unset = UNSET,
    schema_version_id: None | Unset | UUID = UNSET,
    status: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    x_api_key: None | str | Unset = UNSET,
) -> Response[PageDatasetOut | Problem]:
    """List dataset versions, newest first

    Args:
        source_type (None | str | Unset): One of subset, masked, synthetic, imported
        schema_version_id (None | Unset | UUID):
        status (None | str | Unset): One of pending, writing, ready, failed, deleted
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        x_api_key (None | str | Unset): API key

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageDatasetOut | Problem]
    """

    kwargs = _get_kwargs(
        source_type=source_type,
        schema_version_id=schema_version_id,
        status=status,
        limit=limit,
        offset=offset,
        x_api_key=x_api_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    source_type: None | str | Unset = UNSET,
    schema_version_id: None | Unset | UUID = UNSET,
    status: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    x_api_key: None | str | Unset = UNSET,
) -> PageDatasetOut | Problem | None:
    """List dataset versions, newest first

    Args:
        source_type (None | str | Unset): One of subset, masked, synthetic, imported
        schema_version_id (None | Unset | UUID):
        status (None | str | Unset): One of pending, writing, ready, failed, deleted
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        x_api_key (None | str | Unset): API key

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageDatasetOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            source_type=source_type,
            schema_version_id=schema_version_id,
            status=status,
            limit=limit,
            offset=offset,
            x_api_key=x_api_key,
        )
    ).parsed
