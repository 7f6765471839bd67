"""Streaming byte transport over S3: a multipart upload sink and a seekable ranged-read file."""

from __future__ import annotations

import io
from typing import Any

from tdm_dataset_store.s3_errors import translate_s3_errors


class MultipartUploadSink:
    """Buffers at most about one part in memory and uploads it as a multipart part.

    Nothing is visible under the key until ``commit`` completes the upload (or, for a file
    smaller than one part, puts it in a single request); ``abort`` aborts the upload, which
    makes S3 discard every part already sent.
    """

    def __init__(self, client: Any, bucket: str, key: str, part_size: int) -> None:
        self._client = client
        self._bucket = bucket
        self._key = key
        self._part_size = part_size
        self._buffer = bytearray()
        self._upload_id: str | None = None
        self._parts: list[dict[str, Any]] = []

    def write(self, data: bytes | memoryview) -> int:
        """Buffer ``data``; upload a part whenever a full part has accumulated."""
        self._buffer += data
        if len(self._buffer) >= self._part_size:
            self._upload_buffer()
        return len(data)

    def commit(self) -> None:
        """Upload what is left and complete the upload, publishing the object atomically."""
        with translate_s3_errors():
            if self._upload_id is None:
                self._client.put_object(Bucket=self._bucket, Key=self._key, Body=bytes(self._buffer))
                self._buffer.clear()
                return
            if self._buffer:
                self._upload_buffer()
            self._client.complete_multipart_upload(
                Bucket=self._bucket,
                Key=self._key,
                UploadId=self._upload_id,
                MultipartUpload={"Parts": self._parts},
            )

    def abort(self) -> None:
        """Abort the upload so no part lingers; the key keeps whatever it held before."""
        self._buffer.clear()
        if self._upload_id is None:
            return
        with translate_s3_errors():
            self._client.abort_multipart_upload(Bucket=self._bucket, Key=self._key, UploadId=self._upload_id)
        self._upload_id = None

    def _upload_buffer(self) -> None:
        with translate_s3_errors():
            if self._upload_id is None:
                created = self._client.create_multipart_upload(Bucket=self._bucket, Key=self._key)
                self._upload_id = created["UploadId"]
            part_number = len(self._parts) + 1
            response = self._client.upload_part(
                Bucket=self._bucket,
                Key=self._key,
                UploadId=self._upload_id,
                PartNumber=part_number,
                Body=bytes(self._buffer),
            )
        self._parts.append({"PartNumber": part_number, "ETag": response["ETag"]})
        self._buffer.clear()


class S3RangeReader(io.RawIOBase):
    """A seekable, read-only file over one S3 object, each read a ranged GET.

    Reads are pinned to the object's ETag, so an object replaced mid-read fails loudly
    instead of mixing bytes of two versions. Wrap it in ``io.BufferedReader`` for small reads.
    """

    def __init__(self, client: Any, bucket: str, key: str, size: int, etag: str) -> None:
        super().__init__()
        self._client = client
        self._bucket = bucket
        self._key = key
        self._size = size
        self._etag = etag
        self._position = 0

    def readable(self) -> bool:
        """Always readable."""
        return True

    def seekable(self) -> bool:
        """Always seekable: any offset is one ranged GET away."""
        return True

    def tell(self) -> int:
        """Current offset."""
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Move the offset like a regular file (past the end is allowed; reads there return nothing)."""
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self._size}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        self._position = base + offset
        return self._position

    def readall(self) -> bytes:
        """Everything from the offset to the end in one request (io's default reads 8 KiB at a time)."""
        remaining = max(self._size - self._position, 0)
        buffer = bytearray(remaining)
        received = self.readinto(buffer)
        return bytes(buffer[:received])

    def readinto(self, buffer: Any) -> int:
        """Fill ``buffer`` from the current offset with one ranged GET."""
        view = memoryview(buffer).cast("B")
        if self._position >= self._size or not view.nbytes:
            return 0
        last = min(self._position + view.nbytes, self._size) - 1
        with translate_s3_errors():
            response = self._client.get_object(
                Bucket=self._bucket, Key=self._key, Range=f"bytes={self._position}-{last}", IfMatch=self._etag
            )
            body = response["Body"]
            try:
                received = 0
                expected = last - self._position + 1
                while received < expected:
                    chunk = body.read(expected - received)
                    if not chunk:
                        break
                    view[received : received + len(chunk)] = chunk
                    received += len(chunk)
            finally:
                body.close()
        self._position += received
        return received
