"""Showing the enquiry form (GET, no cookie) and receiving it (POST, its own endpoint).

The form page is a Wagtail page; it is shown at its own URL, the same for every visitor, so the
page cache keeps it. What differs per visitor, the signed form token (`enquiries.spam`), comes
from `/<lang>/anfrage-token/<page id>/` (`token`; translated, e.g. `/fr/jeton-demande/…`), which `static/js/enquiry-form.js` fetches into
the form; a post without a token (no JavaScript) gets the form back filled in, with a token. The form posts to
`/<lang>/anfrage-senden/<page id>/` (`/fr/envoyer-demande/…`), which is exempt from Django's CSRF middleware because that
middleware needs a cookie, set when the form is shown, and the site promises visitors no cookie
unless they post a form. This endpoint checks instead that the post comes from a page of this site
(`Sec-Fetch-Site`, `Origin`/`Referer`: see `enquiries.spam`), and the signed form token ties the
post to a form the site showed. A post from anywhere else is refused with 403.
"""

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFilesSent
from django.http import Http404, HttpResponse, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from enquiries import kinds, spam
from enquiries.submission import stored_for_key

logger = logging.getLogger("enquiries")


def _render_form(page, request, form, token, *, notice="", status=200):
    context = page.get_context(request)
    context.update(
        form=form,
        form_token=token,
        honeypot_name=spam.HONEYPOT_NAME,
        notice=notice,
    )
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    if token or request.method == "POST":
        # The page holds a time stamp or the visitor's answers; no shared cache may keep it.
        add_never_cache_headers(response)
    return response


def _discard(page, request, reason: str):
    """A bot's post: the normal thank-you page, nothing stored, nothing said."""
    logger.info("enquiry discarded (%s)", reason)
    return _thank(page, request, None)


def serve_enquiry_form(page, request, *args, **kwargs):
    if request.method != "POST":
        # Without a token: the same page for everyone (cached); the script fetches the token.
        # A page may fill in answers from its address (`initial_answers`, checked there).
        initial = page.initial_answers(request) if hasattr(page, "initial_answers") else {}
        form = page.get_form(page=page, user=None, initial=initial)
        return _render_form(page, request, form, "")

    token_value = request.POST.get("form_token", "")
    check = spam.check_token(token_value, page.pk)
    if check.state is spam.TokenState.FORGED:
        return _discard(page, request, "forged token")
    if spam.honeypot_filled(request.POST):
        return _discard(page, request, "honeypot")
    if check.state is spam.TokenState.MISSING:
        # A browser without JavaScript (or whose fetch failed): nothing typed is lost; the form
        # comes back with a token, timed from now, and the campaign of the page it came from.
        return _send_again(
            page,
            request,
            spam.campaign_from_referer(request),
            gettext(
                "Ihre Angaben sind noch nicht gesendet. Bitte prüfen Sie sie und senden Sie das "
                "Formular noch einmal ab."
            ),
        )
    if check.state is spam.TokenState.TOO_FAST:
        return _discard(page, request, "too fast")

    # This form was sent before (a reload, a double click, a retry): the same answer again.
    if (repeat := _answer_repeat(page, request, check.key)) is not None:
        return repeat

    if check.state is spam.TokenState.EXPIRED:
        # A person who left the form open for long: keep what they typed, ask them to send again.
        return _send_again(
            page,
            request,
            check.campaign,
            gettext(
                "Das Formular war sehr lange geöffnet. Bitte prüfen Sie Ihre Angaben und senden "
                "Sie es noch einmal ab."
            ),
        )
    form = _bound_form(page, request)
    if not form.is_valid():
        return _render_form(page, request, form, token_value)
    if not spam.take_rate_slot(request):
        # A double click at the limit: the first click's post may have stored it meanwhile.
        if (repeat := _answer_repeat(page, request, check.key)) is not None:
            return repeat
        logger.info("enquiry refused: rate limit")
        return _render_form(
            page,
            request,
            form,
            token_value,
            notice=gettext(
                "Von Ihrem Anschluss kamen gerade sehr viele Anfragen. Bitte versuchen Sie es in "
                "einer Stunde noch einmal oder schreiben Sie uns eine E-Mail."
            ),
            status=429,
        )
    try:
        enquiry = page.process_form_submission(form, request=request, token=check)
    except Exception:
        spam.give_back_rate_slot(request)
        raise
    if enquiry.repeated:
        spam.give_back_rate_slot(request)
    return _thank(page, request, enquiry)


def _send_again(page, request, campaign: dict[str, str], notice: str):
    """The posted form again, filled in and checked, with a fresh token and `notice`."""
    form = _bound_form(page, request)
    form.is_valid()
    return _render_form(page, request, form, spam.make_token(page.pk, campaign), notice=notice)


