"""Dataset store backend on an S3-compatible bucket (MinIO, AWS S3) through boto3."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any, BinaryIO

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from tdm_dataset_store import keys
from tdm_dataset_store.errors import DatasetNotFound, StoreUnavailable
from tdm_dataset_store.s3_errors import NOT_FOUND_CODES, error_code, translate_s3_errors
from tdm_dataset_store.s3_io import MultipartUploadSink, S3RangeReader
from tdm_dataset_store.settings import DatasetStoreSettings
from tdm_dataset_store.store import DatasetStore, VersionId

# Reads smaller than this fetch a whole block: sequential column chunks of a row group then
# cost one ranged GET instead of one each, for a bounded 8 MiB of buffer per open file.
_READ_BLOCK_BYTES = 8 << 20
_MAX_PRESIGN_SECONDS = 7 * 24 * 3600  # SigV4 limit
_DELETE_BATCH = 1000  # DeleteObjects accepts at most 1000 keys per request


def build_s3_client(settings: DatasetStoreSettings) -> Any:
    """A boto3 S3 client for the settings' endpoint, with retries and the configured addressing."""
    config = Config(
        signature_version="s3v4",
        s3={"addressing_style": settings.s3_addressing_style},
        retries={"max_attempts": settings.s3_max_attempts, "mode": "standard"},
        connect_timeout=10,
        read_timeout=120,
    )
    secret = settings.minio_secret_key.get_secret_value() if settings.minio_secret_key else None
    session = boto3.session.Session()
    return session.client(
        "s3",
        endpoint_url=settings.endpoint_url,
        aws_access_key_id=settings.minio_access_key,
        aws_secret_access_key=secret,
        region_name=settings.minio_region,
        config=config,
    )


