from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.download_link import DownloadLink
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    dataset_id: UUID,
    *,
    table: None | str | Unset = UNSET,
    x_api_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_api_key, Unset):
        headers["X-API-Key"] = x_api_key

    params: dict[str, Any] = {}

    json_table: None | str | Unset
    if isinstance(table, Unset):
        json_table = UNSET
    else:
        json_table = table
    params["table"] = json_table

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/dataset/{dataset_id}/download".format(
            dataset_id=quote(str(dataset_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[DownloadLink] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = DownloadLink.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[Problem | list[DownloadLink]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    dataset_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    table: None | str | Unset = UNSET,
    x_api_key: None | str | Unset = UNSET,
) -> Response[Problem | list[DownloadLink]]:
    """Download a table's Parquet file (?table=), or list every table's download link

    Args:
        dataset_id (UUID):
        table (None | str | Unset):
        x_api_key (None | str | Unset): API key

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[DownloadLink]]
    """

    kwargs = _get_kwargs(
        dataset_id=dataset_id,
        table=table,
        x_api_key=x_api_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    dataset_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    table: None | str | Unset = UNSET,
    x_api_key: None | str | Unset = UNSET,
) -> Problem | list[DownloadLink] | None:
    """Download a table's Parquet file (?table=), or list every table's download link

    Args:
        dataset_id (UUID):
        table (None | str | Unset):
        x_api_key (None | str | Unset): API key

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[DownloadLink]
    """

    return sync_detailed(
        dataset_id=dataset_id,
        client=client,
        table=table,
        x_api_key=x_api_key,
    ).parsed


async def asyncio_detailed(
    dataset_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    table: None | str | Unset = UNSET,
    x_api_key: None | str | Unset = UNSET,
) -> Response[Problem | list[DownloadLink]]:
    """Download a table's Parquet file (?table=), or list every table's download link

    Args:
        dataset_id (UUID):
        table (None | str | Unset):
        x_api_key (None | str | Unset): API key

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[DownloadLink]]
    """

    kwargs = _get_kwargs(
        dataset_id=dataset_id,
        table=table,
        x_api_key=x_api_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    dataset_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    table: None | str | Unset = UNSET,
    x_api_key: None | str | Unset = UNSET,
) -> Problem | list[DownloadLink] | None:
    """Download a table's Parquet file (?table=), or list every table's download link

    Args:
        dataset_id (UUID):
        table (None | str | Unset):
        x_api_key (None | str | Unset): API key

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[DownloadLink]
    """

    return (
        await asyncio_detailed(
            dataset_id=dataset_id,
            client=client,
            table=table,
            x_api_key=x_api_key,
        )
    ).parsed
