"""Media on an S3-compatible bucket, end to end against a real S3 server (moto's server
mode on loopback): the settings' STORAGES as production builds them with MEDIA_STORAGE=s3,
uploads through the portal's own forms, thumbnails, members-only materials."""

from __future__ import annotations

import contextlib
import io
import json
import os
import runpy
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import boto3
import pytest
from django.core.exceptions import SuspiciousOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from moto.server import ThreadedMotoServer
from PIL import Image

from accounts.models import Membership
from core.images import thumbnail_url
from core.storage import private_media
from members.models import Member
from tests.factories.accounts import MembershipFactory
from tests.factories.events import EventFactory, MaterialFactory, RegistrationFactory
from tests.factories.members import MemberFactory
from tests.members.test_company import profile_data

BASE_DIR = Path(__file__).resolve().parents[2]
BUCKET = "cluster-portal-media"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "portal-test", "AWS_SECRET_ACCESS_KEY": "portal-test-secret"}


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="eu-central-1", **_boto_credentials())
    # moto keeps its buckets per process: a second server in this process (pytest-xdist
    # may set the module up again) already has the bucket.
    with contextlib.suppress(client.exceptions.BucketAlreadyOwnedByYou):
        client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
    yield endpoint
    server.stop()


def _boto_credentials() -> dict:
    return {"aws_access_key_id": CREDENTIALS["AWS_ACCESS_KEY_ID"], "aws_secret_access_key": "portal-test-secret"}


def s3_environment(endpoint: str, **extra) -> dict[str, str]:
    return {
        "MEDIA_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "eu-central-1",
        **CREDENTIALS,
        **extra,
    }


@pytest.fixture
def s3_storages(settings, monkeypatch, s3_endpoint):
    """The STORAGES that cluster_portal/settings.py builds from the environment for S3."""
    for name, value in s3_environment(s3_endpoint).items():
        monkeypatch.setenv(name, value)
    built = runpy.run_path(str(BASE_DIR / "cluster_portal" / "settings.py"))["STORAGES"]
    settings.STORAGES = {**built, "staticfiles": settings.STORAGES["staticfiles"]}
    return s3_endpoint


def s3_object(key: str) -> dict:
    client = boto3.client("s3", endpoint_url=os.environ["AWS_S3_ENDPOINT_URL"], region_name="eu-central-1")
    return client.head_object(Bucket=BUCKET, Key=key)


def anonymous_get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - a loopback test server
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (64, 48), "#7a1f2b")
    exif = Image.Exif()
    exif[0x010F] = "Secret Camera Maker"  # Make
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


@pytest.mark.django_db
def test_s3_logo_upload_lands_public_in_bucket_with_thumbnail(client, s3_storages):
    membership = MembershipFactory(role=Membership.Role.EDITOR, member=MemberFactory(slug="kadr", name="Kadr"))
    client.force_login(membership.user)
    data = profile_data(membership.member)
    data["logo"] = SimpleUploadedFile("logo.jpg", jpeg_with_exif(), content_type="image/jpeg")

    response = client.post("/en/my-company/kadr/", data)

    assert response.status_code == 302
    member = Member.objects.get(pk=membership.member_id)
    assert member.logo.name.startswith("members/logos/logo")
    stored = s3_object(f"public/{member.logo.name}")
    assert stored["ContentType"] == "image/jpeg"
    url = member.logo.url
    assert url.startswith(f"{s3_storages}/{BUCKET}/public/members/logos/")
    assert "Signature" not in url
    status, body = anonymous_get(url)
    assert status == 200
    with Image.open(io.BytesIO(body)) as image:
        assert image.size == (64, 48)
    thumb = thumbnail_url(member.logo, 32, 24)
    assert thumb.startswith(f"{s3_storages}/{BUCKET}/public/")
    status, body = anonymous_get(thumb)
    assert status == 200
    with Image.open(io.BytesIO(body)) as image:
        assert image.size[0] <= 32
        assert 0x010F not in image.getexif()


@pytest.mark.django_db
def test_s3_invalid_logo_is_refused_and_nothing_reaches_the_bucket(client, s3_storages):
    membership = MembershipFactory(role=Membership.Role.EDITOR, member=MemberFactory(slug="kadr2", name="Kadr"))
    client.force_login(membership.user)
    data = profile_data(membership.member)
    data["logo"] = SimpleUploadedFile("evil.png", b"%PDF-1.4 not an image", content_type="image/png")

    response = client.post("/en/my-company/kadr2/", data)

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["logo"]
    listing = boto3.client("s3", endpoint_url=s3_storages, region_name="eu-central-1").list_objects_v2(
        Bucket=BUCKET, Prefix="public/members/logos/evil"
    )
    assert listing["KeyCount"] == 0


