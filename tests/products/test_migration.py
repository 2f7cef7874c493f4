"""ProductIndexPage moved from the designers app to products (issue 17): existing pages keep working.

A database from before the move has the page type's ContentType row under `designers`, and every
page, revision and wagtail-localize translation source of the type points at that row. Here the
demo's product index pages are put back under the old label; the migration's step relabels the
row, and the pages load, render and open in the editor (and translation editor) as before. The
table itself is renamed by Django's `AlterModelTable`; the whole path on a database filled by
`load_demo` at the code before the move is proven by scripts/prove_product_index_move.py
(commands and result in docs/architecture.md).
"""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from products.models import ProductIndexPage

migration = importlib.import_module("products.migrations.0001_initial")
editor = SimpleNamespace(connection=connection)  # all the migration's step uses of a schema editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def before_the_move(demo):
    """The demo's product index pages as a database from before the move holds them."""
    content_type = ContentType.objects.get_for_model(ProductIndexPage)
    ContentType.objects.filter(pk=content_type.pk).update(app_label="designers")
    ContentType.objects.clear_cache()
    yield content_type
    ContentType.objects.clear_cache()


def german_index() -> Page:
    return Page.objects.get(content_type__model="productindexpage", locale__language_code="de")


def test_the_old_pages_load_render_and_open_in_the_editor_after_the_migration(
    admin_client, before_the_move
):
    assert german_index().specific_class is None  # what the pages are without the migration

    migration.relabel_content_type(apps, editor)
    ContentType.objects.clear_cache()

    index = german_index()
    assert index.content_type_id == before_the_move.pk  # the same row: every reference holds
    assert isinstance(index.specific, ProductIndexPage)
    assert isinstance(index.get_latest_revision().as_object(), ProductIndexPage)
    response = admin_client.get(index.url)
    assert response.status_code == 200
    product = ProductIndexPage.objects.get(pk=index.pk)
    assert product.title in response.content.decode()
    assert admin_client.get(f"/admin/pages/{index.pk}/edit/").status_code == 200

    source = TranslationSource.objects.get(object_id=index.translation_key, locale=index.locale)
    assert isinstance(source.as_instance(), ProductIndexPage)
    english = index.get_translation(Locale.objects.get(language_code="en"))
    assert isinstance(english.specific, ProductIndexPage)
    editing = admin_client.get(f"/admin/pages/{english.pk}/edit/")
    assert editing.status_code == 200


def test_the_migration_goes_back_and_forth(before_the_move):
    migration.relabel_content_type(apps, editor)
    migration.relabel_content_type_back(apps, editor)
    ContentType.objects.clear_cache()
    assert ContentType.objects.get(pk=before_the_move.pk).app_label == "designers"

    migration.relabel_content_type(apps, editor)
    ContentType.objects.clear_cache()
    assert ContentType.objects.get(pk=before_the_move.pk).app_label == "products"
    assert isinstance(german_index().specific, ProductIndexPage)
