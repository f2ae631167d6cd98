"""Objects uploaded to S3 carry headers that never let a stored file render as a page,
checked against a real S3 server (moto's server mode on loopback)."""

from __future__ import annotations

import contextlib
import io
import urllib.request

import boto3
import pytest
from django.core.files.base import ContentFile
from moto.server import ThreadedMotoServer
from PIL import Image

from core.images import reencode_image
from core.storage import PortalS3Storage

BUCKET = "portal-headers"
KEYS = {"aws_access_key_id": "portal-test", "aws_secret_access_key": "portal-test-secret"}


@pytest.fixture(scope="module")
def s3_server():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="eu-central-1", **KEYS)
    with contextlib.suppress(client.exceptions.BucketAlreadyOwnedByYou):
        client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
    yield endpoint, client
    server.stop()


@pytest.fixture
def storage(s3_server):
    endpoint, _client = s3_server
    return PortalS3Storage(
        bucket_name=BUCKET, endpoint_url=endpoint, region_name="eu-central-1", access_key=KEYS["aws_access_key_id"],
        secret_key=KEYS["aws_secret_access_key"], location="public", default_acl="public-read",
        querystring_auth=False, addressing_style="path", file_overwrite=False,
    )  # fmt: skip


def stored_headers(s3_server, storage, name: str) -> dict:
    _endpoint, client = s3_server
    head = client.head_object(Bucket=BUCKET, Key=f"public/{name}")
    return {"type": head["ContentType"], "disposition": head.get("ContentDisposition"), "meta": head["Metadata"]}


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def test_reencoded_image_is_inline_with_its_formats_type_and_nosniff(s3_server, storage):
    data, extension = reencode_image(io.BytesIO(png_bytes()))
    name = storage.save(f"logos/firm.{extension}", ContentFile(data))

    assert stored_headers(s3_server, storage, name) == {
        "type": "image/png",
        "disposition": "inline",
        "meta": {"x-content-type-options": "nosniff"},
    }


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("materials/page.html", "application/octet-stream"),
        ("materials/drawing.svg", "application/octet-stream"),
        ("materials/notes.xml", "application/octet-stream"),
        ("materials/agenda.pdf", "application/pdf"),
        ("materials/no-extension", "application/octet-stream"),
    ],
)
def test_anything_but_an_image_is_an_attachment_that_never_renders(s3_server, storage, name, content_type):
    stored = storage.save(name, ContentFile(b"<html><script>alert(1)</script></html>"))

    headers = stored_headers(s3_server, storage, stored)

    filename = stored.rsplit("/", 1)[1]
    assert headers == {
        "type": content_type,
        "disposition": f'attachment; filename="{filename}"',
        "meta": {"x-content-type-options": "nosniff"},
    }


def test_bucket_serves_the_headers_set_on_upload(s3_server, storage):
    stored = storage.save("materials/page.html", ContentFile(b"<h1>hi</h1>"))

    with urllib.request.urlopen(storage.url(stored), timeout=10) as response:  # noqa: S310 - loopback S3
        served = response.headers

    assert served["Content-Type"] == "application/octet-stream"
    assert served["Content-Disposition"].startswith("attachment;")
    assert served["x-amz-meta-x-content-type-options"] == "nosniff"
