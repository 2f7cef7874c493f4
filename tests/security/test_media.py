"""Media doors: absurd filter specs answer 4xx, private documents reach only those allowed.

Every door that takes a filter spec or hands out a document is asked as an attacker would:
the admin's image preview (the only URL that takes a spec: Wagtail's dynamic image serve view is
not mounted, so its URL generator answers 404), the image tags, Wagtail's document serve view,
the development server's `/media/` and the S3 bucket itself (moto's server, which checks ACLs).
"""

import io
import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.core.test_storage_s3 import CREDENTIALS, create_bucket, s3_endpoint  # noqa: F401

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n% Vertrauliche Preisliste\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def png(size) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (40, 90, 60)).save(buffer, "PNG")
    return buffer.getvalue()


def make_image(title="Werkstatt"):
    return get_image_model().objects.create(
        title=title, file=ContentFile(png((800, 600)), name="werkstatt.png")
    )


# --- Filter specs ---------------------------------------------------------------------------

ABSURD_SPECS = [
    "fill-1x99999999",
    "fill-99999999x1",
    "fill-0x0",
    "width-99999999",
    "width-0",
    "height-0",
    "max-0x0",
    "min-99999x99999",
    "scale-99999",
    "fill-100",
    "fill-axb",
    "width-",
    "unsinn-1",
]


@pytest.mark.parametrize("spec", ABSURD_SPECS)
def test_the_admin_image_preview_answers_400_to_an_absurd_spec(admin_client, media, spec):
    image = make_image()
    response = admin_client.get(reverse("wagtailimages:preview", args=(image.pk, spec)))
    assert response.status_code == 400
    assert image.renditions.count() == 0


def test_the_admin_image_preview_still_shows_a_sane_spec(admin_client, media):
    image = make_image()
    response = admin_client.get(reverse("wagtailimages:preview", args=(image.pk, "fill-400x300")))
    assert response.status_code == 200
    with PILImage.open(io.BytesIO(b"".join(response.streaming_content))) as preview:
        assert preview.size == (400, 300)


def test_no_public_url_takes_a_filter_spec(admin_client, client, media):
    image = make_image()
    with pytest.raises(NoReverseMatch):
        reverse("wagtailimages_serve", args=("signature", image.pk, "fill-1x99999999"))
    # The admin's URL generator exists only for that serve view. (A 404 outside the language
    # prefixes is first redirected into one, where it is a 404 again.)
    generator = reverse("wagtailimages:url_generator", args=(image.pk,))
    assert admin_client.get(generator, follow=True).status_code == 404
    response = client.get(f"/images/abc/{image.pk}/fill-1x99999999/", follow=True)
    assert response.status_code == 404


@pytest.mark.parametrize("tag", ["image", "picture", "srcset_image"])
def test_an_image_tag_with_an_absurd_spec_leaves_the_image_out(media, caplog, tag):
    image = make_image()
    template = Template(
        "{% load wagtailimages_tags %}<p>vorher</p>"
        f"{{% {tag} image fill-1x99999999 %}}"
        "<p>nachher</p>"
    )
    with caplog.at_level("ERROR", logger="core.images"):
        html = template.render(Context({"image": image}))
    assert html == "<p>vorher</p><p>nachher</p>"
    assert [r.image_id for r in caplog.records if r.event == "image_rendition_failed"] == [image.pk]
    assert image.renditions.count() == 0


# --- Private documents ----------------------------------------------------------------------


def private_collection(kind: str) -> Collection:
    collection = Collection.get_first_root_node().add_child(name=f"Intern ({kind})")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=kind, password="geheim-2026"
    )
    if kind == CollectionViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.create(name="Presse")])
    return collection


def allowed_client(client, django_user_model, kind, document):
    """A client that passes the collection's restriction the way a visitor would."""
    if kind == CollectionViewRestriction.PASSWORD:
        restriction = document.collection.get_view_restrictions().get()
        response = client.post(
            reverse("wagtaildocs_authenticate_with_password", args=(restriction.pk,)),
            {"password": "geheim-2026", "return_url": document.url},
        )
        assert response.status_code == 302
    else:
        user = django_user_model.objects.create_user("presse", "presse@example.org", "pw-presse")
        if kind == CollectionViewRestriction.GROUPS:
            user.groups.add(Group.objects.get(name="Presse"))
        client.force_login(user)
    return client


