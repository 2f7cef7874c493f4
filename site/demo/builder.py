"""Builds the demo site: German pages first, then their translations through wagtail-localize.

Every step finds what an earlier run made before it creates anything, so the command can run
again and again without duplicating content.
"""

import datetime
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page, Site

from catalogue.models import Product
from core.localize import translate, untranslated_segments
from core.models import Footer, FooterLink, LegalPage, Navigation, NavigationItem, SiteSettings
from demo import people, shops, texts
from demo.accessibility import accessibility_page
from demo.applications import application_page
from demo.campaigns import build_campaigns
from demo.catalogue import sync_sample_catalogue
from demo.depot import build_depot
from demo.easyread import easy_read_pages
from demo.enquiries import enquiry_page
from demo.events import build_events
from demo.images import demo_image
from demo.line_sheets import line_sheets
from demo.partner_feed import demo_partner_key
from demo.passports import product_passports
from demo.project import depot_page, funding_notice, project_page
from demo.results import build_results
from demo.trade import trade_pages
from demo.workshops import build_workshops
from designers.models import (
    DesignerIndexPage,
    DesignerPage,
    Discipline,
    StoryDesigner,
    StoryIndexPage,
    StoryPage,
    StoryTag,
)
from home.models import HomePage
from products.models import ProductIndexPage
from shop_links.models import Retailer, RetailerIndexPage, StockistLink

TARGET_LANGUAGES = ("en", "nl", "fr")
FEATURED_PRODUCTS = ["MAN-0001", "MAN-0004", "MAN-0007", "MAN-0014"]


def paragraphs(items: list[str]) -> str:
    return "".join(f"<p>{item}</p>" for item in items)


