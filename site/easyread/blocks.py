"""The blocks of an easy-read page: one idea per line, by construction.

Editors write sentences, not paragraphs: a list of single sentences, each on its own line and
optionally with a picture beside it; a short heading; a hard word with its explanation; a big
link to another page. Rich text is offered nowhere, so no one pastes a paragraph of standard
German into an easy-read page.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from core.blocks import PageLinkBlock

# A sentence of Leichte Sprache is short: about 15 words. The field stops at this many
# characters (a long sentence is the first sign of standard German).
SENTENCE_MAX_LENGTH = 160
# Two sentences in one line: an end mark followed by a space and a capital letter.
_TWO_SENTENCES = re.compile(r"[.!?]\s+[A-ZÄÖÜ0-9]")


def one_sentence(text: str) -> None:
    if _TWO_SENTENCES.search(text or ""):
        raise ValidationError(
            _("Bitte nur einen Satz je Zeile. Schreiben Sie den nächsten Satz in eine neue Zeile.")
        )


class SentenceBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        label=_("Satz"),
        max_length=SENTENCE_MAX_LENGTH,
        help_text=_(
            "Ein kurzer Satz mit einer Aussage. Lange Wörter mit Mediopunkt: Design·produkte."
        ),
    )
    image = ImageChooserBlock(
        label=_("Bild"),
        required=False,
        help_text=_("Ein Bild, das den Satz zeigt. Es steht neben dem Satz."),
    )

    class Meta:
        label = _("Satz")
        icon = "pilcrow"

    def clean(self, value):
        value = super().clean(value)
        try:
            one_sentence(value["text"])
        except ValidationError as error:
            raise StructBlockValidationError(block_errors={"text": error}) from error
        return value


class SentencesBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(SentenceBlock(), **kwargs)

    class Meta:
        label = _("Sätze")
        icon = "list-ul"
        template = "easyread/blocks/sentences.html"
        min_num = 1


class WordBlock(blocks.StructBlock):
    """A hard word and what it means, in a box of its own."""

    word = blocks.CharBlock(label=_("Schweres Wort"), max_length=60)
    explanation = blocks.ListBlock(
        blocks.CharBlock(max_length=SENTENCE_MAX_LENGTH, validators=[one_sentence]),
        label=_("Erklärung"),
        help_text=_("Ein Satz je Zeile."),
        min_num=1,
    )

    class Meta:
        label = _("Wort-Erklärung")
        icon = "help"
        template = "easyread/blocks/word.html"


class LinkBlock(blocks.StructBlock):
    page = PageLinkBlock(label=_("Seite"))
    label = blocks.CharBlock(
        label=_("Beschriftung"),
        max_length=80,
        help_text=_("Sagt, wohin der Link führt. Zum Beispiel: Mehr über die Produkte."),
    )

    class Meta:
        label = _("Link")
        icon = "link"
        template = "easyread/blocks/link.html"


class EasyReadStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Überschrift"),
        max_length=80,
        template="easyread/blocks/heading.html",
        icon="title",
    )
    sentences = SentencesBlock()
    word = WordBlock()
    link = LinkBlock()
