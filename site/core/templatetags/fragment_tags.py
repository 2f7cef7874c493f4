"""`{% fragment "name" page.body %}…{% endfragment %}` and `{% fragment "name" page %}…`: a part of
a page that depends on content only, rendered once per content version (`core.content_version`),
page, language and site, then read from the cache.

`{% fragment "name" page as variable %}…` keeps it the same way but shows nothing there: the HTML
(without leading and trailing white space) is put in `variable` for the template to place, as in
the middle of another fragment, or further down the page than where it was worked out.
`{% fragment "name" page without_pictures %}…` is a part of the page that shows none of the page's
own pictures (a where-to-buy list): rendered afresh, it does not fetch their renditions first.

A fragment within a fragment depends on what its own parts read; the enclosing one on that too
(`core.content_version.kept_with_reads`), and on what the enclosing one read before it: whatever
one of them reads that a change replaces should be read after the kept parts within it.

For the parts of a page that cost the most and change only with content: a page's streams of blocks
(product cards, production chains, where-to-buy lists, galleries) and its `<head>` (description,
Open Graph, JSON-LD, hreflang links). Whatever is between the tags must depend on nothing but live
content, the language and the site — never on the visitor, a session or a token. The cached HTML
is replaced with the content version (every edit a visitor could see), so a publish shows on the
next request; the first render after it costs one cache write more.

- A stream (`page.body`): its blocks read no query parameter, so every address of the page shares
  it. Rendered afresh, the renditions of all its images are fetched first, in one query
  (`core.images.prefetch_renditions`); read from the cache, the stream is not even converted from
  its JSON (no chooser block looks up its product or page).
- A page (or the catalogue product a product page shows, `products.models.ProductIndexPage`):
  what it shows may depend on the query string (a listing's filter, its page number), so it is
  kept per normalised query: the parameters some page reads (`core.pagecache.key_query`, the
  page cache's key), sorted. Any other parameter (`utm_source`, a junk one) is left out and
  reads the same fragment as the address without it; a query longer than the page cache keeps
  renders afresh. The context such a fragment needs is best
  worked out lazily (`SimpleLazyObject`), so that a fragment read from the cache costs no query.

Never cached: previews (an editor's unsaved or unpublished content), pages without a primary key,
and nothing at all with `FRAME_CACHE_TIMEOUT=0`.
"""

from django import template
from django.utils.safestring import mark_safe
from wagtail.blocks import StreamValue

from core.fragments import fragment_value
from core.images import images_in, prefetch_renditions
from core.pagecache import MAX_QUERY_LENGTH, key_query

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, target, variable=None, pictures=True):
        self.nodelist, self.name, self.target = nodelist, name, target
        self.variable, self.pictures = variable, pictures

    def render(self, context):
        html = self.fragment(context)
        if self.variable is None:
            return html
        context[self.variable] = mark_safe(html.strip())  # noqa: S308 - escaped in the template
        return ""

    def fragment(self, context) -> str:
        request = context.get("request")
        target = self.target.resolve(context)
        stream = isinstance(target, StreamValue)
        page = context.get("page") if stream else target

        def render():
            if stream:
                prefetch_renditions(images_in(target))
            elif self.pictures and getattr(page, "images_in_fragments", False):
                page.prefetch_renditions()  # its pictures, in one query (`BasePage`)
            return str(self.nodelist.render(context))

        query = key_query(request) if not stream and request is not None else ""
        if getattr(page, "pk", None) is None or len(query) > MAX_QUERY_LENGTH:
            # No page, or a query the page cache would not keep either: rendered each time.
            return mark_safe(render())  # noqa: S308 - the template's output, escaped there
        name = f"{self.name.resolve(context)}:{page.pk}" + (f"?{query}" if query else "")
        return mark_safe(fragment_value(request, name, render, page))  # noqa: S308 - as above


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    variable = None
    if len(bits) >= 5 and bits[-2] == "as":
        variable = bits.pop()
        bits.pop()
    pictures = not (len(bits) == 4 and bits[3] == "without_pictures")
    if len(bits) != (3 if pictures else 4):
        raise template.TemplateSyntaxError(
            f"{bits[0]} takes a name and a stream or a page, then optionally `without_pictures`, "
            "then optionally `as` and a name"
        )
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist,
        parser.compile_filter(bits[1]),
        parser.compile_filter(bits[2]),
        variable,
        pictures,
    )