@pytest.mark.django_db
def test_s3_members_only_material_is_private_and_never_unsigned(client, s3_storages):

    member_user = MembershipFactory().user
    event = EventFactory()
    material = MaterialFactory(event=event, url="")
    material.file.save("slides.pdf", ContentFile(b"%PDF-1.4 members only"))
    RegistrationFactory(event=event, user=member_user, email=member_user.email)
    key = f"private/{material.file.name}"
    plain_url = f"{s3_storages}/{BUCKET}/{key}"

    acl = boto3.client("s3", endpoint_url=s3_storages, region_name="eu-central-1").get_object_acl(
        Bucket=BUCKET, Key=key
    )
    status_unsigned, _ = anonymous_get(plain_url)
    signed = material.file.url
    status_signed, body_signed = anonymous_get(signed)
    anonymous = client.get(f"/en/events/{event.slug}/materials/{material.pk}/")
    client.force_login(member_user)
    registered = client.get(f"/en/events/{event.slug}/materials/{material.pk}/")

    assert material.file.storage is private_media()
    assert all(grant["Grantee"].get("URI", "").endswith("AllUsers") is False for grant in acl["Grants"])
    assert status_unsigned == 403
    assert "X-Amz-Signature=" in signed
    assert "X-Amz-Expires=300" in signed
    assert (status_signed, body_signed) == (200, b"%PDF-1.4 members only")
    assert anonymous.status_code == 302
    assert registered.status_code == 200
    assert b"".join(registered.streaming_content) == b"%PDF-1.4 members only"


@pytest.mark.django_db
def test_s3_public_storage_cannot_reach_private_objects(s3_storages):
    private_name = storages["private"].save("events/materials/x/notes.txt", ContentFile(b"private"))

    public = default_storage

    with pytest.raises(SuspiciousOperation):
        public.open(f"../private/{private_name}")
    with pytest.raises(SuspiciousOperation):
        storages["private"].save("../public/members/logos/planted.png", ContentFile(b"x"))
    assert storages["private"].exists(private_name)


PRODUCTION_PROBE = """
import json
import django
from django.core.exceptions import SuspiciousOperation
django.setup()
from django.conf import settings
from django.core.files.storage import storages

results = {}
for alias in ("default", "private"):
    storage = storages[alias]
    results[alias] = {"backend": type(storage).__module__ + "." + type(storage).__name__,
                      "location": storage.location, "acl": storage.default_acl,
                      "signed": storage.querystring_auth}
    for name in ("../outside.txt", "../../etc/passwd", "/etc/passwd", "a/../../outside.txt"):
        try:
            storage.exists(name)
        except SuspiciousOperation:
            results[alias][name] = "refused"
        else:
            results[alias][name] = "allowed"
    try:
        storage.path("anything.txt")
    except NotImplementedError:
        results[alias]["local_path"] = "none"
    else:
        results[alias]["local_path"] = "exists"
print(json.dumps(results))
"""


def production_environment(**extra) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "MEDIA_", "AWS_", "PYTEST_", "PORTAL_TEST"))
    }
    env.update(
        DJANGO_ENV="production",
        DJANGO_SETTINGS_MODULE="cluster_portal.settings",
        SECRET_KEY="s3-probe-" + "k7Q9x2Lm4Rt8Vz1Nb6Wc3Yh5Jd0Pf" * 2,
        ALLOWED_HOSTS="portal.example.org",
        **extra,
    )
    return env


def test_production_settings_refuse_media_paths_outside_the_bucket(s3_endpoint):
    env = production_environment(**s3_environment(s3_endpoint))

    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", PRODUCTION_PROBE], env=env, cwd=BASE_DIR, capture_output=True, text=True, timeout=120
    )

    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    outside = ("../outside.txt", "../../etc/passwd", "/etc/passwd", "a/../../outside.txt")
    assert probe["default"] == {
        "backend": "core.storage.PortalS3Storage",
        "location": "public",
        "acl": "public-read",
        "signed": False,
        **dict.fromkeys(outside, "refused"),
        "local_path": "none",
    }
    assert probe["private"] == {
        "backend": "core.storage.PortalS3Storage",
        "location": "private",
        "acl": "private",
        "signed": True,
        **dict.fromkeys(outside, "refused"),
        "local_path": "none",
    }


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"MEDIA_STORAGE": "s3"}, "AWS_STORAGE_BUCKET_NAME"),
        ({"MEDIA_STORAGE": "ftp"}, "MEDIA_STORAGE must be local or s3"),
    ],
)
def test_production_settings_refuse_incomplete_media_configuration(extra, message):
    env = production_environment(**extra)

    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert message in result.stderr
