"""Request-size guard: a body over the limit gets 413 before it is read into memory."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tdm_api.errors import problem


class BodySizeLimit:
    """Refuses bodies larger than `max_bytes` (by Content-Length, or while streaming without one)."""

    def __init__(self, app: ASGIApp, max_bytes: int, upload_max_bytes: int | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.upload_max_bytes = upload_max_bytes or max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        content_type = headers.get(b"content-type", b"").decode("latin-1")
        limit = self.upload_max_bytes if content_type.startswith("multipart/") else self.max_bytes
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            await _too_large(limit)(scope, receive, send)
            return
        received = 0
        too_large = False
        replaced = False

        async def limited_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    too_large = True
                    raise _TooLarge()
            return message

        async def guarded_send(message: Message) -> None:
            # Frameworks turn an error while reading the body into their own 400; the answer to a
            # body over the limit is 413 whoever caught the interruption.
            nonlocal replaced
            if not too_large:
                await send(message)
            elif message["type"] == "http.response.start" and not replaced:
                replaced = True
                await _too_large(limit)(scope, receive, send)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _TooLarge:
            if not replaced:
                await _too_large(limit)(scope, receive, send)


def _too_large(limit: int) -> ASGIApp:
    return problem(413, f"Request body exceeds {limit} bytes.")


class _TooLarge(Exception):
    pass
