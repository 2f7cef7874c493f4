"""What editors meet: the block picker's previews, the blocks' checks, and translation."""

import uuid

import pytest
from django.urls import reverse
from wagtail.blocks import StreamValue, StructBlockValidationError

from campaigns.blocks import CampaignStreamBlock, LocationBlock, SpaceBlock
from campaigns.models import CampaignPage
from core.localize import translate, untranslated_segments
from core.typography import SOFT_HYPHEN  # from |hyphenate: not part of the words

pytestmark = pytest.mark.django_db

STREAM = CampaignStreamBlock()


def item(value):
    """A ListBlock item in Wagtail's block format (with an id), which wagtail-localize reads."""
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


@pytest.mark.parametrize("name", list(STREAM.child_blocks))
def test_every_block_has_a_description_and_a_preview_in_the_block_picker(admin_client, name):
    block = STREAM.child_blocks[name]
    assert block.is_previewable, name
    assert str(block.get_description()), name
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    assert response.status_code == 200
    page = response.content.decode().replace(SOFT_HYPHEN, "")
    # The preview is the block as the site renders it, with the site's styles.
    assert "/static/css/site.css" in page and "/static/css/campaigns.css" in page
    assert '<div class="stream block-preview">' in page
    inner = page.split('<div class="stream block-preview">', 1)[1]
    assert "<" in inner.split("</main>")[0].strip()


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("key_facts", "4.800"),
        ("spaces", "Atelier im Depot, 1. OG"),
        ("location", "Karte laden"),
        ("enquiry", "Sie suchen Raum im Aachener Norden?"),
        ("designers", "card__heading"),
        ("stories", "card__heading"),
        ("gallery", "<picture"),
        ("hero", "<picture"),
    ],
)
def test_previews_show_sample_content(admin_client, name, text):
    block = STREAM.child_blocks[name]
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    assert text in response.content.decode().replace(SOFT_HYPHEN, "")


def test_block_previews_are_for_editors_only(client, demo):
    block = STREAM.child_blocks["spaces"]
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_rent_range_must_not_run_backwards():
    block = SpaceBlock()
    value = block.to_python(
        {"name": "Atelier", "kind": "studio", "size": "20", "rent_min": "500", "rent_max": "300"}
    )
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "rent_max" in error.value.block_errors


def test_a_map_needs_both_coordinates():
    block = LocationBlock()
    value = block.to_python(
        {
            "addresses": [{"name": "Depot", "street": "Talstraße 2", "city": "52068 Aachen"}],
            "latitude": "50.78",
        }
    )
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "longitude" in error.value.block_errors


def test_admin_edit_form_of_the_campaign_opens(admin_client, demo):
    page = CampaignPage.objects.get(locale__language_code="de")
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    assert "campaign_code" in response.content.decode().replace(SOFT_HYPHEN, "")


def test_demo_campaign_is_fully_translated(demo):
    page = CampaignPage.objects.get(locale__language_code="de")
    for code in ("en", "nl", "fr"):
        assert untranslated_segments(page, code) == []


def test_a_new_campaign_translates_through_wagtail_localize(client, demo):
    source = CampaignPage.objects.get(locale__language_code="de")
    index = source.get_parent()
    page = CampaignPage(
        title="Werkstattwochen",
        slug="werkstattwochen",
        campaign_code="werkstattwochen-2027",
        lead="Zwei Wochen offene Werkstätten im Depot.",
        body=[
            {
                "type": "key_facts",
                "value": {
                    "heading": "Offene Türen",
                    "facts": [item({"value": "14", "unit": "", "label": "Werkstätten"})],
                    "source": "",
                },
            },
            {
                "type": "spaces",
                "value": {
                    "heading": "Frei im Depot",
                    "intro": "",
                    "spaces": [
                        item(
                            {
                                "name": "Kleine Werkstatt",
                                "kind": "workshop",
                                "size": "30",
                                "rent_min": "250",
                                "rent_max": None,
                                "rent_note": "",
                                "available_from": None,
                                "contact": {"name": "", "email": "raum@example.org", "phone": ""},
                            }
                        )
                    ],
                },
            },
        ],
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    french = translate(
        page,
        "fr",
        {
            "Werkstattwochen": "Semaines des ateliers",
            "werkstattwochen": "semaines-des-ateliers",
            "Zwei Wochen offene Werkstätten im Depot.": "Deux semaines d’ateliers ouverts au Depot.",
            "Offene Türen": "Portes ouvertes",
            "Werkstätten": "ateliers",
            "14": "14",
            "Frei im Depot": "Libre au Depot",
            "Kleine Werkstatt": "Petit atelier",
        },
    )
    assert french.locale.language_code == "fr"
    assert french.campaign_code == "werkstattwochen-2027"  # synchronised, not translated
    assert isinstance(french.body, StreamValue)
    response = client.get(french.url)
    assert response.status_code == 200
    html = response.content.decode().replace(SOFT_HYPHEN, "")
    for phrase in (
        "Portes ouvertes",
        "Petit atelier",
        "à partir de 250\u00a0€ par mois",
        "Atelier artisanal",
    ):
        assert phrase in html, phrase
    assert 'href="mailto:raum@example.org"' in html
    assert untranslated_segments(page, "fr") == []
