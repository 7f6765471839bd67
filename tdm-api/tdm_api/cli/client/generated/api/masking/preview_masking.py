from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.preview_request import PreviewRequest
from ...models.preview_response import PreviewResponse
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: PreviewRequest,
    x_api_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_api_key, Unset):
        headers["X-API-Key"] = x_api_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/mask/preview",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PreviewResponse | Problem | None:
    if response.status_code == 200:
        response_200 = PreviewResponse.from_dict(response.json())

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
) -> Response[PreviewResponse | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PreviewRequest,
    x_api_key: None | str | Unset = UNSET,
) -> Response[PreviewResponse | Problem]:
    """A few rows of a table before and after masking (nothing is stored)

     Sample rows come from the dataset store (at most 20), or from the request's `rows`.

    Args:
        x_api_key (None | str | Unset): API key
        body (PreviewRequest): A few rows before and after masking: sample rows of a dataset
            version, rows you give, or (with
            only a schema version) a few rows read from the schema's source database.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PreviewResponse | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        x_api_key=x_api_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: PreviewRequest,
    x_api_key: None | str | Unset = UNSET,
) -> PreviewResponse | Problem | None:
    """A few rows of a table before and after masking (nothing is stored)

     Sample rows come from the dataset store (at most 20), or from the request's `rows`.

    Args:
        x_api_key (None | str | Unset): API key
        body (PreviewRequest): A few rows before and after masking: sample rows of a dataset
            version, rows you give, or (with
            only a schema version) a few rows read from the schema's source database.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PreviewResponse | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        x_api_key=x_api_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PreviewRequest,
    x_api_key: None | str | Unset = UNSET,
) -> Response[PreviewResponse | Problem]:
    """A few rows of a table before and after masking (nothing is stored)

     Sample rows come from the dataset store (at most 20), or from the request's `rows`.

    Args:
        x_api_key (None | str | Unset): API key
        body (PreviewRequest): A few rows before and after masking: sample rows of a dataset
            version, rows you give, or (with
            only a schema version) a few rows read from the schema's source database.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PreviewResponse | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        x_api_key=x_api_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: PreviewRequest,
    x_api_key: None | str | Unset = UNSET,
) -> PreviewResponse | Problem | None:
    """A few rows of a table before and after masking (nothing is stored)

     Sample rows come from the dataset store (at most 20), or from the request's `rows`.

    Args:
        x_api_key (None | str | Unset): API key
        body (PreviewRequest): A few rows before and after masking: sample rows of a dataset
            version, rows you give, or (with
            only a schema version) a few rows read from the schema's source database.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PreviewResponse | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_api_key=x_api_key,
        )
    ).parsed
