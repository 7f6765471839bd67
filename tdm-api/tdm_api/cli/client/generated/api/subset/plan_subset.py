from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.subset_job_request import SubsetJobRequest
from ...models.subset_plan_response import SubsetPlanResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: SubsetJobRequest,
    x_api_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_api_key, Unset):
        headers["X-API-Key"] = x_api_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/subset/plan",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem | SubsetPlanResponse | None:
    if response.status_code == 200:
        response_200 = SubsetPlanResponse.from_dict(response.json())

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

    if response.status_code == 503:
        response_503 = cast(Any, None)
        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | Problem | SubsetPlanResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SubsetJobRequest,
    x_api_key: None | str | Unset = UNSET,
) -> Response[Any | Problem | SubsetPlanResponse]:
    """Dry run: traversal order, estimated rows and bytes, caps, cycles, missing indexes

     Plan against the source's statistics without extracting (bounded by a 30 s timeout).

    Args:
        x_api_key (None | str | Unset): API key
        body (SubsetJobRequest): Body of `POST /subset` and `POST /subset/plan`.

            The source is `connection_id`, or `connection_string` (stored encrypted as a connection
            for a
            job, used only in memory for a plan), or neither: then the schema's own source connection.
            Filter values are bound parameters, never spliced into SQL.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | SubsetPlanResponse]
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
    body: SubsetJobRequest,
    x_api_key: None | str | Unset = UNSET,
) -> Any | Problem | SubsetPlanResponse | None:
    """Dry run: traversal order, estimated rows and bytes, caps, cycles, missing indexes

     Plan against the source's statistics without extracting (bounded by a 30 s timeout).

    Args:
        x_api_key (None | str | Unset): API key
        body (SubsetJobRequest): Body of `POST /subset` and `POST /subset/plan`.

            The source is `connection_id`, or `connection_string` (stored encrypted as a connection
            for a
            job, used only in memory for a plan), or neither: then the schema's own source connection.
            Filter values are bound parameters, never spliced into SQL.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | SubsetPlanResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        x_api_key=x_api_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SubsetJobRequest,
    x_api_key: None | str | Unset = UNSET,
) -> Response[Any | Problem | SubsetPlanResponse]:
    """Dry run: traversal order, estimated rows and bytes, caps, cycles, missing indexes

     Plan against the source's statistics without extracting (bounded by a 30 s timeout).

    Args:
        x_api_key (None | str | Unset): API key
        body (SubsetJobRequest): Body of `POST /subset` and `POST /subset/plan`.

            The source is `connection_id`, or `connection_string` (stored encrypted as a connection
            for a
            job, used only in memory for a plan), or neither: then the schema's own source connection.
            Filter values are bound parameters, never spliced into SQL.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | SubsetPlanResponse]
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
    body: SubsetJobRequest,
    x_api_key: None | str | Unset = UNSET,
) -> Any | Problem | SubsetPlanResponse | None:
    """Dry run: traversal order, estimated rows and bytes, caps, cycles, missing indexes

     Plan against the source's statistics without extracting (bounded by a 30 s timeout).

    Args:
        x_api_key (None | str | Unset): API key
        body (SubsetJobRequest): Body of `POST /subset` and `POST /subset/plan`.

            The source is `connection_id`, or `connection_string` (stored encrypted as a connection
            for a
            job, used only in memory for a plan), or neither: then the schema's own source connection.
            Filter values are bound parameters, never spliced into SQL.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | SubsetPlanResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_api_key=x_api_key,
        )
    ).parsed
