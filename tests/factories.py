"""Factories for the site's main models (factory_boy, wagtail-factories).

A behaviour test builds the few rows it looks at and names its own texts, so a change to the demo
(`load_demo`) does not break it. Tests that use only these factories are marked `no_demo`
(tests/conftest.py): a run of only such tests does not load the demo, and they hold when it is
loaded too (their home page becomes the default site's root for the test).

    home = HomePageFactory()                      # German home, root of the default site
    page = ContentPageFactory(parent=home, title="Über uns")
    translate(home, "en", "nl", "fr")             # live copies in those languages
    translate(page, "en", title="About us")
"""

import datetime
import io

import factory
import wagtail_factories
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import connection
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from catalogue.models import Product, ProductImage, Variant
from core import content_version
from core.models import ContentPage, LegalPage
from designers.models import DesignerIndexPage, DesignerPage, StoryIndexPage, StoryPage
from enquiries.models import Enquiry
from home.models import HomePage
from shop_links.models import Retailer, StockistLink


def locale(code: str = settings.LANGUAGE_CODE) -> Locale:
    return Locale.objects.get(language_code=code)


def paragraph(html: str) -> list[tuple[str, str]]:
    """A StreamField value of one paragraph block."""
    return [("paragraph", html)]


def publish(obj):
    """Publish the object's current state as a revision, as an editor's "Publish" does."""
    obj.save_revision().publish()
    obj.refresh_from_db()  # live, first_published_at, url_path as the database has them now
    return obj


def translate(obj, *codes: str, **fields):
    """Live copies of a German page or snippet in `codes`, with `fields` (e.g. a title) set on
    each; the parent page's translation must exist (translate the home first). Returns the last
    copy made."""
    copy = None
    for code in codes:
        copy = obj.copy_for_translation(locale(code))
        for name, value in fields.items():
            setattr(copy, name, value)
        if copy.pk is None:  # a snippet's copy is not saved yet, a page's is (as a draft)
            copy.save()
        if hasattr(copy, "save_revision"):
            publish(copy)
    return copy


class ImageFactory(wagtail_factories.ImageFactory):
    """A small JPEG in one colour; `description` is its alt text."""

    title = factory.Sequence(lambda n: f"Testbild {n}")
    description = "Ein grünes Rechteck"
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.LazyFunction(lambda: ImageFile(_jpeg((1600, 1000)), name="factory-image.jpg"))

    class Meta:
        model = get_image_model()


def _jpeg(size) -> io.BytesIO:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (40, 140, 80)).save(buffer, "JPEG")
    buffer.seek(0)
    return buffer


class PageFactory(wagtail_factories.PageFactory):
    """A German page, published (a revision, as the admin makes), below `parent`."""

    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))
    locale = factory.LazyFunction(locale)

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        page = super()._create(model_class, *args, **kwargs)
        return publish(page)


class HomePageFactory(PageFactory):
    """The German home page, made the default site's root (host `testserver`, like the demo's)."""

    title = factory.Sequence(lambda n: f"Teststartseite {n}")
    slug = factory.Sequence(lambda n: f"teststart-{n}")
    hero_heading = "Willkommen im Testquartier"
    parent = factory.LazyFunction(Page.get_first_root_node)

    class Meta:
        model = HomePage
        skip_postgeneration_save = True

    @factory.post_generation
    def site(home, create, extracted, **kwargs):
        if not create:
            return
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        site.root_page = home
        site.hostname, site.port = "testserver", 80
        site.site_name = "Testquartier"
        site.save()


class ContentPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Inhaltsseite {n}")
    intro = "Eine Einleitung."
    body = factory.LazyFunction(lambda: paragraph("<p>Ein Absatz.</p>"))

    class Meta:
        model = ContentPage


class LegalPageFactory(PageFactory):
    title = "Impressum"
    kind = LegalPage.Kind.IMPRINT
    body = "<p>Angaben gemäß § 5 DDG.</p>"

    class Meta:
        model = LegalPage


