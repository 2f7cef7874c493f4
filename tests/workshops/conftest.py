"""A small site with a workshops index in four languages (no demo): two partners of the catalogue
with profiles, one workshop editors added, a skills vocabulary; posting the production enquiry as
a browser on this site would."""

from decimal import Decimal

import pytest
from django.core.cache import cache

from catalogue.models import ProductionPartner, ProductPartner
from core import pagecache
from home.models import HomePage
from tests.conftest import shared_rows
from tests.enquiries.conftest import post_like_a_browser, token_for
from tests.factories import HomePageFactory, ProductFactory, locale, publish, translate
from workshops.models import District, Skill, Workshop, WorkshopIndexPage

LANGUAGES = ["de", "en", "nl", "fr"]
INDEX = {
    "de": ("Werkstätten", "werkstaetten"),
    "en": ("Workshops", "workshops"),
    "nl": ("Werkplaatsen", "werkplaatsen"),
    "fr": ("Ateliers", "ateliers"),
}
SKILLS = {
    "sewing": {"de": "Nähen", "en": "Sewing", "nl": "Naaien", "fr": "Couture"},
    "ceramics": {"de": "Keramik", "en": "Ceramics", "nl": "Keramiek", "fr": "Céramique"},
    "laser_cutting": {"de": "Laserschneiden"},  # German only: stands in, marked lang="de"
}


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    pagecache.reset()
    yield
    cache.clear()


def partner(ref: str, names: dict[str, str], **facts) -> ProductionPartner:
    german = ProductionPartner.objects.create(
        ref=ref, name=names["de"], locale=locale(), kind="sewing", city="Aachen", **facts
    )
    for code, name in names.items():
        if code != "de":
            ProductionPartner.objects.create(
                ref=ref,
                name=name,
                locale=locale(code),
                translation_key=german.translation_key,
                kind=german.kind,
                city="Aachen",
            )
    return german


def workshop(ref: str, skills=(), **fields) -> Workshop:
    row = Workshop(ref=ref, locale=locale(), **fields)
    row.skills = list(Skill.objects.filter(code__in=skills, locale=locale()))
    row.save()
    return publish(row)


@pytest.fixture(scope="module")
def network_rows(django_db_setup, django_db_blocker):
    """The network's primary keys, built once for the module's tests (tests/conftest.py)."""
    yield from shared_rows(django_db_blocker, build_network)


@pytest.fixture
def network(db, network_rows):
    """{"home", "index": {code: page}, "naeherei", "keramik", "laser": German Workshop rows,
    "partner": the sewing partner}, read again for each test."""
    return {
        "home": HomePage.objects.get(pk=network_rows["home"]),
        "index": {
            code: WorkshopIndexPage.objects.get(pk=pk) for code, pk in network_rows["index"].items()
        },
        **{
            name: Workshop.objects.get(pk=network_rows[name])
            for name in ("naeherei", "keramik", "laser")
        },
        "partner": ProductionPartner.objects.get(pk=network_rows["partner"]),
    }


def build_network() -> dict:
    """{"home": pk, "index": {code: pk}, "naeherei", "keramik", "laser", "partner": pk}."""
    # The module's own network alone, also where the demo is loaded (undone after the module).
    Workshop.objects.all().delete()
    Skill.objects.all().delete()
    home = HomePageFactory()
    for code in LANGUAGES[1:]:
        translate(home, code)
    for code, labels in SKILLS.items():
        german = Skill.objects.create(code=code, label=labels["de"], locale=locale())
        for language, label in labels.items():
            if language != "de":
                translate(german, language, label=label)
    german = WorkshopIndexPage(
        title=INDEX["de"][0],
        slug=INDEX["de"][1],
        intro="Wer was kann.",
        to_address="team@example.org",
    )
    home.add_child(instance=german)
    publish(german)
    indexes = {"de": german}
    for code in LANGUAGES[1:]:
        title, slug = INDEX[code]
        indexes[code] = translate(german, code, title=title, slug=slug)
    sewing = partner(
        "naeherei-nord",
        {"de": "Näherei Nord", "en": "North sewing room"},
        social_employment=True,
    )
    naeherei = workshop(
        "naeherei-nord",
        skills=["sewing"],
        summary="Taschen aus altem Stoff.",
        employment="Beschäftigt Menschen, die lange ohne Arbeit waren",
        district=District.MITTE,
        address="Talstraße 2, 52068 Aachen",
        latitude=Decimal("50.7836"),
        longitude=Decimal("6.0963"),
    )
    translate(naeherei, "fr", summary="Des sacs en vieux tissu.", employment="Emploie des gens")
    partner("laser-talbot", {"de": "Laser Talbot"})
    laser = workshop("laser-talbot", skills=["laser_cutting"], district=District.HAAREN)
    keramik = workshop(
        "keramik-wiesental",
        skills=["ceramics", "sewing"],
        name="Keramik Wiesental",
        summary="Becher und Vasen.",
        district=District.LAURENSBERG,
    )
    return {
        "home": home.pk,
        "index": {code: page.pk for code, page in indexes.items()},
        "naeherei": naeherei.pk,
        "keramik": keramik.pk,
        "laser": laser.pk,
        "partner": sewing.pk,
    }


def made_by(partner_row, products):
    ProductPartner.objects.bulk_create(
        ProductPartner(product=product, partner=partner_row) for product in products
    )


def production(**overrides) -> dict:
    data = {
        "workshop": "naeherei-nord",
        "requester": "designer",
        "organisation": "Studio Kim",
        "what": "200 Taschen aus Planen, genäht und bedruckt.",
        "quantity": "200",
        "timeline": "bis März",
        "email": "Kim@Example.org",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """Post the production enquiry like a browser: same origin, a token of a form shown `age` s
    ago."""

    def _post(page, data=None, *, age=30, token=None, headers=None, **extra):
        body = production() if data is None else data
        token = token if token is not None else token_for(page, age)
        with django_capture_on_commit_callbacks(execute=True):
            return post_like_a_browser(client, page, body, token, headers, **extra)

    return _post


__all__ = ["ProductFactory", "made_by", "production"]
