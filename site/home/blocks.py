"""Blocks that feature content on the home page; later areas add designers, stories, products."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock
from wagtail.models import Locale

from core import frame
from core.blocks import BodyStreamBlock, PageLinkBlock
from designers.blocks import DesignerTeasersBlock, ProductTeasersBlock
from designers.models import StoryPage


class FeatureCardBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Bild"), required=False)
    heading = blocks.CharBlock(label=_("Überschrift"), max_length=80)
    text = blocks.TextBlock(label=_("Text"), max_length=300)
    page = PageLinkBlock(label=_("Verlinkte Seite"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Karte")


class FeatureCardsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Überschrift"), max_length=120)
    cards = blocks.ListBlock(FeatureCardBlock(), label=_("Karten"), min_num=1, max_num=6)

    class Meta:
        icon = "table"
        template = "blocks/feature_cards_block.html"
        label = _("Kartenreihe")
        description = _("Zwei bis sechs Karten nebeneinander, jede mit Bild, Text und Link.")
        preview_value = {
            "heading": "So entsteht ein Produkt",
            "cards": [
                {
                    "heading": "Entwurf",
                    "text": "Designer:innen lizenzieren ihre Entwürfe an das Label.",
                },
                {
                    "heading": "Fertigung",
                    "text": "Werkstätten im Quartier fertigen in kleinen Serien.",
                },
                {
                    "heading": "Verkauf",
                    "text": "Museumsshops und Concept Stores verkaufen die Produkte.",
                },
            ],
        }


class LatestStoriesBlock(blocks.StructBlock):
    """The newest product stories in the visitor's language: stays current without editing."""

    heading = blocks.CharBlock(label=_("Überschrift"), max_length=120)
    count = blocks.IntegerBlock(label=_("Anzahl"), default=3, min_value=1, max_value=6)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        index_url = frame.index_url("designers.StoryIndexPage")
        index = {"url": index_url} if index_url else None
        stories = (
            StoryPage.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .select_related("hero_image")
            .prefetch_related("hero_image__renditions")
            .order_by("-date")[: value["count"]]
        )
        context.update(stories=list(stories), index=index)
        return context

    class Meta:
        icon = "doc-full-inverse"
        template = "blocks/latest_stories_block.html"
        label = _("Neueste Geschichten")
        description = _(
            "Die neuesten Geschichten in der Sprache der Seite, mit Link zur Übersicht."
        )


class HomeStreamBlock(BodyStreamBlock):
    feature_cards = FeatureCardsBlock()
    designers = DesignerTeasersBlock()
    latest_stories = LatestStoriesBlock()
    products = ProductTeasersBlock()
