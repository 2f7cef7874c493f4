from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class LimitationBlock(blocks.StructBlock):
    """One content or function that is not (yet) accessible: what, why, and the way around it."""

    what = blocks.CharBlock(
        label=_("Was ist nicht barrierefrei?"),
        max_length=200,
        help_text=_("Kurz, z. B. „Die Karte der Kampagnenseite“."),
    )
    why = blocks.TextBlock(label=_("Warum?"), help_text=_("Der Grund, in einfachen Worten."))
    alternative = blocks.TextBlock(
        label=_("Alternative"),
        required=False,
        help_text=_("Wie Besucher:innen trotzdem an die Inhalte kommen."),
    )

    class Meta:
        label = _("Einschränkung")
        icon = "warning"
        template = "blocks/limitation_block.html"


class LimitationsBlock(blocks.StreamBlock):
    limitation = LimitationBlock()

    class Meta:
        block_counts = {}
