"""The admin's "Hang tags": for one product (its listing row's menu, its edit view's actions) or
a selection (a bulk action in the products listing) → a small form (language, tags per product)
→ the PDF sheet (`products.hang_tags`) as a download.

Who may: users who may see or change catalogue products (the catalogue managers, editors,
moderators, translators), nobody else. What is refused with a message on the form, never a
half-made sheet: no product, more than `MAX_PRODUCTS`, ids that are no product, a count outside
1–40, a language the site does not have. Products that are not live (draft or archived in the
catalogue) get no tags — their passport leads nowhere useful — and the form names them.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin import messages
from wagtail.admin.ui.menus import MenuItem
from wagtail.models import Site
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from catalogue.models import Product
from products import hang_tags

URL_NAME = "products_hang_tags"
ALL = "all"  # the listing's "select all" (Wagtail's bulk actions send `id=all`)


def may_print(user) -> bool:
    return user.has_perm("catalogue.view_product") or user.has_perm("catalogue.change_product")


def hang_tags_url(*ids) -> str:
    return f"{reverse(URL_NAME)}?{urlencode([('id', pk) for pk in ids])}"


class HangTagForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Sprache der Etiketten"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        help_text=gettext_lazy(
            "Name und Geschichte in dieser Sprache; wo eine Übersetzung fehlt, auf Deutsch."
        ),
    )
    per_product = forms.IntegerField(
        label=gettext_lazy("Etiketten je Produkt"),
        min_value=1,
        max_value=hang_tags.MAX_TAGS_PER_PRODUCT,
        initial=hang_tags.DEFAULT_TAGS_PER_PRODUCT,
        help_text=gettext_lazy("1 bis 40. Auf ein A4-Blatt passen 9 Etiketten."),
    )


class Selection:
    """The products chosen by the ids of a request: their German rows to print, those that are
    not live, and what is wrong with the ids (nothing is printed then)."""

    def __init__(self, raw_ids: list[str]):
        self.records: list[Product] = []
        self.not_live: list[Product] = []
        self.errors: list[str] = []
        ids = self._ids(raw_ids)
        if ids is None or self.errors:
            return
        rows = Product.objects.filter(pk__in=ids)
        found = set(rows.values_list("pk", flat=True))
        if missing := sorted(ids - found):
            self.errors.append(
                ngettext(
                    "Es gibt kein Produkt mit der Nummer %(ids)s (gelöscht oder kein Produkt).",
                    "Es gibt keine Produkte mit den Nummern %(ids)s (gelöscht oder keine "
                    "Produkte).",
                    len(missing),
                )
                % {"ids": ", ".join(map(str, missing[:10])) + (" …" if len(missing) > 10 else "")}
            )
            return
        self._records(
            Product.objects.sources().filter(translation_key__in=rows.values("translation_key"))
        )

    def _ids(self, raw_ids: list[str]) -> set[int] | None:
        if ALL in raw_ids:
            total = Product.objects.sources().count()
            if total > hang_tags.MAX_PRODUCTS:
                self._too_many(total)
                return None
            self._records(Product.objects.sources())
            return None
        ids = set()
        for raw in raw_ids:
            if not raw.isdecimal() or len(raw) > 18:
                self.errors.append(_("„%(value)s“ ist keine Produktnummer.") % {"value": raw[:40]})
                return None
            ids.add(int(raw))
        if not ids:
            self.errors.append(_("Bitte mindestens ein Produkt auswählen."))
        elif len(ids) > hang_tags.MAX_PRODUCTS:
            self._too_many(len(ids))
        return ids

    def _too_many(self, count: int) -> None:
        self.errors.append(too_many(count))

    def _records(self, records) -> None:
        for record in records.select_related("locale").order_by("title", "pk"):
            (self.records if record.is_live else self.not_live).append(record)
        if not self.records and self.not_live:
            self.errors.append(
                _(
                    "Keines der gewählten Produkte ist im Katalog aktiv (Entwurf oder archiviert): "
                    "für sie gibt es keine Etiketten."
                )
            )


def too_many(count: int) -> str:
    return _(
        "Höchstens %(max)s Produkte auf einem Bogen; gewählt sind %(count)s. Bitte weniger "
        "auswählen (z. B. mit den Filtern der Liste)."
    ) % {"max": hang_tags.MAX_PRODUCTS, "count": count}


def filename(records: list[Product], language: str) -> str:
    if len(records) == 1:
        return f"haengeetiketten-{slugify(records[0].external_id)}-{language}.pdf"
    return f"haengeetiketten-{len(records)}-produkte-{language}.pdf"


def hang_tags_view(request):
    if not may_print(request.user):
        raise PermissionDenied
    posted = request.method == "POST"
    selection = Selection((request.POST if posted else request.GET).getlist("id"))
    form = HangTagForm(request.POST if posted else None)
    if posted and not selection.errors and form.is_valid():
        language = form.cleaned_data["language"]
        per_product = form.cleaned_data["per_product"]
        tags = hang_tags.tags_for(selection.records, language, Site.find_for_request(request))
        pdf = hang_tags.render_pdf(tags, per_product, language)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(
            True, filename(selection.records, language)
        )
        return response
    return TemplateResponse(
        request,
        "products/hang_tags/form.html",
        {
            "form": form,
            "selection": selection,
            "header_title": _("Hängeetiketten drucken"),
            "page_title": _("Hängeetiketten drucken"),
            "header_icon": "tag",
            "products_url": reverse("wagtailsnippets_catalogue_product:list"),
            "tags_per_page": hang_tags.TAGS_PER_PAGE,
        },
        status=400 if selection.errors or form.errors else 200,
    )


class HangTagsBulkAction(SnippetBulkAction):
    """ "Hang tags" for the products ticked in the listing: on to the form with their ids."""

    display_name = gettext_lazy("Hängeetiketten")
    action_type = "hang_tags"
    aria_label = gettext_lazy("Hängeetiketten für die ausgewählten Produkte drucken")
    models = [Product]
    action_priority = 50

    def dispatch(self, request, *args, **kwargs):
        if not may_print(request.user):
            raise PermissionDenied
        ids = request.GET.getlist("id")
        if len(ids) > hang_tags.MAX_PRODUCTS:  # said here: thousands of ids make no address
            messages.error(request, too_many(len(ids)))
            return redirect(self.next_url)
        return redirect(hang_tags_url(*ids))


def listing_button(snippet, user, next_url=None):
    if isinstance(snippet, Product) and may_print(user):
        yield MenuItem(_("Hängeetiketten"), hang_tags_url(snippet.pk), icon_name="tag", priority=90)


class HangTagsMenuItem(ActionMenuItem):
    """In a product's edit view, beside "Save": to the form for this product."""

    name = "action-hang-tags"
    label = gettext_lazy("Hängeetiketten drucken")
    icon_name = "tag"
    order = 90

    def is_shown(self, context):
        return context.get("view") == "edit" and may_print(context["request"].user)

    def get_url(self, parent_context):
        return hang_tags_url(parent_context["instance"].pk)
