"""Index pages: the one page of a type per language that lists its children (designers,
stories, products, retailers, campaigns), and where a visitor's link to it goes.

An index page has an introduction under its title and exists once under each home page; the
concrete types add `parent_page_types` and `subpage_types` (the ground floor names no feature
page type) and what they list.
"""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, Page
from wagtail_localize.fields import TranslatableField

from core import frame
from core.i18n import memoised
from core.models import BasePage


class IndexPage(BasePage):
    """A listing page with a short introduction, one per home page."""

    intro = models.TextField(_("Einleitung"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("intro")]
    max_count_per_parent = 1

    class Meta:
        abstract = True


def index_page_url(model, locale: Locale | None = None) -> str:
    """The URL of the index page of type `model` in `locale` (the visitor's), else the German
    one; "" when there is neither.

    Only a live page that anyone may see is linked: a page behind a login or a password would
    lead visitors to a login form (the page frame's `index_url` has the same rule, and answers
    for the visitor's language without a query). Worked out once per request.
    """
    locale = locale or Locale.get_active()
    label = model._meta.label
    if locale.language_code == translation.get_language():
        url = frame.index_url(label)
        if url:
            return url

    def load():
        pages = {
            page.locale_id: page
            for page in model.objects.live()
            .public()
            .filter(locale__language_code__in=[locale.language_code, settings.LANGUAGE_CODE])
        }
        page = pages.get(locale.pk) or next(iter(pages.values()), None)
        return page.url if page else ""

    return memoised(("index_page_url", label, locale.pk), load)
