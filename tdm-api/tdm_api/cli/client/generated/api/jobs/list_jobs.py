from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_jobs_status_type_0 import (
    ListJobsStatusType0,
)
from ...models.operation import Operation
from ...models.page_job_out import PageJobOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    operation: list[Operation] | None | Unset = UNSET,
    status: ListJobsStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    x_api_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_api_key, Unset):
        headers["X-API-Key"] = x_api_key

    params: dict[str, Any] = {}

    json_operation: list[str] | None | Unset
    if isinstance(operation, Unset):
        json_operation = UNSET
    elif isinstance(operation, list):
        json_operation = []
        for operation_type_0_item_data in operation:
            operation_type_0_item: str = operation_type_0_item_data
            json_operation.append(operation_type_0_item)

    else:
        json_operation = operation
    params["operation"] = json_operation

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, str):
        json_status = status
    else:
        json_status = status
    params["status"] = json_status

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/jobs",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageJobOut | Problem | None:
    if response.status_code == 200:
        response_200 = PageJobOut.from_dict(response.json())

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
) -> Response[PageJobOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    operation: list[Operation] | None | Unset = UNSET,
    status: ListJobsStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    x_api_key: None | str | Unset = UNSET,
) -> Response[PageJobOut | Problem]:
    """List jobs, newest first

    Args:
        operation (list[Operation] | None | Unset): One or more operations (repeat the parameter)
        status (ListJobsStatusType0 | None | Unset):
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        x_api_key (None | str | Unset): API key

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageJobOut | Problem]
    """

    kwargs = _get_kwargs(
        operation=operation,
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
    operation: list[Operation] | None | Unset = UNSET,
    status: ListJobsStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    x_api_key: None | str | Unset = UNSET,
) -> PageJobOut | Problem | None:
    """List jobs, newest first

    Args:
        operation (list[Operation] | None | Unset): One or more operations (repeat the parameter)
        status (ListJobsStatusType0 | None | Unset):
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        x_api_key (None | str | Unset): API key

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageJobOut | Problem
    """

    return sync_detailed(
        client=client,
        operation=operation,
        status=status,
        limit=limit,
        offset=offset,
        x_api_key=x_api_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    operation: list[Operation] | None | Unset = UNSET,
    status: ListJobsStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    x_api_key: None | str | Unset = UNSET,
) -> Response[PageJobOut | Problem]:
    """List jobs, newest first

    Args:
        operation (list[Operation] | None | Unset): One or more operations (repeat the parameter)
        status (ListJobsStatusType0 | None | Unset):
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        x_api_key (None | str | Unset): API key

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageJobOut | Problem]
    """

    kwargs = _get_kwargs(
        operation=operation,
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
    operation: list[Operation] | None | Unset = UNSET,
    status: ListJobsStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    x_api_key: None | str | Unset = UNSET,
) -> PageJobOut | Problem | None:
    """List jobs, newest first

    Args:
        operation (list[Operation] | None | Unset): One or more operations (repeat the parameter)
        status (ListJobsStatusType0 | None | Unset):
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        x_api_key (None | str | Unset): API key

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageJobOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            operation=operation,
            status=status,
            limit=limit,
            offset=offset,
            x_api_key=x_api_key,
        )
    ).parsed
