"""Blocks that feature content on the home page; later areas add designers, stories, products."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from core.blocks import BodyStreamBlock


class FeatureCardBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Bild"), required=False)
    heading = blocks.CharBlock(label=_("Überschrift"), max_length=80)
    text = blocks.TextBlock(label=_("Text"), max_length=300)
    page = blocks.PageChooserBlock(label=_("Verlinkte Seite"), required=False)

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


class HomeStreamBlock(BodyStreamBlock):
    feature_cards = FeatureCardsBlock()
