"""One demo user per role, and work waiting for them, so a newcomer can try every part of the
workplace (`load_demo`): a page and a retailer submitted for review, and a German page changed
after its translations were synced."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale

from core.models import ContentPage, LegalPage
from project.models import ProjectPage
from shop_links.models import Retailer
from workplace.roles import (
    CATALOGUE_MANAGERS,
    DESIGNER_RELATIONS,
    EDITORS,
    ENQUIRY_MANAGERS,
    MODERATORS,
    TRANSLATORS,
    sync_roles,
)

DEMO_USERS = [
    ("redaktion", "Rita", "Redaktion", EDITORS),
    ("moderation", "Mona", "Moderation", MODERATORS),
    ("uebersetzung", "Ümit", "Übersetzung", TRANSLATORS),
    ("anfragen", "Anja", "Anfragen", ENQUIRY_MANAGERS),
    ("katalog", "Karl", "Katalog", CATALOGUE_MANAGERS),
    ("bewerbungen", "Bea", "Bewerbungen", DESIGNER_RELATIONS),
    # A translator for Dutch only (the group "Translators (nl)", see roles.sync_roles).
    ("vertaling", "Veerle", "Vertaling", f"{TRANSLATORS} (nl)"),
]


def create_demo_users(password: str = "") -> list[tuple[str, str, str]]:
    """Creates or resets the role users; returns (username, password, group) for printing.

    With `password` every user gets it (DEMO_ADMIN_PASSWORD); otherwise each a random one.
    """
    sync_roles(log=lambda message: None, locale_translators=("nl",))
    users = []
    for username, first, last, group_name in DEMO_USERS:
        if not Group.objects.filter(name=group_name).exists():
            continue  # "Translators (nl)" needs the Dutch home page
        user, _created = get_user_model().objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@made-in-aachen-nord.example",
            },
        )
        user_password = password or secrets.token_urlsafe(9)
        user.set_password(user_password)
        user.is_staff = False
        user.is_superuser = False
        user.save()
        user.groups.set([Group.objects.get(name=group_name)])
        users.append((username, user_password, group_name))
    return users


def create_review_examples(log=print) -> None:
    """Fill the dashboard's panels; each step looks for what an earlier run left first."""
    from demo import texts

    users = get_user_model().objects.in_bulk(["redaktion", "moderation"], field_name="username")
    editor, moderator = users["redaktion"], users["moderation"]
    german = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    about = ProjectPage.objects.filter(locale=german, slug=texts.ABOUT["slug"], depth=3).first()
    if about is None:
        return
    _page_in_review(about, editor, texts.REVIEW_PAGE, log)
    _retailer_in_review(german, editor, texts.REVIEW_RETAILER, log)
    privacy = LegalPage.objects.filter(locale=german, kind=LegalPage.Kind.PRIVACY).first()
    if privacy is not None:
        _german_change(privacy, moderator, texts.PRIVACY_CHANGE, log)


def _page_in_review(parent, editor, text, log):
    if ContentPage.objects.child_of(parent).filter(slug=text["slug"]).exists():
        return
    page = ContentPage(title=text["title"], slug=text["slug"], intro=text["intro"], live=False)
    parent.add_child(instance=page)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    log(f"Zur Prüfung eingereicht: Seite „{page.title}“")


def _retailer_in_review(german, editor, text, log):
    if Retailer.objects.filter(locale=german, name=text["name"]).exists():
        return
    retailer = Retailer(locale=german, live=False, **text)
    retailer.save()
    retailer.save_revision(user=editor)
    retailer.get_workflow().start(retailer, editor)
    log(f"Zur Prüfung eingereicht: Händler „{retailer.name}“")


def _german_change(page, moderator, sentence, log):
    """A published German change that the translations have not been synced with."""
    if sentence in page.body:
        return
    page.body = f"{page.body}<p>{sentence}</p>"
    page.save_revision(user=moderator).publish(user=moderator)
    log(f"Deutsch geändert, Übersetzungen noch nicht abgeglichen: „{page.title}“")
