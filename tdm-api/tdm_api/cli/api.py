"""`tdm api`: serve the REST API (and the built portal) with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer


def api(
    host: Annotated[
        str | None, typer.Option(help="Interface to bind [default: TDM_API_HOST or 127.0.0.1].")
    ] = None,
    port: Annotated[
        int | None, typer.Option(min=1, max=65535, help="Port [default: TDM_API_PORT or 8000].")
    ] = None,
    workers: Annotated[int, typer.Option(min=1, max=64, help="uvicorn worker processes.")] = 1,
) -> None:
    """Serve the API at /api/v1 and the portal at /."""
    import uvicorn

    from tdm_api.settings import get_settings

    settings = get_settings()
    uvicorn.run(
        "tdm_api.main:app_from_environment",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        log_level="info",
        proxy_headers=True,
        access_log=False,
    )


def register(app: typer.Typer) -> None:
    """Add `tdm api` to the CLI."""
    app.command("api")(api)
