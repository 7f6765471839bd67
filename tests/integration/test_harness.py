"""The test harness itself: each real component answers."""

import boto3
import psycopg
import redis


def test_postgres_fresh_database_is_empty(fresh_db_url):
    with psycopg.connect(fresh_db_url) as conn:
        n = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0]
    assert n == 0


def test_redis_answers(redis_url):
    client = redis.Redis.from_url(redis_url)
    client.set("tdm:test:k", "v")
    assert client.get("tdm:test:k") == b"v"


def test_s3_speaks_http(s3_endpoint, s3_bucket_name):
    s3 = boto3.client(
        "s3",
        endpoint_url=s3_endpoint.url,
        aws_access_key_id=s3_endpoint.access_key,
        aws_secret_access_key=s3_endpoint.secret_key,
        region_name=s3_endpoint.region,
    )
    s3.create_bucket(Bucket=s3_bucket_name)
    s3.put_object(Bucket=s3_bucket_name, Key="a", Body=b"x")
    assert s3.get_object(Bucket=s3_bucket_name, Key="a")["Body"].read() == b"x"
