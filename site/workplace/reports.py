"""The translation status report (Berichte → Übersetzungsstand).

For every German page and every German translatable snippet, one row per other language:
whether the translation exists, how much of it is translated (wagtail-localize's segments:
translated / total of the source) and whether the German source changed after its last sync
into wagtail-localize ("veraltet"). Snippets without revisions (disciplines, topics, products)
leave that column empty; navigation, footer, site settings and retailers keep revisions. Rows are
computed, not queried: the filters work on the list. Each row links to the German page or snippet
(its edit view) and, where a translation is on, to wagtail-localize's translation editor, which
is the edit view of the translated page or snippet.
"""

from collections import defaultdict
from dataclasses import dataclass

import django_filters
from django.conf import settings
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page, RevisionMixin, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from core.exports import FormulaSafeExportMixin

PERMISSION = "wagtail_localize.submit_translation"


@dataclass
class StatusRow:
    kind: str
    title: str
    locale: str
    exists: bool
    total: int | None
    translated: int | None
    behind: bool | None
    edit_url: str = ""  # the German page's or snippet's edit view
    translation_url: str = ""  # wagtail-localize's translation editor for this language

    @property
    def percent(self) -> int | None:
        if not self.total:
            return 100 if self.exists and self.total == 0 else None
        return round(100 * self.translated / self.total)

    @property
    def status(self) -> str:
        if not self.exists:
            return "missing"
        if self.behind:
            return "behind"
        if self.percent is not None and self.percent < 100:
            return "incomplete"
        return "complete"

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


STATUS_LABELS = {
    "missing": _("fehlt"),
    "incomplete": _("unvollständig"),
    "behind": _("veraltet"),
    "complete": _("vollständig"),
}


def is_behind(revised_at, source: TranslationSource) -> bool:
    """True when the German object was revised after wagtail-localize last read it (the last
    "Sync translated pages"): its translations then lack the newer German text."""
    return revised_at is not None and revised_at > source.last_updated_at


def translatable_snippet_models():
    return [m for m in get_snippet_models() if issubclass(m, TranslatableMixin)]


def with_progress(translations):
    """Translations annotated with wagtail-localize's progress (`Translation.get_progress`:
    string segments of the source, and those translated without error into the target
    language), worked out in the one query instead of one per translation."""

    def count(segments):
        return Coalesce(
            Subquery(
                segments.order_by().values("source_id").annotate(n=Count("pk")).values("n")[:1]
            ),
            0,
        )

    segments = StringSegment.objects.filter(source_id=OuterRef("source_id"))
    done = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=OuterRef(OuterRef("target_locale_id")),
        has_error=False,
    )
    return translations.annotate(
        segments_total=count(segments), segments_done=count(segments.filter(Exists(done)))
    )


def edit_url(model, pk) -> str:
    if issubclass(model, Page):
        return reverse("wagtailadmin_pages:edit", args=[pk])
    return reverse(model.snippet_viewset.get_url_name("edit"), args=[quote(pk)])


def status_rows() -> list[StatusRow]:
    """One row per German object and other language. The queries do not grow with the rows:
    sources, translations with their progress, and per model its German objects and their
    translations."""
    german = Locale.get_default()
    targets = list(Locale.objects.exclude(pk=german.pk).order_by("language_code"))
    # One source per translatable object (its translation_key) and language.
    sources = {s.object_id: s for s in TranslationSource.objects.filter(locale=german)}
    translations = {
        (t.source_id, t.target_locale_id): t
        for t in with_progress(Translation.objects.filter(source__locale=german))
    }
    models = [(Page, _("Seite"))] + [
        (model, model._meta.verbose_name) for model in translatable_snippet_models()
    ]
    rows = []
    for model, kind in models:
        objects = model.objects.filter(locale=german)
        if model is Page:
            objects = objects.filter(depth__gt=1).select_related("latest_revision").order_by("path")
        elif issubclass(model, RevisionMixin):
            objects = objects.select_related("latest_revision")
        objects = list(objects)
        # The other languages' versions: (translation_key, locale) -> pk, in one query.
        translated_pks = {
            (key, locale_id): pk
            for key, locale_id, pk in model.objects.filter(
                translation_key__in=[obj.translation_key for obj in objects]
            )
            .exclude(locale=german)
            .values_list("translation_key", "locale_id", "pk")
        }
        for obj in objects:
            source = sources.get(obj.translation_key)
            revised = getattr(getattr(obj, "latest_revision", None), "created_at", None)
            for locale in targets:
                translation = source and translations.get((source.pk, locale.pk))
                target_pk = translated_pks.get((obj.translation_key, locale.pk))
                exists = target_pk is not None
                behind = None
                if exists and source and revised:
                    behind = is_behind(revised, source)
                rows.append(
                    StatusRow(
                        str(kind),
                        str(obj),
                        locale.language_code,
                        exists,
                        translation.segments_total if translation else None,
                        translation.segments_done if translation else None,
                        behind,
                        edit_url=edit_url(model, obj.pk),
                        # wagtail-localize opens its editor on the translated object's edit
                        # view while the translation is on (not converted to manual editing).
                        translation_url=edit_url(model, target_pk)
                        if exists and translation and translation.enabled
                        else "",
                    )
                )
    return rows


