"""The language crawl's rules on hand-made pages: each catches its violation and passes a good page.

No database and no demo: a `Crawl` is built from HTML strings, so a rule that passes on the demo
is shown to be able to fail.
"""

from tests.seo import language_rules as rules
from tests.seo.crawl import SECOND_HOST, Crawl, Fetched

ROOT = "http://testserver"


def page(
    path,
    body="",
    head="",
    *,
    kind="sitemap",
    status=200,
    host="testserver",
    final="",
    note="",
    lang="",
):
    lang = lang or path.split("/")[1]
    html = f'<!doctype html><html lang="{lang}"><head>{head}</head><body>{body}</body></html>'
    return Fetched(
        path=path, kind=kind, status=status, html=html, final=final or path, host=host, note=note
    )


def crawl_of(*pages, sitemap=None, **fields):
    if sitemap is None:
        sitemap = {ROOT + p.path: {} for p in pages if p.kind == "sitemap"}
    return Crawl(root_url=ROOT, sitemap=sitemap, pages=list(pages), **fields)


def pair(german: Fetched, translated: Fetched) -> dict:
    alternates = {"de": ROOT + german.path, translated.language: ROOT + translated.path}
    return {ROOT + german.path: alternates, ROOT + translated.path: alternates}


def test_addresses_from_the_site_root():
    good = '<link rel="canonical" href="http://testserver/de/a/"><meta property="og:url" content="http://testserver/de/a/">'
    bad = (
        f'<link rel="canonical" href="http://{SECOND_HOST}/de/a/">'
        '<script type="application/ld+json">{"url": "http://other.example/de/a/", "sameAs": "https://mastodon.example/@x"}</script>'
    )
    assert (
        rules.addresses_from_site_root(crawl_of(page("/de/a/", head=good, host=SECOND_HOST))) == []
    )
    found = rules.addresses_from_site_root(crawl_of(page("/de/a/", head=bad, host=SECOND_HOST)))
    assert len(found) == 2 and "canonical" in found[0] and "JSON-LD url" in found[1]
    assert rules.addresses_from_site_root(crawl_of(sitemap={"http://localhost/de/": {}})) == [
        "sitemap: http://localhost/de/"
    ]


def test_descriptions_without_entities_or_glued_blocks():
    good = '<meta name="description" content="Jedes Stück ein Unikat – gewollt. Aus Aachen.">'
    bad = '<meta name="description" content="Aus Messingdruckknopf.Jedes Stück&amp;nbsp;– gewollt">'
    assert rules.descriptions_are_clean_text(crawl_of(page("/de/a/", head=good))) == []
    [found] = rules.descriptions_are_clean_text(crawl_of(page("/de/a/", head=bad)))
    assert "&nbsp;" in found and "f.Je" in found


def test_dates_in_the_languages_form():
    assert (
        rules.english_dates_are_british(crawl_of(page("/en/a/", "<p>From 1 March 2027</p>"))) == []
    )
    assert rules.english_dates_are_british(crawl_of(page("/en/a/", "<p>From March 1, 2027</p>")))
    assert (
        rules.french_first_of_month_is_1er(
            crawl_of(page("/fr/a/", "<p>Dès le 1er mars, 21 mai</p>"))
        )
        == []
    )
    assert rules.french_first_of_month_is_1er(crawl_of(page("/fr/a/", "<p>Dès le 1 mars</p>")))
    assert rules.french_first_of_month_is_1er(crawl_of(page("/fr/a/", "<p>1e trimestre 2025</p>")))
    assert (
        rules.french_first_of_month_is_1er(
            crawl_of(page("/fr/a/", "<p>1er trimestre, 2e trimestre, A1e, 11e</p>"))
        )
        == []
    )


def test_french_spaces_before_high_punctuation():
    good = (
        "<p>Contact\u00a0: 10:00 à https://example.org/?q=1 Vraiment\u202f?</p>"
        '<p lang="de">Achtung: deutsch</p><code>a: b</code>'
    )
    assert rules.french_spaces_before_punctuation(crawl_of(page("/fr/a/", good))) == []
    found = rules.french_spaces_before_punctuation(
        crawl_of(page("/fr/a/", "<p>Contact : ici</p><p>Oui!</p>"))
    )
    assert len(found) == 2 and "Contact :" in found[0] and "Oui!" in found[1]


def test_one_price_format_per_language():
    same = crawl_of(
        page("/nl/a/", "<p>28,00\u00a0€</p>"),
        page("/nl/b/", "<p>Huur 380–450\u00a0€ per maand</p>"),
    )
    assert rules.one_price_format_per_language(same) == []
    mixed = crawl_of(
        page("/nl/a/", "<p>28,00\u00a0€</p>"), page("/nl/b/", "<p>Huur € 380 per maand</p>")
    )
    [found] = rules.one_price_format_per_language(mixed)
    assert found.startswith("nl: 2 price formats") and "€ 380" in found


