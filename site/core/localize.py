"""Translate pages and snippets through wagtail-localize from code (demo content, tests).

The same path an editor's translation takes: a translation source is extracted from the German
instance, string translations are stored per segment, and wagtail-localize saves the target. A
segment without a given translation keeps the German text (wagtail-localize's fallback).
"""

from collections.abc import Mapping

from wagtail.models import DraftStateMixin, Locale, Page, Revision
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource


def translate(
    instance, language_code: str, strings: Mapping[str | tuple[str, str], str], user=None
):
    """Create or update the `language_code` translation of `instance` and publish it.

    `strings` maps German segment texts to their translation, or (field name, German text) to
    the translation for that field alone (the last name of the segment's path: `label` of
    `items.<id>.label`), which wins; returns the translated instance.
    """
    locale = Locale.objects.get(language_code=language_code)
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        # Multi-line texts arrive as segments with <br/> where the German had line breaks.
        data = segment.string.data
        text = (
            strings.get((segment.context.path.rpartition(".")[2], data))
            or strings.get(data)
            or strings.get(data.replace("<br/>", "\n"), "").replace("\n", "<br/>")
        )
        if text:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": text},
            )
    if isinstance(instance, Page):
        # wagtail-localize defers publishing to the end of the transaction, with the page object
        # as it was then; publishing at once from a fresh revision keeps the tree counts right
        # when a whole tree is translated inside one transaction.
        translation.save_target(user=user, publish=False)
        target = instance.get_translation(locale)
        Revision.objects.get(pk=target.latest_revision_id).publish(user=user)
        return Page.objects.get(pk=target.pk).specific
    if isinstance(instance, DraftStateMixin):
        # The same for snippets under review: wagtail-localize would publish on commit.
        translation.save_target(user=user, publish=False)
        target = instance.get_translation(locale)
        Revision.objects.get(pk=target.latest_revision_id).publish(user=user)
        return type(instance).objects.get(pk=target.pk)
    translation.save_target(user=user, publish=True)
    return instance.get_translation(locale)


def untranslated_segments(instance, language_code: str) -> list[str]:
    """German segment texts of `instance` that have no translation into `language_code` yet."""
    source = TranslationSource.objects.get_for_instance_or_none(instance)
    if source is None:
        return []
    locale = Locale.objects.get(language_code=language_code)
    translated = StringTranslation.objects.filter(
        locale=locale, context__object_id=source.object_id
    )
    done = {(t.translation_of_id, t.context_id) for t in translated}
    return [
        segment.string.data
        for segment in StringSegment.objects.filter(source=source).select_related("string")
        if (segment.string_id, segment.context_id) not in done
    ]
