"""`load_demo` builds a believable site in four languages and can run again without duplicates."""

import io
import logging
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, Revision, WorkflowState

from core.localize import untranslated_segments
from core.models import Footer, Navigation, SiteSettings
from core.typography import SOFT_HYPHEN  # from |hyphenate: not part of the words
from demo.workplace import DEMO_USERS
from home.models import HomePage
from shop_links.models import Retailer, StockistLink
from tests.browser.pages import PAGE_TYPES

pytestmark = pytest.mark.django_db


def counts():
    return {
        "pages": Page.objects.count(),
        "images": get_image_model().objects.count(),
        "navigations": Navigation.objects.count(),
        "footers": Footer.objects.count(),
        "users": get_user_model().objects.count(),
        "site settings": SiteSettings.objects.count(),
        "retailers": Retailer.objects.count(),
        "in review": WorkflowState.objects.filter(status="in_progress").count(),
        "revisions": Revision.objects.count(),
    }


def test_demo_has_home_page_in_four_languages(demo):
    homes = {home.locale.language_code: home for home in HomePage.objects.live()}
    assert set(homes) == {"de", "en", "nl", "fr"}
    assert homes["fr"].hero_heading == "Du design né dans le nord d’Aix-la-Chapelle"
    assert homes["nl"].hero_heading == "Design dat in het noorden van Aken ontstaat"


def test_every_demo_text_is_translated(demo):
    pages = [demo, *demo.get_descendants().specific()]
    snippets = [
        *Navigation.objects.filter(locale=demo.locale),
        *Footer.objects.filter(locale=demo.locale),
    ]
    for code in ("en", "nl", "fr"):
        for obj in [*pages, *snippets]:
            assert untranslated_segments(obj, code) == [], f"{obj} lacks {code} texts"


def test_cards_on_the_home_page_are_translated(client, demo):
    html = client.get("/fr/").content.decode().replace(SOFT_HYPHEN, "")
    assert "Comment naît un objet" in html
    for heading in ("Création", "Fabrication", "Vente"):
        assert heading in html
    assert "Entwurf" not in html


def test_running_again_duplicates_nothing_and_prints_credentials(demo, caplog):
    caplog.set_level(logging.INFO)
    before = counts()
    assert before["in review"] == 2  # a page and a retailer wait for the moderators
    out = io.StringIO()
    call_command("load_demo", admin_password="another-password", no_renditions=True, stdout=out)
    assert counts() == before
    assert get_user_model().objects.get(username="admin").check_password("another-password")
    # The output ends with a box: the addresses, then one login per line for the admin and
    # each demo role, the same password for all of them here.
    box = out.getvalue().rstrip().splitlines()[-(len(DEMO_USERS) + 6) :]
    assert box[0].startswith("┌") and box[-1].startswith("└")
    assert all(line.startswith("│") and line.endswith("│") for line in box[1:-1])
    assert "http://" in box[1] and "/admin/" in box[2]
    logins = [line.strip("│ ").split() for line in box[4:-1]]
    assert [login[:2] for login in logins] == [
        [username, "another-password"] for username in ["admin", *(u[0] for u in DEMO_USERS)]
    ]
    # A short log: Wagtail's line for each page created, edited and published stays out of it.
    assert len(out.getvalue().splitlines()) < 40
    assert [r.getMessage() for r in caplog.records if r.levelno < logging.WARNING] == []


def test_viewing_the_pages_after_load_demo_makes_no_renditions(client, demo, uncached_pages):
    """load_demo made every size each page's pictures name: no visitor waits for an encoder."""
    renditions = get_image_model().get_rendition_model().objects
    before = renditions.count()
    for page_type in PAGE_TYPES:
        for path in page_type.paths.values():
            response = client.get(path)
            assert response.status_code == page_type.status, path
            assert renditions.count() == before, f"{path} made a rendition"


def test_demo_images_are_generated_locally(demo):
    image = get_image_model().objects.get(title="Grüne Punkte im Quartier")
    assert image.width == 1920 and image.height == 1200
    with image.open_file() as f:
        assert f.read(3) == b"\xff\xd8\xff"  # a real JPEG made on the spot


def test_an_editor_finds_every_demo_image_by_its_title_and_sees_where_it_is_used(demo):
    """The demo writes the search and reference indexes once, at its end (demo/indexes.py): an
    image whose title was set after its first save is found by that title in the image library,
    and the stockist links the catalogue sync writes in bulk show in the admin's usage."""
    images = get_image_model().objects.all()
    assert images.count() > 40
    for image in images:
        words = " ".join(re.findall(r"\w+", image.title))
        assert image in get_image_model().objects.search(words), image.title
    links = StockistLink.objects.all()
    assert links.exists()
    indexed = set(
        ReferenceIndex.objects.filter(
            content_type=ContentType.objects.get_for_model(StockistLink)
        ).values_list("object_id", flat=True)
    )
    assert {str(link.pk) for link in links} <= indexed


def test_refuses_production_settings_without_explicit_flag(settings):
    from django.core.management.base import CommandError

    settings.SETTINGS_MODULE = "config.settings.production"
    with pytest.raises(CommandError, match="--allow-production"):
        call_command("load_demo", stdout=io.StringIO())


def test_demo_portraits_have_their_focal_point_on_the_face(demo):
    portrait = get_image_model().objects.get(title="Porträt Lena Hoffmann")
    assert portrait.has_focal_point()
    # The head sits in the upper half: a 4:5 crop for the cards keeps it in view.
    assert portrait.focal_point_y < portrait.height / 2
    assert abs(portrait.focal_point_x - portrait.width / 2) < 2
