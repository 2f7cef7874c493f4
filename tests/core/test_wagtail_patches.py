"""The site replaces a few of Wagtail's functions at start-up (`core.routing`, `core.i18n`,
`core.images`; each patch's docstring says what and why). A new Wagtail version may change one
of them: then these tests fail, naming the function, before a patch silently calls Wagtail
with the wrong arguments or stops being used.

Each replacement keeps Wagtail's function as `replaces`; its signature is compared with the one
recorded here for the Wagtail version the patches were checked against. After checking a patch
against a new Wagtail version, record the new signature and version here.
"""

import inspect

import pytest
import wagtail
from wagtail.images.models import AbstractImage
from wagtail.images.templatetags import wagtailimages_tags as tags
from wagtail.models import Locale, Page, Site
from wagtail.models import sites as wagtail_sites
from wagtail.query import PageQuerySet

CHECKED_AGAINST = "8.0.1"

# What is in place now (the site's replacement), by Wagtail's name for it, and the signature of
# Wagtail's function in the checked version.
PATCHED = {
    "wagtail.models.sites.get_site_for_hostname": (
        lambda: wagtail_sites.get_site_for_hostname,
        "(hostname, port)",
    ),
    "wagtail.models.pages.AbstractPage.route_for_request": (
        lambda: Page.route_for_request,
        "(request: 'HttpRequest', path: 'str') -> 'RouteResult | None'",
    ),
    "wagtail.query.PageQuerySet.private_q": (lambda: PageQuerySet.private_q, "(self)"),
    "wagtail.models.sites.Site.get_site_root_paths": (lambda: Site.get_site_root_paths, "()"),
    "wagtail.models.i18n.LocaleManager.get_for_language": (
        lambda: type(Locale.objects).get_for_language,
        "(self, language_code)",
    ),
    "wagtail.images.templatetags.wagtailimages_tags.SrcsetImageNode.get_filters": (
        lambda: tags.SrcsetImageNode.get_filters,
        "(self)",
    ),
    "wagtail.images.shortcuts.get_rendition_or_not_found": (
        lambda: tags.get_rendition_or_not_found,
        "(image, specs)",
    ),
    "wagtail.images.shortcuts.get_renditions_or_not_found": (
        lambda: tags.get_renditions_or_not_found,
        "(image, specs)",
    ),
    "wagtail.images.templatetags.wagtailimages_tags.ImageNode.render": (
        lambda: tags.ImageNode.__dict__["render"],
        "(self, context)",
    ),
    "wagtail.images.templatetags.wagtailimages_tags.SrcsetImageNode.render": (
        lambda: tags.SrcsetImageNode.__dict__["render"],
        "(self, context)",
    ),
    "wagtail.images.templatetags.wagtailimages_tags.PictureNode.render": (
        lambda: tags.PictureNode.__dict__["render"],
        "(self, context)",
    ),
    "wagtail.images.models.AbstractImage.create_rendition": (
        lambda: AbstractImage.__dict__["create_rendition"],
        "(self, filter: 'Filter') -> 'AbstractRendition'",
    ),
    "wagtail.images.models.AbstractImage.create_renditions": (
        lambda: AbstractImage.__dict__["create_renditions"],
        "(self, *filters: 'Filter') -> 'dict[Filter, AbstractRendition]'",
    ),
    "wagtail.images.models.AbstractImage.default_alt_text": (
        lambda: AbstractImage.__dict__["default_alt_text"].fget,
        "(self)",
    ),
}


def _changed(name, now) -> str:
    return (
        f"Wagtail's {name} is not what the site's patch was checked against (Wagtail "
        f"{CHECKED_AGAINST}; installed: {wagtail.__version__}): {now}. Read the patch's "
        "docstring, check it against the new Wagtail code, then record the new signature in "
        "tests/core/test_wagtail_patches.py."
    )


@pytest.mark.parametrize("name", sorted(PATCHED))
def test_each_patched_wagtail_function_is_replaced_and_keeps_its_checked_signature(name):
    in_place, signature = PATCHED[name]
    try:
        replacement = in_place()
    except (AttributeError, KeyError) as error:
        pytest.fail(_changed(name, f"it is gone ({error!r})"))
    original = getattr(replacement, "replaces", None)
    assert original is not None, f"{name} is no longer replaced by the site's patch"
    assert f"{original.__module__}.{original.__qualname__}" == name, _changed(
        name, f"it is now {original.__module__}.{original.__qualname__}"
    )
    now = str(inspect.signature(original))
    assert now == signature, _changed(name, f"its signature is now {now}")


def test_wagtail_still_calls_the_module_functions_the_site_replaces():
    """A module-level function is replaced in the module that calls it: if Wagtail stopped
    calling it there, the patch would be left doing nothing."""
    assert "get_site_for_hostname(" in inspect.getsource(wagtail_sites.Site), _changed(
        "Site._find_for_request", "it no longer calls get_site_for_hostname"
    )
    source = inspect.getsource(tags)
    for name in ("get_rendition_or_not_found(", "get_renditions_or_not_found("):
        assert name in source, _changed("wagtailimages_tags", f"it no longer calls {name}")


def test_the_page_method_the_base_page_extends_keeps_its_checked_signature():
    """`BasePage.get_view_restrictions` calls Wagtail's through `super()` (core.routing)."""
    now = str(inspect.signature(Page.get_view_restrictions))
    assert now == "(self)", _changed("Page.get_view_restrictions", f"its signature is now {now}")
