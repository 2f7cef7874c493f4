"""`{% fragment "name" page %}…{% endfragment %}`: a part of a page that depends on content only,
rendered once per content version (`core.content_version`) and language, then read from the cache.

For the streams of blocks of a page (product cards, production chains, where-to-buy lists):
whatever is between the tags must depend on nothing but the page's live content, the language
and the site — never on the request's query string, the visitor, a session or a token. The
cached HTML is replaced when the content version is (every edit a visitor could see), so a
publish shows on the next request; its first render costs one cache write more.

Rendered afresh, never cached: previews (the page holds an editor's unsaved or unpublished
content), pages without a primary key, and all of it with `FRAME_CACHE_TIMEOUT=0`.
"""

from django import template
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.models import Site

from core import content_version

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, page):
        self.nodelist, self.name, self.page = nodelist, name, page

    def render(self, context):
        request = context.get("request")
        page = self.page.resolve(context)
        pk = getattr(page, "pk", None)
        if (
            pk is None
            or request is None
            or getattr(request, "is_preview", False)
            or not content_version.cache_enabled()
        ):
            return self.nodelist.render(context)
        site = Site.find_for_request(request)
        name = self.name.resolve(context)
        key = f"fragment:{name}:{pk}:{translation.get_language()}:{site.pk if site else '-'}"
        return mark_safe(  # noqa: S308 - the template's own output, escaped when it was rendered
            content_version.cached(key, lambda: str(self.nodelist.render(context)))
        )


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a name and a page")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parser.compile_filter(bits[1]), parser.compile_filter(bits[2]))