class S3DatasetStore(DatasetStore):
    """Dataset versions as objects ``datasets/<version_id>/...`` in one bucket."""

    def __init__(
        self,
        client: Any,
        bucket: str,
        *,
        part_size: int = 8 * 1024 * 1024,
        create_bucket: bool = False,
        region: str = "us-east-1",
    ) -> None:
        self._client = client
        self.bucket = bucket
        self._part_size = part_size
        self._create_bucket = create_bucket
        self._region = region
        self._bucket_ready = False

    @classmethod
    def from_settings(cls, settings: DatasetStoreSettings) -> S3DatasetStore:
        """Build the store and its client from settings (no request is sent yet)."""
        return cls(
            build_s3_client(settings),
            settings.minio_bucket,
            part_size=settings.part_size,
            create_bucket=settings.minio_create_bucket,
            region=settings.minio_region,
        )

    def __repr__(self) -> str:
        return f"S3DatasetStore(bucket={self.bucket!r})"

    # ---- public, backend-specific --------------------------------------------------------

    def list_version_ids(self) -> list[str]:
        """Ids with objects or unfinished multipart uploads (both are worth sweeping)."""
        ids = {prefix.rstrip("/") for prefix in self._common_prefixes(keys.DATASETS_PREFIX)}
        ids.update(upload["Key"].split("/")[1] for upload in self._multipart_uploads(keys.DATASETS_PREFIX))
        return sorted(candidate for candidate in ids if keys.is_version_id(candidate))

    def download_url(self, version_id: VersionId, table: str, expires_s: int = 3600) -> str | None:
        """A presigned GET URL for the table file, valid ``expires_s`` seconds."""
        if not 1 <= expires_s <= _MAX_PRESIGN_SECONDS:
            raise ValueError(f"expires_s must be between 1 and {_MAX_PRESIGN_SECONDS}")
        key = self._readable_key(version_id, table, allow_incomplete=False)
        if not self._object_exists(key):
            raise DatasetNotFound(f"no object {key!r} in the dataset store")
        filename = key.rsplit("/", 1)[-1]
        with translate_s3_errors():
            url: str = self._client.generate_presigned_url(
                "get_object",
                Params={
                    "Bucket": self.bucket,
                    "Key": key,
                    "ResponseContentDisposition": f'attachment; filename="{filename}"',
                },
                ExpiresIn=expires_s,
            )
        return url

    def ping(self) -> None:
        """Check the endpoint answers and the bucket exists (creating it when allowed)."""
        self._bucket_ready = False
        self._ensure_bucket()

    # ---- primitives ----------------------------------------------------------------------

    def _open_sink(self, key: str) -> MultipartUploadSink:
        self._ensure_bucket()
        return MultipartUploadSink(self._client, self.bucket, key, self._part_size)

    def _open_reader(self, key: str) -> BinaryIO:
        head = self._head(key)
        if head is None:
            raise DatasetNotFound(f"no object {key!r} in the dataset store")
        raw = S3RangeReader(self._client, self.bucket, key, int(head["ContentLength"]), head["ETag"])
        return io.BufferedReader(raw, buffer_size=_READ_BLOCK_BYTES)

    def _get_bytes(self, key: str) -> bytes | None:
        with translate_s3_errors():
            try:
                response = self._client.get_object(Bucket=self.bucket, Key=key)
            except ClientError as exc:
                if error_code(exc) in NOT_FOUND_CODES | {"NoSuchBucket"}:
                    return None
                raise
            body = response["Body"]
            try:
                data: bytes = body.read()
            finally:
                body.close()
        return data

    def _put_bytes(self, key: str, data: bytes) -> None:
        self._ensure_bucket()
        with translate_s3_errors():
            self._client.put_object(Bucket=self.bucket, Key=key, Body=data)

    def _object_exists(self, key: str) -> bool:
        return self._head(key) is not None

    def _delete_object(self, key: str) -> None:
        with translate_s3_errors():
            try:
                self._client.delete_object(Bucket=self.bucket, Key=key)
            except ClientError as exc:
                if error_code(exc) != "NoSuchBucket":
                    raise

    def _delete_prefix(self, prefix: str) -> None:
        for upload in self._multipart_uploads(prefix):
            with translate_s3_errors():
                self._client.abort_multipart_upload(
                    Bucket=self.bucket, Key=upload["Key"], UploadId=upload["UploadId"]
                )
        batch: list[dict[str, str]] = []
        for key in self._keys_under(prefix):
            batch.append({"Key": key})
            if len(batch) == _DELETE_BATCH:
                self._delete_objects(batch)
                batch = []
        if batch:
            self._delete_objects(batch)

    def _list_names(self, prefix: str) -> list[str]:
        return [key[len(prefix) :] for key in self._keys_under(prefix, delimiter="/")]

    # ---- helpers -------------------------------------------------------------------------

    def _ensure_bucket(self) -> None:
        if self._bucket_ready:
            return
        with translate_s3_errors():
            try:
                self._client.head_bucket(Bucket=self.bucket)
            except ClientError as exc:
                if error_code(exc) not in NOT_FOUND_CODES | {"NoSuchBucket"}:
                    raise
                if not self._create_bucket:
                    raise StoreUnavailable(f"bucket {self.bucket!r} does not exist") from None
                self._create()
        self._bucket_ready = True

    def _create(self) -> None:
        arguments: dict[str, Any] = {"Bucket": self.bucket}
        if self._region != "us-east-1":  # us-east-1 rejects an explicit location constraint
            arguments["CreateBucketConfiguration"] = {"LocationConstraint": self._region}
        try:
            self._client.create_bucket(**arguments)
        except ClientError as exc:
            # Another process may have created it between our HEAD and CREATE.
            if error_code(exc) not in {"BucketAlreadyOwnedByYou", "BucketAlreadyExists"}:
                raise

    def _head(self, key: str) -> dict[str, Any] | None:
        with translate_s3_errors():
            try:
                head: dict[str, Any] = self._client.head_object(Bucket=self.bucket, Key=key)
            except ClientError as exc:
                if error_code(exc) in NOT_FOUND_CODES | {"NoSuchBucket"}:
                    return None
                raise
        return head

    def _delete_objects(self, batch: list[dict[str, str]]) -> None:
        with translate_s3_errors():
            response = self._client.delete_objects(
                Bucket=self.bucket, Delete={"Objects": batch, "Quiet": True}
            )
        if response.get("Errors"):
            codes = sorted({error.get("Code", "") for error in response["Errors"]})
            raise StoreUnavailable(
                f"S3 refused to delete {len(response['Errors'])} objects ({', '.join(codes)})"
            )

    def _pages(self, operation: str, **arguments: Any) -> Iterator[dict[str, Any]]:
        paginator = self._client.get_paginator(operation)
        with translate_s3_errors():
            try:
                yield from paginator.paginate(Bucket=self.bucket, **arguments)
            except ClientError as exc:
                # Listing a bucket that does not exist yet is listing nothing.
                if error_code(exc) != "NoSuchBucket":
                    raise

    def _keys_under(self, prefix: str, delimiter: str | None = None) -> Iterator[str]:
        arguments: dict[str, Any] = {"Prefix": prefix}
        if delimiter:
            arguments["Delimiter"] = delimiter
        for page in self._pages("list_objects_v2", **arguments):
            for item in page.get("Contents", []):
                yield item["Key"]

    def _common_prefixes(self, prefix: str) -> Iterator[str]:
        for page in self._pages("list_objects_v2", Prefix=prefix, Delimiter="/"):
            for item in page.get("CommonPrefixes", []):
                yield item["Prefix"][len(prefix) :]

    def _multipart_uploads(self, prefix: str) -> Iterator[dict[str, Any]]:
        for page in self._pages("list_multipart_uploads", Prefix=prefix):
            yield from page.get("Uploads", [])