class DesignerIndexPageFactory(PageFactory):
    title = "Designer:innen"

    class Meta:
        model = DesignerIndexPage


class DesignerPageFactory(PageFactory):
    """Below a `DesignerIndexPageFactory` page (pass `parent`)."""

    title = factory.Sequence(lambda n: f"Testdesignerin {n}")
    lead = "Entwirft Dinge für den Alltag."
    city = "Aachen"
    catalogue_ref = factory.LazyAttribute(lambda obj: slugify(obj.title))

    class Meta:
        model = DesignerPage


class StoryIndexPageFactory(PageFactory):
    title = "Geschichten"

    class Meta:
        model = StoryIndexPage


class StoryPageFactory(PageFactory):
    """Below a `StoryIndexPageFactory` page (pass `parent`)."""

    title = factory.Sequence(lambda n: f"Testgeschichte {n}")
    lead = "Wie ein Ding entsteht."
    date = datetime.date(2026, 5, 4)
    body = factory.LazyFunction(lambda: paragraph("<p>Im Depot entsteht es in Handarbeit.</p>"))

    class Meta:
        model = StoryPage


class ProductFactory(factory.django.DjangoModelFactory):
    """A German catalogue product, live (active and in the feed)."""

    external_id = factory.Sequence(lambda n: f"TEST-{n:04d}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))
    title = factory.Sequence(lambda n: f"Testprodukt {n}")
    description = "<p>Ein Produkt aus der Werkstatt.</p>"
    material = "Eiche"
    locale = factory.LazyFunction(locale)
    status = Product.Status.ACTIVE
    in_feed = True

    class Meta:
        model = Product


class VariantFactory(factory.django.DjangoModelFactory):
    product = factory.SubFactory(ProductFactory)
    sku = factory.Sequence(lambda n: f"TEST-SKU-{n:04d}")
    price = "24.00"
    availability = Variant.Availability.IN_STOCK

    class Meta:
        model = Variant


class ProductImageFactory(factory.django.DjangoModelFactory):
    product = factory.SubFactory(ProductFactory)
    image = factory.SubFactory(ImageFactory)
    source_url = factory.Sequence(lambda n: f"https://katalog.example/bilder/{n}.jpg")
    alt = factory.LazyFunction(lambda: {"de": "Das Produkt auf einem Tisch"})

    class Meta:
        model = ProductImage


class RetailerFactory(factory.django.DjangoModelFactory):
    """A German retailer, live (published, as after review)."""

    name = factory.Sequence(lambda n: f"Testladen {n}")
    kind = Retailer.Kind.CONCEPT_STORE
    city = "Aachen"
    country = "DE"
    website = factory.Sequence(lambda n: f"https://laden-{n}.example/")
    locale = factory.LazyFunction(locale)
    live = True

    class Meta:
        model = Retailer


class StockistLinkFactory(factory.django.DjangoModelFactory):
    retailer = factory.SubFactory(RetailerFactory)
    product = factory.SubFactory(ProductFactory)
    url = factory.LazyAttribute(lambda obj: f"{obj.retailer.website}p/{obj.product.slug}")

    class Meta:
        model = StockistLink


class EnquiryFactory(factory.django.DjangoModelFactory):
    """An enquiry as the form stores it; `submit_time` (else now) may lie in the past."""

    form_data = factory.LazyFunction(
        lambda: {"company": "Atelier Nord GmbH", "contact_person": "Erika Beispiel"}
    )
    email = "erika@example.org"
    language = settings.LANGUAGE_CODE

    class Meta:
        model = Enquiry
        skip_postgeneration_save = True

    @factory.post_generation
    def submit_time(enquiry, create, extracted, **kwargs):
        """`submit_time` is set on insert (auto_now_add); an older one is written afterwards."""
        if create and extracted is not None:
            Enquiry.objects.filter(pk=enquiry.pk).update(submit_time=extracted)
            enquiry.submit_time = extracted


def days_ago(days: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def bulk_products(count: int, *, designer_ref: str = "", retailers=(), prefix: str = "Produkt"):
    """`count` live German products in a few queries (bulk_create), each with one variant and
    stocked by every one of `retailers`: thousands in seconds, for tests and benchmarks of pages
    that must not grow with the catalogue. Titles have one length ("Produkt 00042"). Replaces
    the content and structure versions afterwards, as a catalogue sync does."""
    german = locale()
    products = Product.objects.bulk_create(
        Product(
            external_id=f"BULK-{prefix}-{number:05d}",
            slug=slugify(f"{prefix}-{number:05d}"),
            title=f"{prefix} {number:05d}",
            material="Eiche",
            designer_ref=designer_ref,
            locale=german,
            status=Product.Status.ACTIVE,
            in_feed=True,
        )
        for number in range(count)
    )
    if not products or products[0].pk is None:  # databases that return no ids (none here)
        products = list(Product.objects.filter(external_id__startswith=f"BULK-{prefix}-"))
    Variant.objects.bulk_create(
        Variant(
            product=product,
            sku=f"BULK-{prefix}-{product.pk}",
            price="24.00",
            availability=Variant.Availability.IN_STOCK,
        )
        for product in products
    )
    StockistLink.objects.bulk_create(
        StockistLink(
            retailer=retailer,
            product=product,
            url=f"{retailer.website}p/{product.slug}",
            product_title=product.title,
        )
        for retailer in retailers
        for product in products
    )
    # Bulk writes send no signals: replace the versions as the catalogue sync does after its own.
    content_version.invalidate()
    if connection.vendor == "postgresql":
        # The statistics autovacuum keeps in production; thousands of rows written inside the
        # test's transaction have none, and without them PostgreSQL plans the retailers page's
        # first rows per shop badly enough to pass the 10 s statement timeout on a busy machine.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE catalogue_product, shop_links_stockistlink")
    return products


def bulk_stories(index, count: int, *, prefix: str = "Geschichte", year: int = 2026):
    """`count` live stories below a story index, dated from 1 January of `year` on, in a few
    queries as `bulk_products` writes products: the tree's columns (path, depth, url_path) are
    worked out here instead of by `add_child` one story at a time (36 ms each, most of it the
    search and reference index updates its signals run; 73 s for 2,000). No revisions, no index
    entries. Replaces the content and structure versions afterwards, as a publish does."""
    index.refresh_from_db()
    content_type = ContentType.objects.get_for_model(StoryPage)
    depth, first, slug_prefix = index.depth + 1, index.numchild, slugify(prefix)
    stories = []
    for number in range(count):
        title, slug = f"{prefix} {number:05d}", f"{slug_prefix}-{number:05d}"
        stories.append(
            StoryPage(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                path=StoryPage._get_path(index.path, depth, first + number + 1),
                depth=depth,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                locale=index.locale,
                live=True,
                lead="Wie ein Ding entsteht.",
                date=datetime.date(year, 1, 1) + datetime.timedelta(days=number % 300),
                body=paragraph("<p>Im Depot entsteht es in Handarbeit.</p>"),
            )
        )
    # Django's bulk_create refuses a model with a parent table: the Page rows first, then the
    # StoryPage rows that point at them (the manager's insert, as bulk_create's own batches).
    page_fields = [field.attname for field in Page._meta.concrete_fields if field.attname != "id"]
    for batch_start in range(0, count, 200):
        batch = stories[batch_start : batch_start + 200]
        pages = Page.objects.bulk_create(
            Page(**{name: getattr(story, name) for name in page_fields}) for story in batch
        )
        for story, page in zip(batch, pages, strict=True):
            story.pk = story.page_ptr_id = page.pk
        StoryPage._base_manager._insert(batch, fields=StoryPage._meta.local_concrete_fields)
    Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + count)
    index.numchild += count
    content_version.invalidate()