class DemoBuilder:
    def __init__(self, log=print):
        self.log = log
        self.german = Locale.objects.get(language_code="de")
        self.translated: list[object] = []

    # German source content -------------------------------------------------------------

    def build(self) -> HomePage:
        home = self.home_page()
        about = project_page(home, self._publish, self.log)
        depot_page(about, self._publish, self.log)
        self.legal_pages(home)
        self.taxonomies()
        designer_index = self.designers(home)
        sync_sample_catalogue(log=self.log)
        # An editorial choice, which the sync never overwrites: products for the home page.
        Product.objects.filter(external_id__in=FEATURED_PRODUCTS).update(featured=True)
        product_passports(log=self.log)
        demo_partner_key(log=self.log)
        product_index = self._index(home, ProductIndexPage, people.INDEXES["products"])
        line_sheets(product_index, self._publish, self.log)
        story_index = self.stories(home)
        retailers_page = self.shops(home)
        self.fill_home_body(home, about)
        # The enquiry form first: the campaign's call to action links to it.
        enquiry_page(home, log=self.log)
        campaign_index = build_campaigns(home, self._publish, self.log)
        build_results(home, self._publish, self.log)
        build_depot(about, self._publish, self.log)
        workshop_index = build_workshops(home, self._publish, self.log)
        event_index = build_events(home, self._publish, self.log)
        self.navigation(
            [
                designer_index,
                product_index,
                workshop_index,
                story_index,
                retailers_page,
                campaign_index,
                about,
            ]
        )
        self.site_settings(home)
        funding_notice(self.log)
        accessibility_page(home, log=self.log)
        application_page(home, log=self.log)
        trade_page, press_kit = trade_pages(home, self._publish, self.log)
        # Beside the legal pages: what shops, the press and fair visitors look for.
        self.footer([event_index, trade_page, press_kit])
        easy_read_pages(home, self._publish, self.log)
        self.translate_all(home)
        return home

    def _publish(self, page):
        page.save_revision().publish()

    def home_page(self) -> HomePage:
        home = HomePage.objects.filter(locale=self.german).first()
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        if home is None:
            text = texts.HOME
            home = HomePage(
                locale=self.german,
                title=text["title"],
                slug=text["slug"],
                seo_title=text["seo_title"],
                search_description=text["search_description"],
                hero_heading=text["hero_heading"],
                hero_text=text["hero_text"],
                intro=paragraphs(text["intro"]),
                hero_image=demo_image(
                    "Grüne Punkte im Quartier",
                    texts.t(
                        "Vase, Becher, Notizbuch und Stoffbeutel des Labels auf einem Holztisch",
                        en="The label’s vase, mug, notebook and tote bag on a wooden table",
                        nl="Vaas, mok, notitieboek en draagtas van het label op een houten tafel",
                        fr="Vase, tasse, carnet et sac en toile du label sur une table en bois",
                    ),
                    size=(1920, 1200),
                    scene=("vase", "mug", "notebook", "tote"),
                ),
            )
            Page.get_first_root_node().add_child(instance=home)
            self._publish(home)
            self.log(f"Startseite angelegt: {home.title}")
        previous_root = site.root_page_id
        site.root_page = home
        site.site_name = "Made in Aachen-Nord"
        # Canonical and alternate URLs use the site's host: the one the demo is served on.
        base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        site.hostname = base.hostname or "localhost"
        site.port = base.port or (443 if base.scheme == "https" else 80)
        site.save()
        # Wagtail's own welcome page is not part of this site.
        if previous_root and previous_root != home.pk:
            Page.objects.filter(pk=previous_root, content_type__model="page").delete()
        return home

    def legal_pages(self, home):
        for kind, text in texts.LEGAL.items():
            if LegalPage.objects.child_of(home).filter(kind=kind).exists():
                continue
            page = LegalPage(
                title=text["title"], slug=text["slug"], kind=kind, body=paragraphs(text["body"])
            )
            home.add_child(instance=page)
            self._publish(page)
            self.log(f"Seite angelegt: {page.title}")

    def fill_home_body(self, home, about):
        if home.body:
            return
        text = texts.HOME
        palettes = ["meadow", "clay", "river"]
        cards = []
        for index, (heading, body) in enumerate(text["cards"]):
            image = demo_image(
                f"Produktionskette {index + 1}", heading, size=(1200, 900), palette=palettes[index]
            )
            card = {
                "image": {"image": image.pk, "alt_text": "", "decorative": True},
                "heading": heading,
                "text": body,
                "page": None,
            }
            # ListBlock items in Wagtail's block format (with ids), which wagtail-localize reads.
            cards.append({"type": "item", "value": card, "id": str(uuid.uuid4())})
        featured = DesignerPage.objects.filter(
            locale=self.german,
            catalogue_ref__in=["lena-hoffmann", "yusuf-demir", "marie-claes", "tom-becker"],
        ).order_by("title")
        home.body = [
            {"type": "feature_cards", "value": {"heading": text["cards_heading"], "cards": cards}},
            {
                "type": "designers",
                "value": {
                    "heading": text["designers_heading"],
                    "designers": [
                        {"type": "item", "value": page.pk, "id": str(uuid.uuid4())}
                        for page in featured
                    ],
                },
            },
            {"type": "products", "value": {"heading": text["products_heading"], "products": []}},
            {"type": "latest_stories", "value": {"heading": text["stories_heading"], "count": 3}},
            {"type": "quote", "value": {"quote": text["quote"], "attribution": text["quote_by"]}},
            {
                "type": "call_to_action",
                "value": {
                    "heading": text["cta_heading"],
                    "text": text["cta_text"],
                    "page": about.pk,
                    "button_label": text["cta_button"],
                },
            },
        ]
        self._publish(home)

    def navigation(self, pages):
        if Navigation.objects.filter(locale=self.german).exists():
            return
        navigation = Navigation(locale=self.german, name=texts.NAVIGATION["name"])
        # An explicit sort_order: assigned this way (not through the admin's form) it stays
        # empty, and the menu's order would be whatever order the database returns the rows in
        # (it changed after a backup was restored).
        navigation.items = [
            NavigationItem(
                label=shops.NAVIGATION_LABEL
                if isinstance(page, RetailerIndexPage)
                else texts.NAVIGATION.get(page.slug, page.title),
                link_page=page,
                sort_order=position,
            )
            for position, page in enumerate(pages)
        ]
        navigation.save()

    def taxonomies(self):
        for model, terms in ((Discipline, people.DISCIPLINES), (StoryTag, people.TAGS)):
            for slug, name in terms.items():
                model.objects.get_or_create(slug=slug, locale=self.german, defaults={"name": name})

    def _index(self, home, model, text):
        index = model.objects.child_of(home).first()
        if index is None:
            index = model(title=text["title"], slug=text["slug"], intro=text["intro"])
            home.add_child(instance=index)
            self._publish(index)
            self.log(f"Seite angelegt: {index.title}")
        return index

    def designers(self, home):
        index = self._index(home, DesignerIndexPage, people.INDEXES["designers"])
        disciplines = {d.slug: d for d in Discipline.objects.filter(locale=self.german)}
        for data in people.DESIGNERS:
            if DesignerPage.objects.filter(catalogue_ref=data["ref"], locale=self.german).exists():
                continue
            portrait = demo_image(
                f"Porträt {data['name']}",
                texts.t(
                    f"Porträt von {data['name']}",
                    en=f"Portrait of {data['name']}",
                    nl=f"Portret van {data['name']}",
                    fr=f"Portrait de {data['name']}",
                ),
                (900, 1125),
                data["palette"],
                portrait=True,
            )
            page = DesignerPage(
                title=data["name"],
                slug=people.same(data["ref"]),
                catalogue_ref=data["ref"],
                portrait=portrait,
                studio=data["studio"],
                city=data["city"],
                lead=data["lead"],
                biography=[{"type": "paragraph", "value": paragraphs([data["bio"]])}],
            )
            page.disciplines = [disciplines[slug] for slug in data["disciplines"]]
            index.add_child(instance=page)
            self._publish(page)
        return index

    def _chain_block(self, data):
        """The production chain of the story's product, when the catalogue has it."""
        product = Product.objects.sources().filter(external_id=data.get("product", "")).first()
        if product is None:
            return []
        return [
            {"type": "production_chain", "value": {"product": product.pk, "heading": ""}},
            {
                "type": "where_to_buy",
                "value": {"heading": "", "product": product.pk, "designer": None},
            },
        ]

    def stories(self, home):
        index = self._index(home, StoryIndexPage, people.INDEXES["stories"])
        designers = {d.catalogue_ref: d for d in DesignerPage.objects.filter(locale=self.german)}
        tags = {tag.slug: tag for tag in StoryTag.objects.filter(locale=self.german)}
        today = datetime.date.today()
        for data in people.STORIES:
            if StoryPage.objects.child_of(index).filter(slug=data["slug"]).exists():
                continue
            hero = demo_image(
                f"Geschichte {data['title']}", data["lead"], (1600, 1000), data["palette"]
            )
            detail = demo_image(
                f"Werkstatt {data['title']}", data["title"], (1200, 800), data["palette"]
            )
            featured = [designers[ref] for ref in data["designers"]]
            body, quote, caption = people.STORY_BODY[:2], people.STORY_BODY[2], people.STORY_BODY[3]
            page = StoryPage(
                title=data["title"],
                slug=data["slug"],
                lead=data["lead"],
                date=today - datetime.timedelta(days=data["days_ago"]),
                hero_image=hero,
                body=[
                    {"type": "paragraph", "value": paragraphs([body[0]])},
                    {
                        "type": "image",
                        "value": {
                            "image": {"image": detail.pk, "alt_text": "", "decorative": True},
                            "caption": caption,
                        },
                    },
                    {"type": "paragraph", "value": paragraphs([body[1]])},
                    {"type": "quote", "value": {"quote": quote, "attribution": featured[0].title}},
                    *self._chain_block(data),
                ],
            )
            page.tags = [tags[slug] for slug in data["tags"]]
            page.featured_designers = [StoryDesigner(designer=designer) for designer in featured]
            index.add_child(instance=page)
            self._publish(page)
        return index

    def shops(self, home) -> RetailerIndexPage:
        """The retailers page, the retailers' own texts, an editor's link for a designer and a
        paid placement (the catalogue brings the retailers and their product links)."""
        for retailer in Retailer.objects.filter(locale=self.german, ref__in=shops.RETAILERS):
            description, hours = shops.RETAILERS[retailer.ref]
            if not retailer.description and not retailer.opening_hours:
                retailer.description, retailer.opening_hours = description, hours
                retailer.save(update_fields=["description", "opening_hours"])
        retailers = {r.ref: r for r in Retailer.objects.filter(locale=self.german).exclude(ref="")}
        designer = DesignerPage.objects.filter(
            locale=self.german, catalogue_ref=shops.DESIGNER_LINK["designer"]
        ).first()
        retailer = retailers.get(shops.DESIGNER_LINK["retailer"])
        if designer and retailer:
            StockistLink.objects.get_or_create(designer=designer, retailer=retailer)
        product = Product.objects.sources().filter(external_id=shops.PAID_LINK["product"]).first()
        retailer = retailers.get(shops.PAID_LINK["retailer"])
        if product and retailer:
            StockistLink.objects.get_or_create(
                product=product,
                retailer=retailer,
                defaults={"url": shops.PAID_LINK["url"], "paid": True, "new_tab": True},
            )
        text = shops.RETAILERS_PAGE
        page = RetailerIndexPage.objects.child_of(home).first()
        if page is None:
            page = RetailerIndexPage(
                title=text["title"],
                slug=text["slug"],
                intro=text["intro"],
                search_description=text["search_description"],
            )
            home.add_child(instance=page)
            self._publish(page)
            self.log(f"Seite angelegt: {page.title}")
        return page

    def footer(self, pages):
        if Footer.objects.filter(locale=self.german).exists():
            return
        footer = Footer(
            locale=self.german, about=texts.FOOTER["about"], contact=texts.FOOTER["contact"]
        )
        footer.links = [
            FooterLink(label=page.title, link_page=page, sort_order=position)
            for position, page in enumerate(pages)
        ]
        footer.save()

    def site_settings(self, home):
        if SiteSettings.objects.filter(locale=self.german).exists():
            return
        # The label's picture doubles as the image shared for pages without their own.
        SiteSettings(
            locale=self.german, default_social_image=home.hero_image, **texts.SITE_SETTINGS
        ).save()

    # Translations ----------------------------------------------------------------------

    @staticmethod
    def _slug_outdated(page, translation, code) -> bool:
        expected = texts.TRANSLATIONS[code].get(page.slug)
        return expected is not None and translation.slug != expected

    def retranslate_slug(self, page, translation, code):
        """A database from before the demo translated this slug (`/fr/anfrage/`): the page is
        translated again, and its old address redirects to the new one. Wagtail creates that
        redirect itself once the transaction commits; the one made here is the same, marked
        automatic, so Wagtail's replaces it, and it is there at once (in tests, which never
        commit)."""
        old_url = translation.get_url(None)
        site = translation.get_site()
        new = translate(page, code, texts.TRANSLATIONS[code])
        if old_url and site is not None:
            Redirect.objects.update_or_create(
                old_path=Redirect.normalise_path(old_url),
                site=site,
                defaults={"redirect_page": new, "automatically_created": True},
            )
        self.log(f"Adresse übersetzt ({code}): {old_url} → {new.get_url(None)}")

    def translate_all(self, home):
        # Published pages only: a draft waiting for review is translated once it is live.
        # German-only pages (Leichte Sprache) are never translated.
        pages = [
            page
            for page in [home, *home.get_descendants().live().specific()]
            if not getattr(page, "german_only", False)
        ]
        snippets = [
            *Discipline.objects.filter(locale=self.german),
            *StoryTag.objects.filter(locale=self.german),
            *Retailer.objects.filter(locale=self.german, ref__in=shops.RETAILERS),
            *SiteSettings.objects.filter(locale=self.german),
            *Navigation.objects.filter(locale=self.german),
            *Footer.objects.filter(locale=self.german),
        ]
        for code in TARGET_LANGUAGES:
            for obj in [*snippets[:-2], *pages, *snippets[-2:]]:
                existing = obj.get_translation_or_none(Locale.objects.get(language_code=code))
                if existing is None:
                    translate(obj, code, texts.TRANSLATIONS[code])
                    self.translated.append(obj)
                elif isinstance(obj, Page) and self._slug_outdated(obj, existing, code):
                    self.retranslate_slug(obj, existing, code)
            missing = [
                (str(obj), segment)
                for obj in [*pages, *snippets]
                for segment in untranslated_segments(obj, code)
            ]
            for name, segment in missing:
                self.log(f"Warnung: {name} hat keine Übersetzung ({code}) für „{segment}“")