def test_gone_page_in_the_visitors_language():
    german = page(
        "/de/produkte/x/",
        "<p>„Anhänger“ gibt es nicht mehr.</p>",
        "<title>Nicht mehr</title>",
        kind="gone",
        status=410,
        note="Anhänger",
    )
    good = page(
        "/fr/produits/x/",
        "<p>« Porte-clés » n’est plus là.</p>",
        "<title>Plus disponible</title>",
        kind="gone",
        status=410,
        note="Porte-clés",
    )
    bad = page(
        "/fr/produits/x/",
        "<p>« Anhänger » n’est plus là.</p>",
        "<title>Plus disponible</title>",
        kind="gone",
        status=410,
        note="Porte-clés",
    )
    assert rules.gone_page_in_visitors_language(crawl_of(german, good)) == []
    assert rules.gone_page_in_visitors_language(crawl_of(german, bad))


def test_no_german_slugs():
    german = page(
        "/de/suche-seite/", '<h1>Anfrage</h1><form action="/de/anfrage-senden/1/"></form>'
    )
    good = page("/fr/demande/", '<h1>Demande</h1><form action="/fr/envoyer-demande/1/"></form>')
    bad = page("/fr/suche-seite/", '<h1>Demande</h1><form action="/fr/anfrage-senden/1/"></form>')
    assert rules.no_german_slugs(crawl_of(german, good, sitemap=pair(german, good))) == []
    found = rules.no_german_slugs(crawl_of(german, bad, sitemap=pair(german, bad)))
    assert len(found) == 2 and "German slug" in found[0] and "/fr/anfrage-senden/1/" in found[1]


def test_german_path_leads_to_the_translation():
    german, french = page("/de/designerinnen/"), page("/fr/createurs/")
    sitemap = pair(german, french)
    good = page(
        "/fr/designerinnen/", kind="fallback", final="/fr/createurs/", note="/de/designerinnen/"
    )
    bad = page(
        "/fr/designerinnen/", kind="fallback", final="/de/designerinnen/", note="/de/designerinnen/"
    )
    assert (
        rules.german_path_leads_to_translation(crawl_of(german, french, good, sitemap=sitemap))
        == []
    )
    assert rules.german_path_leads_to_translation(crawl_of(german, french, bad, sitemap=sitemap))


SWITCHER = '<nav class="language-switcher"><a href="{href}" hreflang="de">{text}</a></nav>'


def test_switcher_keeps_the_query():
    good = page(
        "/fr/recherche/?q=sac", SWITCHER.format(href="/de/suche/?q=sac", text="DE"), kind="search"
    )
    bad = page("/fr/recherche/?q=sac", SWITCHER.format(href="/de/", text="DE"), kind="search")
    assert rules.switcher_keeps_query(crawl_of(good)) == []
    assert rules.switcher_keeps_query(crawl_of(bad))


def test_switcher_says_when_there_is_no_translation():
    silent = SWITCHER.format(href="/de/", text='<span class="visually-hidden">Deutsch</span>DE')
    said = SWITCHER.format(href="/de/", text="DE – cette page n’existe qu’en français")
    assert rules.switcher_says_when_no_translation(crawl_of(page("/fr/a/", said))) == []
    assert rules.switcher_says_when_no_translation(crawl_of(page("/fr/a/", silent)))


def test_development_404_is_the_sites_page():
    production = page("/fr/x/", "<h1>Cette page n’existe pas.</h1>", kind="404", status=404)
    good = page("/fr/x/", "<h1>Cette page n’existe pas.</h1>", kind="dev-404", status=404)
    technical = page("/fr/x/", "<h1>Page not found (404)</h1>", kind="dev-404", status=404)
    assert rules.dev_404_is_the_sites_page(crawl_of(production, good)) == []
    assert rules.dev_404_is_the_sites_page(crawl_of(production, technical))


def test_image_texts_in_the_page_language():
    german = page(
        "/de/a/",
        '<img alt="Grüne Flecken auf Papier">',
        '<meta property="og:image:alt" content="Grüne Flecken auf Papier">',
    )
    good = page(
        "/fr/a/",
        '<img alt="Taches vertes sur papier"><img alt="Grüne Flecken auf Papier" lang="de">',
    )
    bad = page(
        "/fr/a/",
        '<img alt="Lena Hoffmann">',
        '<meta property="og:image:alt" content="Grüne Flecken auf Papier">',
    )
    assert (
        rules.image_texts_in_page_language(crawl_of(german, good, sitemap=pair(german, good))) == []
    )
    [found] = rules.image_texts_in_page_language(crawl_of(german, bad, sitemap=pair(german, bad)))
    assert "og:image:alt" in found


PRODUCT = "<main><article><h1{mark}>{title}</h1><dl><dt>{label}</dt><dd{mark}>{material}</dd></dl></article></main>"


