"""Events: trade fairs, markets and open workshop days where the label's designers and products
can be met, one page each below an index that lists the upcoming and the past ones.

Dates are the Berlin calendar's (`BERLIN`): an event runs from its first to its last day, with
times or all day, and counts as upcoming until the end of its last day (`today()`). What a page
shows because an event is still upcoming is right only until then: the pages say so
(`core.freshness`), so the page cache renders them again the day after, without an edit.
"""

import datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core import dependencies, freshness
from core.index_pages import IndexPage, index_page_url
from core.models import BasePage
from designers.models import TermsPageForm, listing_query, paginate

BERLIN = ZoneInfo("Europe/Berlin")
# The feed lists events that ended up to this many days ago beside the upcoming ones.
RECENT_DAYS = 60
# At most this many events in the index's upcoming list and in the feed.
UPCOMING_LIMIT = 50
FEED_LIMIT = 200


def today() -> datetime.date:
    """Today in Berlin, the calendar every event's dates are in."""
    return timezone.localdate(timezone=BERLIN)


def midnight_after(day: datetime.date) -> datetime.datetime:
    """The start of the day after `day` in Berlin: when an event ending on `day` is over."""
    return datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), BERLIN)


class EventKind(models.TextChoices):
    TRADE_FAIR = "trade_fair", _("Messe")
    MARKET = "market", _("Markt")
    OPEN_WORKSHOP = "open_workshop", _("Offene Werkstatt")
    OTHER = "other", _("Veranstaltung")


class EventPageForm(TermsPageForm):
    """The designers offered are the German pages (their translations are synchronised)."""

    term_fields = ("designers",)


