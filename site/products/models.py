"""The label's products at stable addresses: the routable products index and its product pages."""

from functools import partial

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path

from core import content_version, dependencies, fragments, registry
from core.fragments import fragment_value
from core.index_pages import IndexPage
from core.localized import localized_records
from products import line_sheet_routes
from products.line_sheet_routes import route_for


class KeptCountPaginator(Paginator):
    """Pages of live products whose count (every matching row read: 1.5 ms for a shop's 5,000)
    is kept until the catalogue or a shop's links change (`content_version.cached_for_query`),
    so a filtered product index costs the same however much the shop stocks."""

    @cached_property
    def count(self):
        return content_version.cached_for_query(
            "product-count", self.object_list, self.object_list.count
        )


class ProductIndexPage(RoutablePageMixin, IndexPage):
    """The label's products at stable addresses: /<lang>/<index>/<product slug>/.

    Products are catalogue snippets, not pages (the catalogue can hold thousands); this page
    routes their URLs. A former slug answers with a permanent redirect to the current one; a
    product the label no longer sells answers 410 Gone with a way on to its designer.
    """

    per_page = 24
    cache_query_parameters = ("page", "designer", "retailer")

    line_sheet_public = models.BooleanField(
        _("Produktliste öffentlich zum Herunterladen"),
        default=False,
        help_text=_(
            "Besucher:innen können die Produktliste (PDF mit Fotos, Varianten und Preisen) "
            "herunterladen, auch die einer Designer:in. Gilt für alle Sprachen; maßgeblich ist "
            "die deutsche Seite."
        ),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    settings_panels = [*IndexPage.settings_panels, FieldPanel("line_sheet_public")]

    class Meta:
        verbose_name = _("Übersicht Produkte")

    @path("")
    def index(self, request):
        """The products A to Z, 24 a page; `?designer=<ref>` and `?retailer=<key>` narrow them to a
        designer's work and to what a shop stocks (the "show all" links of designer pages and
        the retailers page). A filter that names nobody known is left out, never an error.

        Worked out when the template asks: the listing is a page fragment kept per normalised
        query (`{% fragment "listing" page %}`), its cards fragments of their own shared with
        every list that shows them (`products.presentation.product_cards`)."""

        names = (
            "products",
            "page_obj",
            "filter_designer",
            "filter_retailer",
            "listing_filters",
            "listing_query",
        )
        context = fragments.lazy_values(lambda: self._listing(request), names)
        return self.render(request, context_overrides=context)

    def _listing(self, request) -> dict:
        from catalogue.models import Product
        from products.presentation import live_records, product_cards

        records = live_records().order_by("title", "pk")
        filters, context = {}, {"filter_designer": None, "filter_retailer": None}
        designer = self._designer_filter(request.GET.get("designer", ""))
        if designer is not None:
            records = records.filter(designer_ref=designer.catalogue_ref)
            filters["designer"] = designer.catalogue_ref
            context["filter_designer"] = designer
        retailer = self._retailer_filter(request.GET.get("retailer", ""))
        if retailer is not None:
            records = records.filter(stockist_links__retailer=retailer)
            filters["retailer"] = retailer.list_key
            context["filter_retailer"] = retailer
        # Django's get_page: a page number that is not one shows the first page, one past the end
        # the last (as `designers.models.paginate`, which this app cannot import). Which products
        # a page of the listing holds: a list picked and ordered by columns an editor's save
        # changes only with a save that replaces every list (`Product.row_content_fields`); its
        # cards read their products row by row.
        with dependencies.rows_read(Product, ()):
            page = KeptCountPaginator(records, self.per_page).get_page(request.GET.get("page", 1))
            listed = list(page.object_list.select_related("locale"))
        products = product_cards(request, listed, heading="h2")
        query = {**filters, **({"page": page.number} if page.number > 1 else {})}
        context.update(
            products=products, page_obj=page, listing_filters=filters, listing_query=query
        )
        return context

    def _designer_filter(self, ref: str):
        """The designer page (in this index's language where it is live) of a catalogue ref."""
        from catalogue.designers import designer_pages_by_ref

        page = designer_pages_by_ref([ref]).get(ref) if ref else None
        return page.localized.specific if page is not None else None

    def _retailer_filter(self, key: str):
        """The shop (its German row; the name in this index's language) of a `list_key`."""
        from shop_links.models import Retailer

        retailer = Retailer.shown_by_key(key) if key else None
        if retailer is not None:
            retailer.shown = localized_records(Retailer, [retailer], self.locale)[
                retailer.translation_key
            ]
        return retailer

    @re_path(line_sheet_routes.PATTERN)
    def line_sheet(self, request, name):
        """The line sheet (`products.line_sheet`) in this page's language as a PDF download, all
        live products or `?designer=<ref>`'s; 404 unless editors switched downloads on (the
        German index page's `line_sheet_public`), for an unknown designer or a designer without
        live products; 400 with a message for a malformed or repeated parameter, or a selection
        past `LINE_SHEET_MAX_PRODUCTS`. Kept by the page cache and the edge like a page: a
        catalogue change replaces both."""
        from products.line_sheet_download import download

        if name != route_for(self.locale.language_code):
            raise Http404
        return download(self, request)

    @re_path(r"^(?P<slug>[-\w]+)/$")
    def product(self, request, slug):
        from catalogue.models import Product
        from products.presentation import ProductPageParts

        # The product's German row (its variants, photos and links) at once where the slug is
        # its current one in this language: the address nearly every visitor follows. Found on
        # every request (nothing keeps which row a slug names), then read as that row alone
        # (`dependencies.note_rows`): another product saved leaves this page's parts in place.
        with dependencies.looked_up(Product):
            record = Product.record_at(slug, self.locale)
            if record is None:
                product, moved = Product.resolve_slug(slug, self.locale)
                if product is None:
                    product = Product.objects.filter(
                        slug=slug, locale__language_code=settings.LANGUAGE_CODE
                    ).first()
                if product is None:
                    raise Http404
                if moved:
                    return HttpResponsePermanentRedirect(f"{self.url}{product.slug}/")
                record = product.record
        dependencies.note_rows(Product, [record.translation_key])
        if not record.is_live:
            return self.gone(request, record)

        # Worked out when the template asks, each part on its own (`ProductPageParts`): the
        # page's fragments (`{% fragment "…" record %}`) come from the fragment cache where they
        # were rendered under the versions of what their own parts read.
        parts = ProductPageParts(record, self, request)
        names = (
            *("product", "designer", "makers", "shop_steps", "passport", "where_to_buy"),
            *("variants", "head"),
        )
        context = {name: SimpleLazyObject(partial(getattr, parts, name)) for name in names}
        context["record"] = record
        # Beside the fragments, not in them: the list changes when an event ends
        # (core.freshness; the events app keeps it for the day), and the events app sits above
        # this one (core.registry).
        context["appearances"] = SimpleLazyObject(
            lambda: registry.appearances(request, product_refs=[record.external_id])
        )
        # The language switcher's links, kept as the fragments are (one lookup, no rendering).
        context["language_links_override"] = fragment_value(
            request, f"product-switcher:{record.pk}", lambda: parts.switcher
        )
        return self.render(
            request,
            template="products/product_page.html",
            context_overrides=context,
        )

    def gone(self, request, record):
        """410 Gone: the label no longer sells it; the designer's page is where to go on.

        The product is named by its title in this index's language where the catalogue has
        one (else the German title, marked as German in the template)."""
        from catalogue.designers import designer_pages_by_ref
        from catalogue.models import Product

        designer = record.designer() or designer_pages_by_ref([record.designer_ref]).get(
            record.designer_ref
        )
        designer = designer.localized if designer else None
        text = localized_records(Product, [record], self.locale)[record.translation_key]
        title = text.title
        if text.locale_id != self.locale_id:  # the German title on a page in another language
            title = format_html('<span lang="{}">{}</span>', text.locale.language_code, title)
        response = self.render(
            request,
            template="products/product_gone.html",
            context_overrides={"record": record, "title": title, "designer": designer},
        )
        response.status_code = 410
        return response
