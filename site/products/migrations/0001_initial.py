"""ProductIndexPage moves here from the designers app, with its table, its pages and their history.

The model is added to this app's state only (the table `designers_productindexpage` exists since
designers 0002), then its table is renamed to this app's name, so that a database migrated from
before the move and a new one have the same table. The pages' content type (which `Page.specific`,
revisions, permissions and wagtail-localize's translation sources all point to) is the same row,
relabelled from `designers` to `products`: every reference to it stays valid. The designers app
drops the model from its state in `designers.0004_move_product_index_to_products`.
"""

import django.db.models.deletion
import wagtail.contrib.routable_page.models
from django.conf import settings
from django.db import migrations, models

OLD_TABLE = "designers_productindexpage"


def relabel_content_type(apps, schema_editor, old="designers", new="products"):
    """Move the page type's ContentType row to its new app (nothing to do in a new database:
    the type is created after the migrations, already in its new app)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    moved = types.filter(app_label=old, model="productindexpage").first()
    if moved is None:
        return
    stale = types.filter(app_label=new, model="productindexpage").first()
    if stale is not None:
        # Only after migrating back and forth: a type with no pages, made by a post_migrate
        # in between. Deleting it takes its default permissions with it.
        Page = apps.get_model("wagtailcore", "Page")
        if Page.objects.using(schema_editor.connection.alias).filter(content_type=stale).exists():
            raise RuntimeError(
                f"Pages of both {old}.ProductIndexPage and {new}.ProductIndexPage exist: "
                "move them to one content type by hand, then migrate again."
            )
        stale.delete()
    moved.app_label = new
    moved.save(update_fields=["app_label"])


def relabel_content_type_back(apps, schema_editor):
    relabel_content_type(apps, schema_editor, old="products", new="designers")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("designers", "0003_where_to_buy_block"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ProductIndexPage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "intro",
                            models.TextField(blank=True, max_length=500, verbose_name="Einleitung"),
                        ),
                        (
                            "social_image",
                            models.ForeignKey(
                                blank=True,
                                help_text="Wird beim Teilen gezeigt (1200 × 630). Ohne Angabe: das Hauptbild der Seite.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="wagtailimages.image",
                                verbose_name="Bild für soziale Medien",
                            ),
                        ),
                    ],
                    options={"verbose_name": "Übersicht Produkte", "db_table": OLD_TABLE},
                    bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, "wagtailcore.page"),
                ),
            ],
            database_operations=[],
        ),
        # designers_productindexpage -> products_productindexpage (rows, keys and indexes kept).
        migrations.AlterModelTable(name="productindexpage", table=None),
        migrations.RunPython(relabel_content_type, relabel_content_type_back),
    ]
