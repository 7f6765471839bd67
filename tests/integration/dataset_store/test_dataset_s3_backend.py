"""S3-only behaviour: multipart uploads, aborted uploads, bucket handling, unreachable endpoints."""

from __future__ import annotations

import uuid

import boto3
import numpy as np
import pyarrow as pa
import pytest

from tdm_dataset_store import StoreUnavailable, open_store
from tests.fixtures.datasets import s3_settings

pytestmark = pytest.mark.integration

PART = 5 * 1024 * 1024


def _raw_client(endpoint):
    return boto3.client(
        "s3",
        endpoint_url=endpoint.url,
        aws_access_key_id=endpoint.access_key,
        aws_secret_access_key=endpoint.secret_key,
        region_name=endpoint.region,
    )


def _incompressible_batches(count: int, rows: int = 200_000):
    """Random float batches (~1.6 MB each) that zstd cannot shrink, to force multipart parts."""
    rng = np.random.default_rng(3)
    for _ in range(count):
        yield pa.record_batch([pa.array(rng.random(rows))], names=["x"])


SCHEMA = pa.schema([("x", pa.float64())])


def test_large_table_goes_through_multipart_upload(s3_endpoint, s3_bucket_name):
    store = open_store(s3_settings(s3_endpoint, s3_bucket_name, part_size=PART))
    version = str(uuid.uuid4())
    info = store.write_table(version, "floats", _incompressible_batches(8), SCHEMA)
    assert info.bytes > 2 * PART
    head = _raw_client(s3_endpoint).head_object(Bucket=s3_bucket_name, Key=info.key)
    assert head["ContentLength"] == info.bytes
    assert "-" in head["ETag"]  # a multipart ETag is '<md5 of part md5s>-<part count>'
    total = sum(batch.num_rows for batch in store.read_table(version, "floats", allow_incomplete=True))
    assert total == 8 * 200_000


def test_aborted_upload_leaves_no_object_and_no_parts(s3_endpoint, s3_bucket_name):
    store = open_store(s3_settings(s3_endpoint, s3_bucket_name, part_size=PART))
    client = _raw_client(s3_endpoint)
    version = str(uuid.uuid4())
    observed_uploads = []

    def failing_batches():
        yield from _incompressible_batches(6)
        observed_uploads.extend(client.list_multipart_uploads(Bucket=s3_bucket_name).get("Uploads", []))
        raise ConnectionError("source went away")

    with pytest.raises(ConnectionError):
        store.write_table(version, "floats", failing_batches(), SCHEMA)

    assert len(observed_uploads) == 1  # parts had been sent before the failure
    assert client.list_multipart_uploads(Bucket=s3_bucket_name).get("Uploads", []) == []
    assert client.list_objects_v2(Bucket=s3_bucket_name).get("KeyCount", 0) == 0
    assert store.list_tables(version) == []


def test_abandoned_uploads_are_listed_for_sweeping_and_deleted_with_the_version(s3_endpoint, s3_bucket_name):
    store = open_store(s3_settings(s3_endpoint, s3_bucket_name))
    store.ping()  # creates the bucket
    client = _raw_client(s3_endpoint)
    version = str(uuid.uuid4())
    # A worker that died mid-upload leaves an open multipart upload and no object.
    client.create_multipart_upload(Bucket=s3_bucket_name, Key=f"datasets/{version}/orders.parquet")

    assert store.list_version_ids() == [version]
    store.delete_version(version)
    assert client.list_multipart_uploads(Bucket=s3_bucket_name).get("Uploads", []) == []
    assert store.list_version_ids() == []


def test_bucket_is_created_only_when_allowed(s3_endpoint, s3_bucket_name):
    refusing = open_store(s3_settings(s3_endpoint, s3_bucket_name, minio_create_bucket=False))
    with pytest.raises(StoreUnavailable, match="does not exist"):
        refusing.ping()
    with pytest.raises(StoreUnavailable):
        refusing.write_table(str(uuid.uuid4()), "orders", [], SCHEMA)
    assert refusing.list_version_ids() == []

    creating = open_store(s3_settings(s3_endpoint, s3_bucket_name))
    creating.ping()
    creating.ping()  # idempotent
    refusing.ping()  # the bucket exists now
    names = [bucket["Name"] for bucket in _raw_client(s3_endpoint).list_buckets()["Buckets"]]
    assert s3_bucket_name in names


def test_unreachable_endpoint_raises_store_unavailable_without_secrets(s3_endpoint):
    from tdm_api.stack.ports import free_port

    secret = "s3cr3t-" + uuid.uuid4().hex
    settings = s3_settings(
        s3_endpoint,
        "tdm-unreachable",
        minio_endpoint=f"127.0.0.1:{free_port()}",
        minio_secret_key=secret,
        s3_max_attempts=1,
    )
    store = open_store(settings)
    with pytest.raises(StoreUnavailable) as caught:
        store.ping()
    assert secret not in str(caught.value)
    assert caught.value.__cause__ is None
    with pytest.raises(StoreUnavailable):
        store.list_version_ids()
