"""The blocks of the project page: aims, approach, partners (the rest is the common body)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import BodyStreamBlock, PageLinkBlock


class AimsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Überschrift"), max_length=120)
    aims = blocks.ListBlock(
        blocks.TextBlock(label=_("Ziel"), max_length=300), label=_("Ziele"), min_num=1
    )

    class Meta:
        label = _("Ziele")
        icon = "crosshairs"
        template = "blocks/project_aims_block.html"
        description = _("Was das Vorhaben erreichen will, ein Ziel je Eintrag.")


class ApproachStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Baustein"), max_length=120)
    text = blocks.TextBlock(label=_("Beschreibung"), max_length=600)
    page = PageLinkBlock(
        label=_("Mehr dazu auf der Seite"),
        required=False,
        help_text=_(
            "z. B. die Seite mit den Ressourcen des Depots; Besucher:innen lesen sie in "
            "ihrer Sprache."
        ),
    )


class ApproachBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Überschrift"), max_length=120)
    steps = blocks.ListBlock(ApproachStepBlock(), label=_("Bausteine"), min_num=1)

    class Meta:
        label = _("Vorgehen")
        icon = "list-ol"
        template = "blocks/project_approach_block.html"
        description = _(
            "Die Bausteine des Vorhabens in ihrer Reihenfolge, z. B. Bedarfsanalyse, "
            "lokale Betriebe, Ressourcen im Depot, Qualifizierung, Produkte, Kampagnen."
        )


class PartnerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=160)
    role = blocks.TextBlock(label=_("Rolle im Projekt"), max_length=300, required=False)
    url = blocks.URLBlock(label=_("Website"), required=False)
    funder = blocks.BooleanBlock(
        label=_("Fördert das Projekt"),
        required=False,
        help_text=_("Geldgeber werden Suchmaschinen als Förderer genannt."),
    )


class PartnersBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Überschrift"), max_length=120)
    partners = blocks.ListBlock(PartnerBlock(), label=_("Partner"), min_num=1)

    class Meta:
        label = _("Partner")
        icon = "group"
        template = "blocks/project_partners_block.html"


class ProjectStreamBlock(BodyStreamBlock):
    aims = AimsBlock()
    approach = ApproachBlock()
    partners = PartnersBlock()
