"""A local S3 server (moto's server mode, in this process, on a free port) and the
settings that store every file in a bucket of it, as ``STORAGE_BACKEND=s3`` does.

Import the fixtures with ``from tests.s3 import *``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

__all__ = ["s3_server", "s3_storage"]

BUCKET = "konsultacje-test"
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
REGION = "eu-central-1"


@pytest.fixture(scope="session")
def s3_server() -> Iterator[str]:
    """The address of a local S3 server, for the whole session."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@dataclass
class Bucket:
    client: Any
    name: str

    def keys(self) -> list[str]:
        listed = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    def read(self, key: str) -> bytes:
        return bytes(self.client.get_object(Bucket=self.name, Key=key)["Body"].read())

    def acl_grants(self, key: str) -> list[dict[str, Any]]:
        return list(self.client.get_object_acl(Bucket=self.name, Key=key)["Grants"])


@pytest.fixture
def s3_storage(s3_server, settings) -> Iterator[Bucket]:
    """Every file stored in an empty private bucket of the local S3 server, configured as
    ``config.settings.base`` configures ``STORAGE_BACKEND=s3``."""
    import boto3

    client = boto3.client("s3", endpoint_url=s3_server, region_name=REGION, **CREDENTIALS)
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    settings.STORAGE_BACKEND = "s3"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_server,
                "region_name": REGION,
                "access_key": CREDENTIALS["aws_access_key_id"],
                "secret_key": CREDENTIALS["aws_secret_access_key"],
                "addressing_style": "path",
                "location": "",
                "default_acl": None,
                "querystring_auth": False,
                "file_overwrite": False,
            },
        },
    }
    yield Bucket(client=client, name=BUCKET)
    listed = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    for item in listed:
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)
