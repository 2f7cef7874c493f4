"""Keeps a translator limited to some languages out of the others in wagtail-localize's views.

wagtail-localize's views that act on one translation (its strings, overrides, PO files, machine
translation, preview, stop) check only whether the user may edit the target's model, which for a
snippet is every language. Each of them names the translation in its URL, so one check here
covers all of them: a translation into a language the user may not work in answers 403.
"""

from wagtail_localize.models import Translation

from workplace.translations import allowed_locale_ids
from workplace.views import permission_denied


class TranslationLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        translation_id = view_kwargs.get("translation_id")
        match = request.resolver_match
        if translation_id is None or match is None:
            return None
        if "wagtail_localize" not in match.namespaces and not (match.url_name or "").startswith(
            "workplace_"
        ):
            return None
        if not request.user.is_authenticated:
            return None
        allowed = allowed_locale_ids(request.user)
        if allowed is None:
            return None
        locale_id = (
            Translation.objects.filter(pk=translation_id)
            .values_list("target_locale_id", flat=True)
            .first()
        )
        if locale_id is not None and locale_id not in allowed:
            return permission_denied(request)
        return None
