"""The admin's "Line sheet": catalogue managers and editors make the PDF (`products.line_sheet`)
for a language and a selection — all live products, one designer's, or the products ticked in
the products listing (a bulk action, as for hang tags) — whether or not public downloads are on.

Refused with a message on the form, never a half-made sheet: ids that are no product number or
no product, a selection with no live product, more than `LINE_SHEET_MAX_PRODUCTS`, a language or
designer the form does not offer.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.models import Site
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from catalogue.models import Product
from products import line_sheet
from products.hang_tag_admin import may_print
from products.line_sheet_download import filename

URL_NAME = "products_line_sheet"
LONGEST_ID = 18


def line_sheet_admin_url(*ids) -> str:
    query = urlencode([("id", pk) for pk in ids])
    return reverse(URL_NAME) + (f"?{query}" if query else "")


def designer_choices() -> list[tuple[str, str]]:
    """ "All" and the designers of live products: their page's name where they have one."""
    from catalogue.designers import designer_pages_by_ref

    refs = sorted(
        set(Product.objects.live().sources().exclude(designer_ref="").values_list(
            "designer_ref", flat=True
        ))
    )  # fmt: skip
    pages = designer_pages_by_ref(refs)
    named = [(ref, f"{pages[ref].title} ({ref})" if ref in pages else ref) for ref in refs]
    return [("", _("Alle Produkte")), *sorted(named, key=lambda item: item[1].lower())]


class LineSheetForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Sprache der Liste"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        help_text=gettext_lazy("Texte in dieser Sprache; wo eine Übersetzung fehlt, auf Deutsch."),
    )
    designer = forms.ChoiceField(label=gettext_lazy("Auswahl"), required=False)

    def __init__(self, *args, chosen: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if chosen:  # the products ticked in the listing: no designer to choose
            del self.fields["designer"]
        else:
            self.fields["designer"].choices = designer_choices()


def parse_ids(raw_ids: list[str]) -> tuple[list[int] | None, list[str]]:
    """(product ids, errors); None for no ids (the whole catalogue or a designer)."""
    if not raw_ids:
        return None, []
    ids = []
    for raw in raw_ids:
        if not raw.isdecimal() or len(raw) > LONGEST_ID:
            return None, [_("„%(value)s“ ist keine Produktnummer.") % {"value": raw[:40]}]
        ids.append(int(raw))
    if len(set(ids)) > line_sheet.max_products():
        return None, [line_sheet.too_many_message(len(set(ids)))]
    found = set(Product.objects.filter(pk__in=ids).values_list("pk", flat=True))
    if missing := sorted(set(ids) - found):
        return None, [
            _("Es gibt kein Produkt mit der Nummer %(ids)s (gelöscht oder kein Produkt).")
            % {"ids": ", ".join(map(str, missing[:10]))}
        ]
    return sorted(found), []


def line_sheet_view(request):
    if not may_print(request.user):
        raise PermissionDenied
    posted = request.method == "POST"
    data = request.POST if posted else request.GET
    ids, errors = parse_ids(data.getlist("id"))
    chosen = ids is not None
    form = LineSheetForm(request.POST if posted else None, chosen=chosen)
    count = 0
    if not errors:
        count = line_sheet.live_selection(ids=ids).count() if chosen else 0
        if chosen and not count:
            errors.append(
                _(
                    "Keines der gewählten Produkte ist im Katalog aktiv (Entwurf oder archiviert): "
                    "eine Produktliste zeigt nur aktive Produkte."
                )
            )
    if posted and not errors and form.is_valid():
        language = form.cleaned_data["language"]
        designer = "" if chosen else form.cleaned_data.get("designer", "")
        try:
            document = line_sheet.line_sheet_pdf(
                language, designer, ids=ids, site=Site.find_for_request(request)
            )
        except line_sheet.TooManyProducts as refused:
            form.add_error(None, str(refused))
        else:
            response = HttpResponse(document, content_type="application/pdf")
            response["Content-Disposition"] = content_disposition_header(
                True, filename(language, designer)
            )
            return response
    return TemplateResponse(
        request,
        "products/line_sheet/form.html",
        {
            "form": form,
            "errors": errors,
            "ids": ids or [],
            "count": count,
            "header_title": _("Produktliste erstellen"),
            "page_title": _("Produktliste erstellen"),
            "header_icon": "doc-full",
            "products_url": reverse("wagtailsnippets_catalogue_product:list"),
            "max_products": line_sheet.max_products(),
        },
        status=400 if errors or form.errors else 200,
    )


class LineSheetBulkAction(SnippetBulkAction):
    """ "Line sheet" for the products ticked in the listing: on to the form with their ids."""

    display_name = gettext_lazy("Produktliste")
    action_type = "line_sheet"
    aria_label = gettext_lazy("Produktliste (PDF) der ausgewählten Produkte erstellen")
    models = [Product]
    action_priority = 60

    def dispatch(self, request, *args, **kwargs):
        from django.shortcuts import redirect
        from wagtail.admin import messages

        if not may_print(request.user):
            raise PermissionDenied
        ids = request.GET.getlist("id")
        if "all" in ids:  # "select all in listing": the whole catalogue, as the form's "all"
            return redirect(line_sheet_admin_url())
        if len(ids) > line_sheet.max_products():  # said here: thousands of ids make no address
            messages.error(request, line_sheet.too_many_message(len(ids)))
            return redirect(self.next_url)
        return redirect(line_sheet_admin_url(*ids))


class LineSheetMenuItem(MenuItem):
    """ "Produktliste" in the admin's main menu: the form for all products or a designer's."""

    def is_shown(self, request):
        return may_print(request.user)


def menu_item() -> LineSheetMenuItem:
    return LineSheetMenuItem(
        gettext_lazy("Produktliste"), reverse(URL_NAME), icon_name="doc-full", order=1100
    )