def refuses_anonymously(response, kind):
    """A password form or the way to the login, never the document's bytes."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"Vertrauliche Preisliste" not in body
    assert "no-store" in response["Cache-Control"], "no shared cache keeps the answer"
    if kind == CollectionViewRestriction.PASSWORD:
        assert response.status_code == 200
        assert b'name="password"' in body
    else:
        assert response.status_code == 302
        assert "/login/" in response["Location"]


def download(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content)


PRIVATE_KINDS = [
    CollectionViewRestriction.PASSWORD,
    CollectionViewRestriction.LOGIN,
    CollectionViewRestriction.GROUPS,
]


@pytest.mark.parametrize("kind", PRIVATE_KINDS)
def test_a_private_document_on_disk_reaches_only_those_allowed(
    client, django_user_model, media, settings, kind
):
    settings.SERVE_MEDIA = True  # the development server's /media/, which must skip documents
    document = get_document_model().objects.create(
        title="Preisliste",
        file=ContentFile(PDF, name="preisliste.pdf"),
        collection=private_collection(kind),
    )
    assert (media / document.file.name).read_bytes() == PDF

    refuses_anonymously(client.get(document.url), kind)
    for path in (
        f"/media/{document.file.name}",
        f"/media/original_images/../{document.file.name}",
        f"/media/./{document.file.name}",
        f"/media//{document.file.name}",
        "/media/documents/",
    ):
        response = client.get(path, follow=True)
        assert response.status_code == 404, path
        assert b"Vertrauliche Preisliste" not in response.content
    # The same door still serves the public media it is there for.
    image = make_image()
    assert download(client.get(f"/media/{image.file.name}")) == image.file.read()

    allowed = allowed_client(client, django_user_model, kind, document)
    response = allowed.get(document.url)
    assert download(response) == PDF
    assert "no-store" in response["Cache-Control"], "no CDN keeps a private document"


# --- Private documents in the bucket --------------------------------------------------------


@pytest.fixture
def public_image_bucket(s3_endpoint, settings):  # noqa: F811
    """The reference deployment's bucket: images public-read for the CDN, URLs unsigned."""
    client, name = create_bucket(s3_endpoint)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "core.storage.MediaStorage",
            "OPTIONS": {
                "bucket_name": name,
                "endpoint_url": s3_endpoint,
                "region_name": "eu-central-1",
                "access_key": CREDENTIALS["aws_access_key_id"],
                "secret_key": CREDENTIALS["aws_secret_access_key"],
                "addressing_style": "path",
                "file_overwrite": False,
                "querystring_auth": False,
                "default_acl": "public-read",
            },
        },
    }
    return client, name, s3_endpoint


def anonymous_get(url) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def public_grants(s3, bucket, key) -> list[str]:
    grants = s3.get_object_acl(Bucket=bucket, Key=key)["Grants"]
    return [g["Permission"] for g in grants if g["Grantee"].get("URI", "").endswith("/AllUsers")]


@pytest.mark.s3
@pytest.mark.parametrize("kind", PRIVATE_KINDS)
def test_a_private_document_in_the_bucket_reaches_only_those_allowed(
    admin_client, client, django_user_model, public_image_bucket, kind
):
    s3, bucket, endpoint = public_image_bucket
    collection = private_collection(kind)
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Preisliste",
            "file": SimpleUploadedFile("preisliste.pdf", PDF, "application/pdf"),
            "collection": collection.pk,
        },
    )
    assert response.status_code == 302
    document = get_document_model().objects.get(title="Preisliste")
    image = make_image()
    admin_client.logout()

    # Images are public, as the CDN needs them: an unsigned GET of the object answers.
    assert public_grants(s3, bucket, image.file.name) == ["READ"]
    assert anonymous_get(f"{endpoint}/{bucket}/{image.file.name}") == 200
    # The document is a private object: no grant for everybody, an unsigned GET is refused.
    assert public_grants(s3, bucket, document.file.name) == []
    assert anonymous_get(f"{endpoint}/{bucket}/{document.file.name}") == 403
    # Its storage URL (never linked by the site) is signed and expires within a minute.
    url = document.file.url
    query = parse_qs(urlsplit(url).query)
    assert "X-Amz-Signature" in query and query["X-Amz-Expires"] == ["60"], url

    refuses_anonymously(client.get(document.url), kind)
    allowed = allowed_client(client, django_user_model, kind, document)
    response = allowed.get(document.url)
    assert download(response) == PDF, "streamed through Django after the check, not redirected"
    assert "no-store" in response["Cache-Control"]
