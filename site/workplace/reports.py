"""The translation status report (Berichte → Übersetzungsstand).

For every German page and every German translatable snippet, one row per other language:
whether the translation exists, how much of it is translated (wagtail-localize's segments:
translated / total of the source) and whether the German source changed after its last sync
into wagtail-localize ("veraltet"). Snippets keep no revisions, so for them that column stays
empty. Rows are computed, not queried: the filters work on the list.
"""

from dataclasses import dataclass

import django_filters
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import Translation, TranslationSource

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


def status_rows() -> list[StatusRow]:
    german = Locale.get_default()
    targets = list(Locale.objects.exclude(pk=german.pk).order_by("language_code"))
    # One source per translatable object (its translation_key) and language.
    sources = {s.object_id: s for s in TranslationSource.objects.filter(locale=german)}
    progress = {
        (t.source_id, t.target_locale_id): t.get_progress()
        for t in Translation.objects.filter(source__in=sources.values()).select_related("source")
    }
    rows = []
    items = [
        (page, _("Seite"))
        for page in Page.objects.filter(locale=german, depth__gt=1)
        .select_related("latest_revision")
        .specific()
        .order_by("path")
    ]
    for model in translatable_snippet_models():
        items += [(obj, model._meta.verbose_name) for obj in model.objects.filter(locale=german)]
    for obj, kind in items:
        translations = {
            t.locale_id for t in obj.get_translations().only("locale_id", "translation_key")
        }
        source = sources.get(obj.translation_key)
        revised = getattr(getattr(obj, "latest_revision", None), "created_at", None)
        for locale in targets:
            total = translated = None
            if source and (source.pk, locale.pk) in progress:
                total, translated = progress[(source.pk, locale.pk)]
            exists = locale.pk in translations
            behind = None
            if exists and source and revised:
                behind = is_behind(revised, source)
            rows.append(
                StatusRow(
                    str(kind), str(obj), locale.language_code, exists, total, translated, behind
                )
            )
    return rows


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


class TranslationStatusView(FormulaSafeExportMixin, ReportView):
    page_title = _("Übersetzungsstand")
    header_icon = "wagtail-localize-language"
    index_url_name = "workplace_translation_status"
    index_results_url_name = "workplace_translation_status_results"
    filterset_class = TranslationStatusFilterSet
    paginate_by = 100
    columns = [
        Column("title", label=_("Inhalt")),
        Column("kind", label=_("Art")),
        Column("locale", label=_("Sprache")),
        Column("status_label", label=_("Status")),
        Column("percent", label=_("Übersetzt (%)")),
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