def _bound_form(page, request):
    """The posted form; with the post's files for a kind that takes files (`Kind.accepts_files`)."""
    if kinds.for_page(page).accepts_files:
        return page.get_form(request.POST, request.FILES, page=page, user=None)
    return page.get_form(request.POST, page=page, user=None)


def _answer_repeat(page, request, key: str):
    earlier = stored_for_key(key)
    if earlier is None:
        return None
    logger.info("enquiry %s: the same form posted again", earlier.pk)
    return _thank(page, request, earlier)


def _thank(page, request, enquiry):
    response = page.render_landing_page(request, enquiry)
    add_never_cache_headers(response)
    return response


def _too_large():
    return HttpResponse(
        gettext("Die Anfrage ist zu groß."), status=413, content_type="text/plain; charset=utf-8"
    )


@require_GET
def token(request, page_id: int):
    """A fresh form token for the form page `page_id` (JSON), never cached, setting no cookie.

    The page's own `campaign` and `utm_*` parameters, passed on by the script, are signed into
    it (cleaned: `spam.campaign_from_query`), as the form page did when it made the token itself.
    """
    _form_page(page_id)
    response = JsonResponse(
        {"token": spam.make_token(page_id, spam.campaign_from_query(request.GET))}
    )
    add_never_cache_headers(response)
    return response


def _upload_refused(page, request, status: int = 413):
    """A post with files the site cannot read (too large, too many parts): the form again, with
    a fresh token and a message; what was typed cannot be read back from such a post."""
    form = page.get_form(page=page, user=None)
    notice = gettext(
        "Ihre Angaben sind noch nicht gesendet: die Dateien waren zusammen zu groß (höchstens "
        "%(size)s) oder es waren zu viele. Bitte füllen Sie das Formular noch einmal aus und "
        "wählen Sie weniger oder kleinere Dateien."
    ) % {"size": filesizeformat(settings.ENQUIRY_MAX_UPLOAD_BYTES)}
    return _render_form(
        page, request, form, spam.make_token(page.pk, {}), notice=notice, status=status
    )


@csrf_exempt
@require_POST
def submit(request, page_id: int):
    """Receive a post of the enquiry form (see the module's docstring for the CSRF design).

    Only a kind that accepts files (`Kind.accepts_files`) takes a post with files, up to
    `ENQUIRY_MAX_UPLOAD_BYTES`; every other post stays under `ENQUIRY_MAX_BODY_BYTES`."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > settings.ENQUIRY_MAX_BODY_BYTES:
        page = _form_page_or_none(page_id)
        if page is None or not kinds.for_page(page).accepts_files:
            logger.info("enquiry refused: body of %s bytes", length)
            return _too_large()
        if length > settings.ENQUIRY_MAX_UPLOAD_BYTES:
            logger.info("enquiry refused: upload of %s bytes", length)
            return _upload_refused(page, request)
    if not spam.same_origin_post(request):
        logger.info("enquiry refused: not a same-origin post")
        return HttpResponse(
            gettext("Dieses Formular kann nur auf unserer Website abgesendet werden."),
            status=403,
            content_type="text/plain; charset=utf-8",
        )
    if request.content_type not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return HttpResponse(status=415)
    page = _form_page(page_id)
    try:
        has_files = bool(request.FILES)
    except (RequestDataTooBig, TooManyFilesSent):
        logger.info("enquiry refused: too many or too large parts")
        return _upload_refused(page, request)
    # More fields than DATA_UPLOAD_MAX_NUMBER_FIELDS (TooManyFieldsSent) is no upload problem:
    # it goes on to Django's 400, the site's page saying so and that nothing was saved.
    if has_files and not kinds.for_page(page).accepts_files:
        logger.info("enquiry refused: files for a form without files")
        return HttpResponse(
            gettext("Dieses Formular nimmt keine Dateien an."),
            status=415,
            content_type="text/plain; charset=utf-8",
        )
    return page.serve(request)


def _form_page_or_none(page_id: int):
    try:
        return _form_page(page_id)
    except Http404:
        return None


def _form_page(page_id: int):
    """The live page `page_id` of the request's language, if it is a form of the pipeline (the
    enquiry form, or a page type another kind registered: `enquiries.kinds`); else 404."""
    language = translation.get_language()
    for model in kinds.form_page_models():
        page = (
            model.objects.live()
            .filter(pk=page_id, locale__language_code=language)
            .select_related("locale")
            .first()
        )
        if page is not None:
            return page
    raise Http404
