"""Designer portraits and product stories: the pages visitors read about the label's people."""

from django import forms
from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Q
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core import fragments, registry, seo
from core.index_pages import IndexPage
from core.localized import in_language_else_german
from core.models import BasePage
from designers.blocks import BiographyStreamBlock, StoryStreamBlock


class TaxonomyTerm(TranslatableMixin, models.Model):
    """A translatable term with a slug shared by all its translations.

    The slug is synchronised from German, so `?discipline=wood` filters the same way in every
    language while the name is shown in the visitor's language.
    """

    name = models.CharField(_("Name"), max_length=60)
    slug = models.SlugField(_("Kürzel"), max_length=60, help_text=_("Für Adressen, z. B. „holz“."))

    panels = [FieldPanel("name"), FieldPanel("slug")]
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Discipline(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("Disziplin")
        verbose_name_plural = _("Disziplinen")


class StoryTag(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")


class TermsPageForm(WagtailAdminPageForm):
    """Disciplines and topics offer the German terms only (7 checkboxes, not one per term and
    language): wagtail-localize copies a page's terms into its translations unchanged (the field
    is synchronised), and pages show each term in the visitor's language by its translation key.
    Terms a page already has stay offered, whatever their language, so saving never drops one.
    """

    term_fields = ("disciplines", "tags")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.term_fields:
            if name not in self.fields:
                continue
            field = self.fields[name]
            chosen = [term.pk for term in getattr(self.instance, name).all()]
            field.queryset = field.queryset.filter(
                Q(locale__language_code=settings.LANGUAGE_CODE) | Q(pk__in=chosen)
            )


def term_panel(name: str) -> FieldPanel:
    """Checkboxes: a multiple select drops every other choice at a click without Ctrl."""
    return FieldPanel(name, widget=forms.CheckboxSelectMultiple)


def localized_terms(model, terms) -> dict[object, TaxonomyTerm]:
    """The visitor's-language version of each term (German where missing), in one query."""
    keys = {term.translation_key for term in terms}
    return in_language_else_german(
        model.objects.filter(translation_key__in=keys).select_related("locale")
    )


def filter_by_term(request, items, terms, param: str, lookup: str):
    """(items, selected slug): narrowed to the term the query string names, if it is one of `terms`.

    Anything else in the query string (unknown slugs, garbage) shows everything, never an error.
    """
    selected = request.GET.get(param, "")
    if selected and any(term.slug == selected for term in terms):
        return items.filter(**{lookup: selected}).distinct(), selected
    return items, ""


def listing_query(selected: dict, page) -> dict:
    """The query a list's page is known by (its canonical and alternates): the chosen filter and,
    past the first page, the page number."""
    query = {name: value for name, value in selected.items() if value}
    if page.number > 1:
        query["page"] = page.number
    return query


def paginate(request, queryset, per_page):
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


class DesignerIndexPage(IndexPage):
    """All designers as portrait cards, filterable by discipline, paginated."""

    per_page = 12
    cache_query_parameters = ("discipline", "page")

    parent_page_types = ["home.HomePage"]
    subpage_types = ["designers.DesignerPage"]

    class Meta:
        verbose_name = _("Übersicht Designer:innen")

    def designers(self):
        return (
            DesignerPage.objects.live()
            .public()
            .child_of(self)
            .select_related("portrait")
            .prefetch_related("portrait__renditions", "disciplines")
            .order_by("title")
        )

    def get_context(self, request, *args, **kwargs):
        """The list is worked out when the template asks: it is a page fragment kept per
        normalised query (`{% fragment "listing" page %}`), read from the cache without a query."""
        context = super().get_context(request, *args, **kwargs)
        names = ("designers", "disciplines", "selected_discipline", "listing_query")
        context.update(fragments.lazy_values(lambda: self._listing(request), names))
        return context

    def _listing(self, request) -> dict:
        designers = self.designers()
        disciplines = list(Discipline.objects.filter(locale=self.locale).order_by("name"))
        if not disciplines:
            disciplines = list(
                Discipline.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
            )
        designers, selected = filter_by_term(
            request, designers, disciplines, "discipline", "disciplines__slug"
        )
        page = paginate(request, designers, self.per_page)
        terms = localized_terms(
            Discipline, [d for designer in page for d in designer.disciplines.all()]
        )
        for designer in page:
            designer.discipline_names = [
                terms[d.translation_key].name for d in designer.disciplines.all()
            ]
        return {
            "designers": page,
            "disciplines": disciplines,
            "selected_discipline": selected,
            "listing_query": listing_query({"discipline": selected}, page),
        }


class DesignerPage(BasePage):
    portrait = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Porträt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Den Fokuspunkt im Bild auf das Gesicht setzen: Zuschnitte richten sich danach."
        ),
    )
    disciplines = ParentalManyToManyField(Discipline, verbose_name=_("Disziplinen"), blank=True)
    studio = models.CharField(_("Studio"), max_length=120, blank=True)
    city = models.CharField(_("Ort"), max_length=80, blank=True)
    lead = models.TextField(_("Kurzvorstellung"), max_length=400)
    biography = StreamField(BiographyStreamBlock(), verbose_name=_("Biografie"), blank=True)
    catalogue_ref = models.SlugField(
        _("Kennung im Katalog"),
        max_length=80,
        blank=True,
        db_index=True,
        help_text=_(
            "Die „ref“ der Designerin / des Designers im Label-Katalog; verbindet die Produkte."
        ),
    )
    website = models.URLField(_("Eigene Website"), blank=True)

    base_form_class = TermsPageForm
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("portrait"), FieldPanel("lead"), term_panel("disciplines")],
            heading=_("Porträt"),
        ),
        MultiFieldPanel(
            [FieldPanel("studio"), FieldPanel("city"), FieldPanel("website")], heading=_("Studio")
        ),
        FieldPanel("biography"),
        InlinePanel("links", label=_("Profile in sozialen Medien")),
        FieldPanel("catalogue_ref"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        SynchronizedField("portrait"),
        SynchronizedField("disciplines"),
        SynchronizedField("studio"),
        SynchronizedField("city"),
        TranslatableField("lead"),
        TranslatableField("biography"),
        SynchronizedField("catalogue_ref"),
        SynchronizedField("website"),
        SynchronizedField("links"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("lead"),
        index.SearchField("biography"),
        index.SearchField("studio"),
        index.FilterField("catalogue_ref"),
    ]
    parent_page_types = ["designers.DesignerIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Designer:in")
        verbose_name_plural = _("Designer:innen")

    og_type = "profile"
    images_in_fragments = True  # the portrait: in the "designer" and `<head>` fragments only
    search_kind = _("Designer:in")
    search_kind_count = ngettext_lazy("%(count)s Designer:in", "%(count)s Designer:innen", "count")

    def get_social_image(self):
        return self.social_image or self.portrait

    def get_card_image(self):
        """The portrait on cards (the search's), whatever picture is shared."""
        return self.portrait or self.social_image

    def get_structured_data(self, request) -> list[dict]:
        person = {
            "@context": seo.SCHEMA_ORG,
            "@type": "Person",
            "name": self.title,
            "url": seo.page_url(self, request),
            "description": seo.plain_text(self.lead),
            "jobTitle": str(_("Designer:in")),
            "affiliation": {"@id": seo.organization_id(request)},
        }
        if self.city:
            person["address"] = {"@type": "PostalAddress", "addressLocality": self.city}
        same_as = [self.website] if self.website else []
        same_as += [link.url for link in self.social_links]
        if same_as:
            person["sameAs"] = same_as
        image = seo.image_object(self.portrait, request) if self.portrait else None
        if image:
            person["image"] = image
        return [*super().get_structured_data(request), person]

    @cached_property
    def social_links(self):
        """The designer's own profiles (the page and its structured data show them)."""
        return list(self.links.all())

    def stories(self):
        """Live stories in this page's language that feature this designer (in any language)."""
        return (
            StoryPage.objects.live()
            .public()
            .filter(
                locale=self.locale,
                featured_designers__designer__translation_key=self.translation_key,
            )
            .select_related("hero_image")
            .prefetch_related("hero_image__renditions")
            .distinct()
            .order_by("-date")
        )

    def get_context(self, request, *args, **kwargs):
        # Worked out when the template asks, which it does not where the page's content comes
        # from the fragment cache (`{% fragment %}`, `core.templatetags.fragment_tags`).
        from products.presentation import designer_products
        from products.where_to_buy import for_designer

        def discipline_names():
            disciplines = list(self.disciplines.all())
            terms = localized_terms(Discipline, disciplines)
            return [terms[d.translation_key].name for d in disciplines]

        context = super().get_context(request, *args, **kwargs)
        context["discipline_names"] = SimpleLazyObject(discipline_names)
        context["stories"] = SimpleLazyObject(lambda: list(self.stories()[:6]))
        context["products"] = SimpleLazyObject(lambda: designer_products(self, request=request))
        context["where_to_buy"] = SimpleLazyObject(lambda: for_designer(self))
        context["social_links"] = SimpleLazyObject(lambda: self.social_links)
        # Beside the fragment, not in it: the list changes when an event ends (core.freshness;
        # the events app keeps it for the day).
        context["appearances"] = SimpleLazyObject(
            lambda: registry.appearances(request, designer_keys=[self.translation_key])
        )
        return context


class DesignerLink(Orderable):
    class Platform(models.TextChoices):
        INSTAGRAM = "instagram", "Instagram"
        MASTODON = "mastodon", "Mastodon"
        PINTEREST = "pinterest", "Pinterest"
        BEHANCE = "behance", "Behance"
        LINKEDIN = "linkedin", "LinkedIn"
        OTHER = "other", _("Andere")

    page = ParentalKey(DesignerPage, on_delete=models.CASCADE, related_name="links")
    platform = models.CharField(_("Plattform"), max_length=20, choices=Platform.choices)
    url = models.URLField(_("Adresse"))

    panels = [FieldPanel("platform"), FieldPanel("url")]

    def __str__(self):
        return f"{self.get_platform_display()}: {self.url}"


class StoryIndexPage(IndexPage):
    """Product stories, newest first, filterable by topic."""

    per_page = 9
    cache_query_parameters = ("tag", "page")

    parent_page_types = ["home.HomePage"]
    subpage_types = ["designers.StoryPage"]

    class Meta:
        verbose_name = _("Übersicht Geschichten")

    def get_context(self, request, *args, **kwargs):
        """The list is worked out when the template asks, as the designers' (a kept fragment)."""
        context = super().get_context(request, *args, **kwargs)
        names = ("stories", "tags", "selected_tag", "listing_query")
        context.update(fragments.lazy_values(lambda: self._listing(request), names))
        return context

    def _listing(self, request) -> dict:
        stories = (
            StoryPage.objects.live()
            .public()
            .child_of(self)
            .select_related("hero_image")
            .prefetch_related("hero_image__renditions")
            .order_by("-date", "title")
        )
        tags = list(StoryTag.objects.filter(locale=self.locale).order_by("name"))
        stories, selected = filter_by_term(request, stories, tags, "tag", "tags__slug")
        page = paginate(request, stories, self.per_page)
        return {
            "stories": page,
            "tags": tags,
            "selected_tag": selected,
            "listing_query": listing_query({"tag": selected}, page),
        }


class StoryPage(BasePage):
    lead = models.TextField(_("Vorspann"), max_length=400)
    date = models.DateField(_("Datum"))
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Aufmacherbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(StoryStreamBlock(), verbose_name=_("Geschichte"))
    tags = ParentalManyToManyField(StoryTag, verbose_name=_("Themen"), blank=True)

    images_in_fragments = True  # the hero image: in the "story" and `<head>` fragments only
    base_form_class = TermsPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("date"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        InlinePanel("featured_designers", label=_("Vorgestellte Designer:innen")),
        term_panel("tags"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("lead"),
        SynchronizedField("date"),
        SynchronizedField("hero_image"),
        TranslatableField("body"),
        SynchronizedField("tags"),
        SynchronizedField("featured_designers"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("lead"), index.SearchField("body")]
    parent_page_types = ["designers.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Geschichte")
        verbose_name_plural = _("Geschichten")

    og_type = "article"
    search_kind = _("Geschichte")
    search_kind_count = ngettext_lazy("%(count)s Geschichte", "%(count)s Geschichten", "count")

    def get_social_image(self):
        return self.social_image or self.hero_image

    def get_structured_data(self, request) -> list[dict]:
        article = {
            "@context": seo.SCHEMA_ORG,
            "@type": "Article",
            "headline": self.title,
            "description": seo.plain_text(self.lead),
            "url": seo.page_url(self, request),
            "inLanguage": self.locale.language_code,
            "datePublished": self.date.isoformat(),
            # The live page's last publish: a draft's date (`latest_revision_created_at`) is
            # nothing visitors have seen, and saving a draft changes nothing they are served.
            "dateModified": self.last_published_at.date().isoformat()
            if self.last_published_at
            else self.date.isoformat(),
            "publisher": {"@id": seo.organization_id(request)},
            "author": [
                {
                    "@type": "Person",
                    "name": designer.title,
                    "url": seo.page_url(localized, request),
                }
                for designer, localized in self.featured_designer_pages()
            ]
            or {"@id": seo.organization_id(request)},
        }
        image = seo.image_object(self.hero_image, request) if self.hero_image else None
        if image:
            article["image"] = image
        return [*super().get_structured_data(request), article]

    def get_context(self, request, *args, **kwargs):
        # Worked out when the template asks (not where the story comes from the fragment cache).
        def tag_list():
            tags = list(self.tags.all())
            terms = localized_terms(StoryTag, tags)
            return [terms[tag.translation_key] for tag in tags]

        context = super().get_context(request, *args, **kwargs)
        context["tag_list"] = SimpleLazyObject(tag_list)
        context["designers"] = SimpleLazyObject(
            lambda: [
                localized for designer, localized in self.featured_designer_pages() if designer.live
            ]
        )
        return context

    def featured_designer_pages(self) -> list[tuple["DesignerPage", "DesignerPage"]]:
        """(designer as chosen, the same in the visitor's language where that is live): two
        queries however many designers, once per request."""
        from core.i18n import memoised

        def load():
            from wagtail.models import Locale

            chosen = [item.designer for item in self.featured_designers.select_related("designer")]
            locale = Locale.get_active()
            translations = {
                page.translation_key: page
                for page in DesignerPage.objects.live().filter(
                    translation_key__in=[d.translation_key for d in chosen], locale=locale
                )
            }
            return [
                (d, d if d.locale_id == locale.pk else translations.get(d.translation_key, d))
                for d in chosen
            ]

        return memoised(("featured_designers", self.pk), load)


class StoryDesigner(Orderable):
    """A designer the story features; shown in the visitor's language when translated."""

    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="featured_designers")
    designer = models.ForeignKey(
        DesignerPage, verbose_name=_("Designer:in"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("designer")]

    def __str__(self):
        return str(self.designer)