class EventIndexPage(RoutablePageMixin, IndexPage):
    """The upcoming events (soonest first) and the past ones (latest first, paginated), and the
    iCalendar feed of the upcoming and recent ones at `events.ics`."""

    per_page = 10
    cache_query_parameters = ("page",)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("Übersicht Termine")

    def events(self):
        return EventPage.objects.live().public().child_of(self).select_related("image")

    def upcoming(self, day: datetime.date):
        return list(
            self.events()
            .filter(end_date__gte=day)
            .order_by("start_date", "start_time", "title")[:UPCOMING_LIMIT]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        day = today()
        upcoming = self.upcoming(day)
        past = paginate(
            request,
            self.events().filter(end_date__lt=day).order_by("-end_date", "-start_date", "title"),
            self.per_page,
        )
        if upcoming:  # the first to end moves to the past the day after
            freshness.fresh_until(request, midnight_after(min(e.end_date for e in upcoming)))
        context.update(
            upcoming=upcoming,
            past=past,
            listing_query=listing_query({}, past),
            feed_url=self.url + "events.ics" if self.url else "",
        )
        return context

    @re_path(r"^events\.ics/$", name="feed")
    def feed(self, request):
        from events import calendar

        day = today()
        events = list(
            self.events()
            .filter(end_date__gte=day - datetime.timedelta(days=RECENT_DAYS))
            .order_by("start_date", "start_time", "title")[:FEED_LIMIT]
        )
        if events:  # the first to leave the feed leaves it the day after its window
            last = min(e.end_date for e in events) + datetime.timedelta(days=RECENT_DAYS)
            freshness.fresh_until(request, midnight_after(last))
        return calendar.response(request, events, filename=None)


class EventPage(RoutablePageMixin, BasePage):
    kind = models.CharField(
        _("Art"), max_length=20, choices=EventKind.choices, default=EventKind.TRADE_FAIR
    )
    start_date = models.DateField(_("Erster Tag"))
    start_time = models.TimeField(
        _("Beginn"), null=True, blank=True, help_text=_("Leer: ganztägig.")
    )
    end_date = models.DateField(
        _("Letzter Tag"), blank=True, help_text=_("Leer: derselbe Tag wie der erste.")
    )
    end_time = models.TimeField(
        _("Ende"), null=True, blank=True, help_text=_("Uhrzeit am letzten Tag; leer: offen.")
    )
    cancelled = models.BooleanField(
        _("Abgesagt"),
        default=False,
        help_text=_("Die Seite bleibt und zeigt deutlich, dass der Termin ausfällt."),
    )
    lead = models.TextField(_("Kurzbeschreibung"), max_length=400)
    body = RichTextField(
        _("Text"), blank=True, features=["bold", "italic", "link", "ul", "ol", "h2", "h3"]
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Bild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    venue = models.CharField(_("Veranstaltungsort"), max_length=120)
    street = models.CharField(_("Straße und Hausnummer"), max_length=120, blank=True)
    postcode = models.CharField(_("Postleitzahl"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=80)
    country = models.CharField(
        _("Land"), max_length=2, default="DE", help_text=_("Zweistelliger Ländercode, z. B. DE.")
    )
    venue_url = models.URLField(_("Website des Veranstaltungsorts"), blank=True)
    booth = models.CharField(
        _("Stand"), max_length=40, blank=True, help_text=_("z. B. „Halle 2, B14“.")
    )
    designers = ParentalManyToManyField(
        "designers.DesignerPage",
        verbose_name=_("Designer:innen vor Ort"),
        blank=True,
        related_name="event_pages",
    )

    base_form_class = EventPageForm
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
                FieldPanel("cancelled"),
            ],
            heading=_("Wann"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue"),
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city"), FieldPanel("country")]),
                FieldPanel("venue_url"),
                FieldPanel("booth"),
            ],
            heading=_("Wo"),
        ),
        FieldPanel("lead"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("designers", widget=forms.CheckboxSelectMultiple),
        InlinePanel("products", label=_("Produkte vor Ort")),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        SynchronizedField("kind"),
        SynchronizedField("start_date"),
        SynchronizedField("start_time"),
        SynchronizedField("end_date"),
        SynchronizedField("end_time"),
        SynchronizedField("cancelled"),
        TranslatableField("lead"),
        TranslatableField("body"),
        SynchronizedField("image"),
        TranslatableField("venue"),
        SynchronizedField("street"),
        SynchronizedField("postcode"),
        SynchronizedField("city"),
        SynchronizedField("country"),
        SynchronizedField("venue_url"),
        TranslatableField("booth"),  # "Halle 3, C12" is German: "Hall 3", "Hal 3"
        SynchronizedField("designers"),
        SynchronizedField("products"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("venue"),
        index.SearchField("city"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    og_type = "website"
    search_kind = _("Termin")
    search_kind_count = ngettext_lazy("%(count)s Termin", "%(count)s Termine", "count")

    class Meta:
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")

    # When ------------------------------------------------------------------------------------

    def clean(self):
        super().clean()
        if self.end_date is None and self.start_date is not None:
            self.end_date = self.start_date
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("Der letzte Tag liegt vor dem ersten.")
        if self.end_time is not None and self.start_time is None:
            errors["end_time"] = _("Ein Ende mit Uhrzeit braucht auch einen Beginn mit Uhrzeit.")
        elif (
            self.start_time is not None
            and self.end_time is not None
            and self.start_date == self.end_date
            and self.end_time <= self.start_time
        ):
            errors["end_time"] = _("Das Ende liegt vor dem Beginn.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.end_date is None:
            self.end_date = self.start_date
        return super().save(*args, **kwargs)

    @property
    def all_day(self) -> bool:
        return self.start_time is None

    @property
    def starts_at(self) -> datetime.date | datetime.datetime:
        """The first day, or its first moment in Berlin when a time is given."""
        if self.start_time is None:
            return self.start_date
        return datetime.datetime.combine(self.start_date, self.start_time, BERLIN)

    @property
    def ends_at(self) -> datetime.date | datetime.datetime | None:
        """The last day (all-day events), the moment the event ends in Berlin, or None for a
        timed event with no end given (it ends with its last day)."""
        end_date = self.end_date or self.start_date
        if self.start_time is None:
            return end_date
        if self.end_time is None:
            return None
        return datetime.datetime.combine(end_date, self.end_time, BERLIN)

    @property
    def multi_day(self) -> bool:
        return bool(self.end_date and self.end_date != self.start_date)

    def is_past(self, day: datetime.date | None = None) -> bool:
        return (self.end_date or self.start_date) < (day or today())

    # Where -----------------------------------------------------------------------------------

    @property
    def address_lines(self) -> list[str]:
        """The venue's address as written on an envelope (without the country)."""
        place = " ".join(part for part in (self.postcode, self.city) if part)
        return [line for line in (self.venue, self.street, place) if line]

    @property
    def map_url(self) -> str:
        """A search for the address on OpenStreetMap: a plain link, nothing loaded here."""
        query = ", ".join(part for part in (self.street, self.postcode, self.city) if part)
        return "https://www.openstreetmap.org/search?" + urlencode({"query": query})

    # What a visitor sees ---------------------------------------------------------------------

    @cached_property
    def localized_designers(self) -> list:
        """The designers at the event, each in this page's language where that page is live
        (else the German one), A to Z."""
        from designers.models import DesignerPage

        chosen = list(self.designers.all())
        if not chosen:
            return []
        keys = [page.translation_key for page in chosen]
        pages = {}
        for page in (
            DesignerPage.objects.live()
            .public()
            .filter(
                translation_key__in=keys,
                locale__language_code__in=[self.locale.language_code, settings.LANGUAGE_CODE],
            )
            .select_related("locale", "portrait")
            .prefetch_related("portrait__renditions")
        ):
            if page.translation_key not in pages or page.locale_id == self.locale_id:
                pages[page.translation_key] = page
        return sorted(pages.values(), key=lambda page: page.title)

    def product_records(self):
        """The German catalogue rows of the products at the event that are live, in the order
        the editors gave."""
        from catalogue.models import Product
        from products.presentation import live_records

        ids = [link.external_id for link in self.products.all()]
        if not ids:
            return []
        # Picked by catalogue id and liveness, which an editor's save of a product changes only
        # with every list (`Product.row_content_fields`); the cards read their rows one by one.
        with dependencies.rows_read(Product, ()):
            by_id = {
                record.external_id: record
                for record in live_records().filter(external_id__in=ids).select_related("locale")
            }
        return [by_id[external_id] for external_id in ids if external_id in by_id]

    def get_context(self, request, *args, **kwargs):
        from products.presentation import product_cards

        context = super().get_context(request, *args, **kwargs)
        if not self.is_past():  # shown as upcoming until the day after it ends
            freshness.fresh_until(request, midnight_after(self.end_date or self.start_date))
        context["is_past"] = self.is_past()
        context["designer_pages"] = self.localized_designers
        context["product_cards"] = product_cards(request, self.product_records())
        context["ics_url"] = self.url + "event.ics" if self.url else ""
        context["index_url"] = index_page_url(EventIndexPage, self.locale)
        return context

    def get_social_image(self):
        return self.social_image or self.image

    def get_card_image(self):
        return self.image or self.social_image

    def get_structured_data(self, request) -> list[dict]:
        from events.structured_data import event_object

        return [*super().get_structured_data(request), event_object(self, request)]

    @re_path(r"^event\.ics/$", name="ics")
    def ics(self, request):
        from events import calendar

        return calendar.response(request, [self], filename=f"{slugify(self.slug) or 'event'}.ics")


class EventProduct(Orderable):
    """A catalogue product shown at an event, named by its catalogue id (`external_id`), which
    stays the same across catalogue syncs and languages."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="products")
    external_id = models.CharField(
        _("Katalog-ID"),
        max_length=64,
        help_text=_("Die ID des Produkts im Katalog, z. B. MAN-0001."),
    )

    panels = [FieldPanel("external_id")]

    class Meta(Orderable.Meta):
        verbose_name = _("Produkt vor Ort")
        verbose_name_plural = _("Produkte vor Ort")

    def clean(self):
        from catalogue.models import Product

        super().clean()
        code = (self.external_id or "").strip()
        found = (
            Product.objects.filter(
                external_id__iexact=code, locale__language_code=settings.LANGUAGE_CODE
            )
            .values_list("external_id", flat=True)
            .first()
        )
        if found is None:
            raise ValidationError(
                {
                    "external_id": _("Kein Produkt mit dieser ID im Katalog: „%(id)s“.")
                    % {"id": code}
                }
            )
        self.external_id = found

    def __str__(self):
        return self.external_id