def outdated_translations() -> list[tuple[str, list[str]]]:
    """(title, language codes) of each German page or snippet changed after its last sync that
    has translations: the report's "veraltet" rows, grouped, newest change first.

    The same rule as `status_rows`, worked out in the database: two queries per model that keeps
    revisions, however many objects there are (the dashboard shows it on every visit).
    """
    german = Locale.get_default()
    synced = TranslationSource.objects.filter(
        locale=german, object_id=OuterRef("translation_key")
    ).values("last_updated_at")[:1]
    models = [Page] + [m for m in translatable_snippet_models() if issubclass(m, RevisionMixin)]
    changed = []
    for model in models:
        rows = list(
            model.objects.filter(locale=german)
            .annotate(synced=Subquery(synced))
            .filter(latest_revision__created_at__gt=F("synced"))
            .select_related("locale", "latest_revision")
        )
        if not rows:
            continue
        languages = defaultdict(list)
        for key, code in (
            model.objects.filter(translation_key__in=[row.translation_key for row in rows])
            .exclude(locale=german)
            .order_by("locale__language_code")
            .values_list("translation_key", "locale__language_code")
        ):
            languages[key].append(code)
        changed += [
            (row.latest_revision.created_at, str(row), languages[row.translation_key])
            for row in rows
            if languages[row.translation_key]
        ]
    changed.sort(key=lambda item: item[0], reverse=True)
    return [(title, codes) for _when, title, codes in changed]


class RowList(list):
    """A list the listing view can treat like a queryset."""

    def all(self):
        return self


class TranslationStatusFilterSet(WagtailFilterSet):
    locale = django_filters.ChoiceFilter(
        label=_("Sprache"),
        choices=[(code, name) for code, name in settings.LANGUAGES if code != "de"],
        method="filter_locale",
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=list(STATUS_LABELS.items()), method="filter_status"
    )

    class Meta:
        model = TranslationSource
        fields = []

    def filter_queryset(self, rows):
        # django-filter insists on querysets; the rows are a computed list.
        for name, value in self.form.cleaned_data.items():
            if value:
                rows = getattr(self, self.filters[name].method)(rows, name, value)
        return rows

    def filter_locale(self, rows, name, value):
        return RowList(row for row in rows if row.locale == value)

    def filter_status(self, rows, name, value):
        return RowList(row for row in rows if row.status == value)


class TranslationLinkColumn(Column):
    """A link to the row's translation editor, named for screen readers by page and language."""

    cell_template_name = "workplace/tables/translation_link_cell.html"


class TranslationStatusView(FormulaSafeExportMixin, ReportView):
    page_title = _("Übersetzungsstand")
    header_icon = "wagtail-localize-language"
    index_url_name = "workplace_translation_status"
    index_results_url_name = "workplace_translation_status_results"
    filterset_class = TranslationStatusFilterSet
    paginate_by = 100
    columns = [
        TitleColumn("title", label=_("Inhalt"), get_url=lambda row: row.edit_url),
        Column("kind", label=_("Art")),
        Column("locale", label=_("Sprache")),
        Column("status_label", label=_("Status")),
        Column("percent", label=_("Übersetzt (%)")),
        TranslationLinkColumn("translation_url", label=_("Übersetzung")),
    ]
    list_export = ["title", "kind", "locale", "status_label", "translated", "total", "behind"]
    export_headings = {
        "title": _("Inhalt"),
        "kind": _("Art"),
        "locale": _("Sprache"),
        "status_label": _("Status"),
        "translated": _("Übersetzte Segmente"),
        "total": _("Segmente"),
        "behind": _("Veraltet"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return "uebersetzungsstand"

    def get_queryset(self):
        return RowList(status_rows())
