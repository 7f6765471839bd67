"""Translate botocore failures into the store's own exceptions, with messages free of secrets."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

from tdm_dataset_store.errors import DatasetStoreError, StoreUnavailable

# Codes meaning "this store cannot be used as configured", as opposed to a missing object.
_UNAVAILABLE_CODES = frozenset(
    {
        "AccessDenied",
        "AllAccessDisabled",
        "InvalidAccessKeyId",
        "SignatureDoesNotMatch",
        "NoSuchBucket",
        "InvalidBucketName",
        "ServiceUnavailable",
        "SlowDown",
        "InternalError",
        "RequestTimeTooSkewed",
    }
)
NOT_FOUND_CODES = frozenset({"404", "NoSuchKey", "NotFound"})


def error_code(exc: ClientError) -> str:
    """The S3 error code of a ClientError ('' if absent)."""
    return str(exc.response.get("Error", {}).get("Code", ""))


@contextmanager
def translate_s3_errors() -> Iterator[None]:
    """Re-raise connection and permission failures as StoreUnavailable, others as DatasetStoreError.

    Only the exception class or S3 error code is kept: botocore messages can echo request
    details that do not belong in logs.
    """
    try:
        yield
    except NoCredentialsError:
        raise StoreUnavailable("no S3 credentials configured") from None
    except ClientError as exc:
        code = error_code(exc)
        if code in _UNAVAILABLE_CODES:
            raise StoreUnavailable(f"S3 refused the request ({code})") from None
        raise DatasetStoreError(f"S3 request failed ({code or 'unknown error'})") from None
    except BotoCoreError as exc:
        raise StoreUnavailable(f"S3 endpoint unreachable ({type(exc).__name__})") from None
