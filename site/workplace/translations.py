"""What a translation may change, and for whom: the project's rules over wagtail-localize.

wagtail-localize writes a translation into its target in one place,
`TranslationSource.create_or_update_translation` (reached through `Translation.save_target`),
and its defaults make that visible at once: "Translate" publishes a new translated page
whenever the German page is live, and saving an existing target as a "draft" writes the text
onto the row that visitors are shown (a live snippet is even taken offline). The site's promise
is that visitors see only what a moderator approved, so every path that starts or updates a
translation goes through `save_draft` here, and the moderators' publish step goes through the
review workflow (`approve`). The views in `workplace/views.py` and the hooks in
`workplace/wagtail_hooks.py` route wagtail-localize's buttons to these functions.

Languages: Wagtail has page permissions per subtree but no per-language snippet permissions.
A translator restricted to some languages ("Translators (nl)", `roles.sync_roles`) has page
permissions on those languages' home pages only; `allowed_locale_ids` reads the languages a user
may work in from where their page permissions sit, and the same limit is applied to snippets.
"""

import contextlib

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import DraftStateMixin, GroupPagePermission, Page, WorkflowMixin
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.models import Translation, TranslationSource


def allowed_locale_ids(user) -> set[int] | None:
    """The locales `user` may translate into: None for all of them, else a set of ids.

    All, for superusers and for anyone whose page permissions include the tree root (editors,
    moderators, translators). Otherwise the locales of the pages their groups hold permissions
    on ("Translators (nl)": the Dutch home page); nobody else translates at all (empty set).
    """
    if not user.is_active:
        return set()
    if user.is_superuser:
        return None
    cached = getattr(user, "_translation_locale_ids", False)
    if cached is not False:
        return cached
    roots = GroupPagePermission.objects.filter(group__user=user).values_list(
        "page__depth", "page__locale_id"
    )
    ids: set[int] | None = set()
    for depth, locale_id in roots:
        if depth == 1:
            ids = None
            break
        ids.add(locale_id)
    user._translation_locale_ids = ids
    return ids


def may_work_in(user, locale_id: int) -> bool:
    allowed = allowed_locale_ids(user)
    return allowed is None or locale_id in allowed


def target_or_none(translation: Translation):
    with contextlib.suppress(translation.source.specific_content_type.model_class().DoesNotExist):
        instance = translation.get_target_instance()
        return instance.specific if isinstance(instance, Page) else instance
    return None


def _is_live(instance) -> bool:
    return bool(getattr(instance, "live", True))


def save_draft(translation: Translation, user=None) -> None:
    """Write the translation's current texts as a draft that visitors do not see.

    - No target yet: wagtail-localize creates it unpublished (a page or snippet with drafts).
    - A target that is not live: wagtail-localize's draft save (the row is not shown anyway).
    - A live target with drafts: a new revision only; the row visitors are shown stays as the
      moderator last approved it (wagtail-localize would write the texts onto it).
    - A model without drafts (disciplines, story topics) cannot hold a draft: created on the
      first start as wagtail-localize does, never rewritten here (the translation editor's
      "Publish" updates it, as editing such a label does in German).
    """
    target = target_or_none(translation)
    drafts = issubclass(translation.source.specific_content_type.model_class(), DraftStateMixin)
    if not drafts:
        if target is None:
            translation.save_target(user=user, publish=True)
        return
    if target is None or not _is_live(target):
        translation.save_target(user=user, publish=False)
        return
    draft = translation.source.get_ephemeral_translated_instance(
        translation.target_locale, fallback=True
    )
    draft.save_revision(user=user, log_action=True)


class DraftTranslationCreator:
    """Starts translations as wagtail-localize's "Translate" does (the object, the snippets it
    refers to, one level deep, and optionally the subtree) but saves every target with
    `save_draft`: nothing becomes live and no live text changes."""

    def __init__(self, user, target_locales):
        self.user = user
        self.target_locales = list(target_locales)
        self.seen: set = set()
        self.mappings: dict = {}

    def create_translations(self, instance, include_related_objects=True):
        if isinstance(instance, Page):
            instance = instance.specific
        # A page type that exists in German only (`german_only = True`: Leichte Sprache) is
        # never translated, not even as part of a subtree.
        if instance.translation_key in self.seen or getattr(instance, "german_only", False):
            return
        self.seen.add(instance.translation_key)
        source, _created = TranslationSource.get_or_create_from_instance(instance)
        if include_related_objects:
            for segment in source.relatedobjectsegment_set.all():
                related = segment.object.get_instance(instance.locale)
                self.create_translations(related, include_related_objects=False)
        for locale in self.target_locales:
            if locale.pk == source.locale_id:
                continue
            translation, _created = Translation.objects.update_or_create(
                source=source, target_locale=locale, defaults={"enabled": True}
            )
            self.mappings.setdefault(source, []).append(translation)
            # wagtail-localize skips an object it cannot save yet and carries on; so do we.
            with contextlib.suppress(ValidationError):
                save_draft(translation, self.user)


@transaction.atomic
def start_translations(instance, locales, user, components=None, include_subtree=False):
    """ "Translate" for `instance` into `locales`, as drafts; returns the creator's mappings."""
    creator = DraftTranslationCreator(user, locales)
    creator.create_translations(instance)
    if include_subtree and isinstance(instance, Page):
        # Parents before children: a child's translation is created under its parent's.
        for page in instance.get_descendants().order_by("path").specific():
            creator.create_translations(page)
    if components is not None:
        components.save(creator, sources_and_translations=creator.mappings)
    return creator.mappings


def reviewed(instance) -> bool:
    """Whether `instance` goes through the review workflow (pages, snippets under review)."""
    return isinstance(instance, WorkflowMixin) and instance.get_workflow() is not None


def current_task_state(instance):
    state = getattr(instance, "current_workflow_state", None)
    if state is None or state.status != state.STATUS_IN_PROGRESS:
        return None
    return state.current_task_state


def can_approve(instance, user) -> bool:
    """Whether `user` may approve the review task `instance` waits in (Moderators)."""
    task_state = current_task_state(instance)
    if task_state is None:
        return False
    actions = task_state.task.specific.get_actions(instance, user)
    return any(name == "approve" for name, *_rest in actions)


def may_publish(instance, user) -> bool:
    """Whether `user` publishes `instance` directly (moderators) rather than submitting it."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    return user.has_perm(get_permission_name("publish", type(instance)))


@transaction.atomic
def submit(translation: Translation, user) -> str:
    """Save the translation as a draft and send it into review; returns what happened:
    "submitted", "resubmitted" (after changes were requested) or "in_review"."""
    instance = target_or_none(translation)
    if instance is not None and instance.workflow_in_progress:
        return "in_review"
    save_draft(translation, user)
    instance = target_or_none(translation)
    state = instance.current_workflow_state
    if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return "resubmitted"
    instance.get_workflow().start(instance, user)
    return "submitted"


@transaction.atomic
def approve(translation: Translation, user, comment: str = "") -> None:
    """The moderator's approval: the current texts become the reviewed draft and the workflow
    finishes as approved, which publishes it (Wagtail's `publish_workflow_state`)."""
    save_draft(translation, user)
    instance = target_or_none(translation)
    task_state = current_task_state(instance)
    task_state.task.specific.on_action(task_state, user, "approve", comment=comment)


@transaction.atomic
def request_changes(translation: Translation, user, comment: str) -> None:
    instance = target_or_none(translation)
    task_state = current_task_state(instance)
    task_state.task.specific.on_action(task_state, user, "reject", comment=comment)
