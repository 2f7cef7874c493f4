"""Where an editor may add which page type: the page tree's rules, as the admin offers them.

Pinned before the ground floor stopped naming the home page (`core` pages take their parents
from the page types that list them), so that the restructuring changes nothing an editor sees.
"""

import re

import pytest
from django.urls import reverse
from wagtail.models import Page, get_page_models

from core.models import ContentPage, LegalPage
from project.models import ProjectPage

# Every page type and the page types an editor may add under it.
ALLOWED_CHILDREN = {
    "accessibility.accessibilitystatementpage": [],
    "applications.designapplicationpage": [],
    "campaigns.campaignindexpage": ["campaigns.campaignpage"],
    "campaigns.campaignpage": [],
    "core.contentpage": ["core.contentpage"],
    "core.legalpage": [],
    "depot.depotresourcespage": [],
    "designers.designerindexpage": ["designers.designerpage"],
    "designers.designerpage": [],
    "designers.storyindexpage": ["designers.storypage"],
    "designers.storypage": [],
    "easyread.easyreadindexpage": ["easyread.easyreadpage"],
    "easyread.easyreadpage": [],
    "enquiries.enquiryformpage": [],
    "events.eventindexpage": ["events.eventpage"],
    "events.eventpage": [],
    "products.productindexpage": [],
    "trade.presskitpage": [],
    "trade.tradepage": [],
    "home.homepage": [
        "accessibility.accessibilitystatementpage",
        "applications.designapplicationpage",
        "campaigns.campaignindexpage",
        "core.contentpage",
        "core.legalpage",
        "designers.designerindexpage",
        "designers.storyindexpage",
        "easyread.easyreadindexpage",
        "enquiries.enquiryformpage",
        "events.eventindexpage",
        "project.projectpage",
        "results.resultspage",
        "shop_links.retailerindexpage",
        "trade.presskitpage",
        "trade.tradepage",
        "workshops.workshopindexpage",
    ],
    "project.projectpage": ["core.contentpage", "depot.depotresourcespage"],
    "results.resultspage": [],
    "shop_links.retailerindexpage": [],
    "wagtailcore.page": ["home.homepage"],
    "workshops.workshopindexpage": [],
}


def _labels(models) -> list[str]:
    return sorted(model._meta.label_lower for model in models)


def test_each_page_type_takes_the_same_children_as_before():
    allowed = {
        model._meta.label_lower: _labels(model.creatable_subpage_models())
        for model in get_page_models()
        if model._meta.label_lower in ALLOWED_CHILDREN
    }
    assert allowed == ALLOWED_CHILDREN


def test_content_and_legal_pages_go_under_the_home_page_only():
    assert _labels(ContentPage.allowed_parent_page_models()) == [
        "core.contentpage",
        "home.homepage",
        "project.projectpage",
    ]
    assert _labels(LegalPage.allowed_parent_page_models()) == ["home.homepage"]
    # Not at the top of the tree (under Wagtail's root), beside the language homes.
    assert ContentPage not in Page.allowed_subpage_models()
    assert LegalPage not in Page.allowed_subpage_models()


def _offered(client, page) -> list[str]:
    """The page types the admin's "add child page" offers under `page`."""
    response = client.get(reverse("wagtailadmin_pages:add_subpage", args=[page.pk]))
    if response.status_code == 302:  # one type only: Wagtail goes straight to its form
        return [".".join(response["Location"].split("/")[4:6])]
    assert response.status_code == 200
    found = re.findall(rf"/admin/pages/add/(\w+)/(\w+)/{page.pk}/", response.content.decode())
    return sorted({f"{app}.{model}" for app, model in found})


@pytest.mark.django_db
def test_the_admin_offers_the_same_page_types_under_the_home_and_the_project_page(
    admin_client, demo
):
    home = _offered(admin_client, demo)
    assert set(home) <= set(ALLOWED_CHILDREN["home.homepage"])
    assert {"core.contentpage", "core.legalpage"} <= set(home)
    about = ProjectPage.objects.get(locale__language_code="de", slug="ueber-das-projekt")
    # The Depot's resources page is there already (one per project page, demo/depot.py).
    assert _offered(admin_client, about) == ["core.contentpage"]
    legal = LegalPage.objects.filter(locale__language_code="de").first()
    response = admin_client.get(reverse("wagtailadmin_pages:add_subpage", args=[legal.pk]))
    assert "core/contentpage" not in response.content.decode()
