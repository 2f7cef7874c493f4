"""One demo user per role, so a newcomer can try every part of the workplace (`load_demo`)."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from workplace.roles import (
    CATALOGUE_MANAGERS,
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
]


def create_demo_users(password: str = "") -> list[tuple[str, str, str]]:
    """Creates or resets the role users; returns (username, password, group) for printing.

    With `password` every user gets it (DEMO_ADMIN_PASSWORD); otherwise each a random one.
    """
    sync_roles(log=lambda message: None)
    users = []
    for username, first, last, group_name in DEMO_USERS:
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
