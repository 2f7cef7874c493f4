"""The demo's application page in four languages, and its sample application (made by
`load_demo`, left out of the test database: `--no-sample-application`)."""

import pytest
from django.utils import translation

from applications.models import DesignApplicationPage
from core.typography import SOFT_HYPHEN
from demo.applications import sample_application
from enquiries.models import Enquiry

pytestmark = pytest.mark.django_db

TITLES = {
    "de": "Entwurf einreichen",
    "en": "Submit a design",
    "nl": "Ontwerp indienen",
    "fr": "Soumettre un design",
}
PATHS = {
    "de": "/de/entwurf-einreichen/",
    "en": "/en/submit-a-design/",
    "nl": "/nl/ontwerp-indienen/",
    "fr": "/fr/soumettre-un-design/",
}


@pytest.mark.parametrize("code", list(TITLES))
def test_the_page_is_live_in_each_language(client, demo, code):
    page = DesignApplicationPage.objects.get(locale__language_code=code)
    assert page.live and page.title == TITLES[code]
    html = client.get(PATHS[code]).content.decode().replace(SOFT_HYPHEN, "")
    assert f"<h1>{TITLES[code]}</h1>" in html
    assert 'enctype="multipart/form-data"' in html and 'type="file"' in html


def test_the_sample_application_is_in_review_with_its_image(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert not Enquiry.objects.filter(kind="design_application").exists()
    enquiry = sample_application()
    assert enquiry.status == "in_review"
    with translation.override("de"):
        assert enquiry.status_label() == "In Prüfung"
    file = enquiry.files.get()
    assert file.content_type == "image/png" and file.file.name.startswith("private/")
    assert sample_application().pk == enquiry.pk  # once only
