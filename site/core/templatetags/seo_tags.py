"""The `<head>` tags search engines and social networks read: `{% seo_head %}`, `|document_title`
and `{% absolute_url %}`. The values come from `core.seo` and the page's own hooks."""

from django import template

from core import seo

register = template.Library()


@register.inclusion_tag("includes/seo.html", takes_context=True)
def seo_head(context):
    """Description, Open Graph, Twitter card and JSON-LD of the page in the context (nothing for
    views without a page)."""
    request = context.get("request")
    page = context.get("page")
    if request is None or page is None or not getattr(page, "pk", None):
        return {}
    structured_data = (
        page.get_structured_data(request) if hasattr(page, "get_structured_data") else []
    )
    return {
        "description": seo.meta_description(page),
        "og": seo.open_graph(page, request),
        "structured_data": [seo.json_ld(item) for item in structured_data],
    }


@register.filter(is_safe=True)
def document_title(title):
    return seo.document_title(str(title))


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """`path` as an absolute URL on the site's canonical host."""
    return seo.absolute_url(context.get("request"), path)


@register.simple_tag(takes_context=True)
def sitemap_urls(context) -> list[str]:
    """The absolute address of each page of the sitemap (`core.sitemaps.page_count`)."""
    from django.urls import reverse

    from core.sitemaps import page_count

    request = context["request"]
    path = reverse("sitemap")
    return [
        seo.absolute_url(request, path if number == 1 else f"{path}?p={number}")
        for number in range(1, page_count(request) + 1)
    ]