def test_german_fallback_marked_exactly():
    versions = {
        "de": page(
            "/de/produkte/k/",
            PRODUCT.format(
                mark="", title="Kissenhülle Linie 7", label="Material", material="Leinen"
            ),
        ),
        "en": page(
            "/en/products/k/",
            PRODUCT.format(mark="", title="Line 7 cushion", label="Material", material="Linen"),
        ),
        "nl": page(
            "/nl/producten/k/",
            PRODUCT.format(mark="", title="Kussen lijn 7", label="Materiaal", material="Linnen"),
        ),
    }
    marked = page(
        "/fr/produits/k/",
        PRODUCT.format(
            mark=' lang="de"', title="Kissenhülle Linie 7", label="Matière", material="Leinen"
        ),
    )
    unmarked = page(
        "/fr/produits/k/",
        PRODUCT.format(mark="", title="Kissenhülle Linie 7", label="Matière", material="Leinen"),
    )
    label_inside = page(
        "/fr/produits/k/",
        '<main><article lang="de"><h1>Kissenhülle Linie 7</h1><dl><dt>Matière</dt><dd>Leinen</dd></dl></article></main>',
    )

    def check(french):
        alternates = {code: ROOT + p.path for code, p in {**versions, "fr": french}.items()}
        sitemap = dict.fromkeys(alternates.values(), alternates)
        indexes = ["/de/produkte/", "/en/products/", "/nl/producten/", "/fr/produits/"]
        return rules.german_fallback_is_marked(
            crawl_of(*versions.values(), french, sitemap=sitemap, product_index_paths=indexes)
        )

    assert check(marked) == []
    assert len(check(unmarked)) == 2
    assert check(label_inside) == ["GET /fr/produits/k/: 'Matière' inside lang=\"de\""]


def test_german_head_texts_say_so():
    def product(path, title, mark=""):
        return page(path, head=f"<title{mark}>{title} · Site</title>")

    versions = [
        product("/de/produkte/k/", "Kissenhülle"),
        product("/en/products/k/", "Cushion"),
        product("/nl/producten/k/", "Kussen"),
    ]
    indexes = ["/de/produkte/", "/en/products/", "/nl/producten/", "/fr/produits/"]

    def check(french):
        alternates = {p.language: ROOT + p.path for p in [*versions, french]}
        sitemap = dict.fromkeys(alternates.values(), alternates)
        return rules.german_head_texts_say_so(
            crawl_of(*versions, french, sitemap=sitemap, product_index_paths=indexes)
        )

    assert check(product("/fr/produits/k/", "Kissenhülle", ' lang="de"')) == []
    assert check(product("/fr/produits/k/", "Coussin")) == []
    [found] = check(product("/fr/produits/k/", "Kissenhülle"))
    assert "title 'Kissenhülle · Site'" in found


def test_search_finds_the_title_shown():
    good = page(
        "/fr/recherche/?q=Vase",
        '<a href="/fr/produits/v/">Vase</a>',
        kind="search-title",
        note="/fr/produits/v/",
    )
    bad = page(
        "/fr/recherche/?q=Vase",
        "<p>Aucun résultat</p>",
        kind="search-title",
        note="/fr/produits/v/",
    )
    assert rules.search_finds_shown_titles(crawl_of(good)) == []
    assert rules.search_finds_shown_titles(crawl_of(bad))


def test_no_raw_feed_codes():
    codes = {"sewing", "museum_shop"}
    good = page(
        "/en/a/",
        '<p>Sewing workshop, Aachen</p><p>The sewing room</p><script type="application/ld+json">{"category": "Bag"}</script>',
    )
    bad = page(
        "/en/a/",
        '<span>sewing, Aachen</span><script type="application/ld+json">{"category": "museum_shop"}</script>',
    )
    assert rules.raw_codes_shown(crawl_of(good), codes) == []
    found = rules.raw_codes_shown(crawl_of(bad), codes)
    assert len(found) == 2 and "'sewing'" in found[0] and "category 'museum_shop'" in found[1]


def test_one_name_per_shop():
    def product(chain_name):
        return page(
            "/fr/produits/k/",
            f'<li class="chain__step--sell"><span class="chain__name">{chain_name}</span></li>'
            '<p class="stockist__name"><strong>Boutique du Depot</strong></p>',
        )

    indexes = ["/fr/produits/"]
    assert (
        rules.one_name_per_shop(crawl_of(product("Boutique du Depot"), product_index_paths=indexes))
        == []
    )
    assert rules.one_name_per_shop(crawl_of(product("Laden im Depot"), product_index_paths=indexes))


def test_links_to_german_pages_carry_hreflang():
    good = page("/fr/a/", '<p><a href="/de/impressum/" hreflang="de">Impressum</a></p>')
    bad = page("/fr/a/", '<p><a href="/de/impressum/">Impressum</a></p>')
    assert rules.links_to_german_pages_say_so(crawl_of(good)) == []
    assert rules.links_to_german_pages_say_so(crawl_of(bad))
