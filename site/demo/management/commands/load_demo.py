"""`python manage.py load_demo`: a believable site in four languages, in one step, repeatable."""

import contextlib
import logging
import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.applications import sample_application
from demo.builder import DemoBuilder
from demo.indexes import indexed_once
from demo.renditions import make_renditions
from demo.trade import sample_trade_enquiry
from demo.workplace import create_demo_users, create_review_examples


class Command(BaseCommand):
    help = "Legt die Demo-Inhalte an (Deutsch mit Übersetzungen) und druckt die Admin-Zugangsdaten."

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin-password",
            default=os.environ.get("DEMO_ADMIN_PASSWORD", ""),
            help="Passwort des Demo-Admins (Vorgabe: DEMO_ADMIN_PASSWORD oder ein zufälliges).",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Auch mit Produktions-Einstellungen ausführen (überschreibt nichts, legt aber Demo-Inhalte an).",
        )
        parser.add_argument(
            "--no-sample-application",
            action="store_true",
            help="Ohne die Beispiel-Bewerbung (für Tests, die mit einer leeren Anfragenliste beginnen).",
        )
        parser.add_argument(
            "--no-renditions",
            action="store_true",
            help="Die Bildgrößen nicht vorab erzeugen (dann erzeugt sie der erste Aufruf jeder Seite).",
        )

    def handle(self, *args, **options):
        if settings.SETTINGS_MODULE.endswith("production") and not options["allow_production"]:
            raise CommandError(
                "load_demo legt Demo-Inhalte und einen Admin an; mit Produktions-Einstellungen nur mit "
                "--allow-production."
            )
        with (
            quiet_logs(options["verbosity"]),
            transaction.atomic(),
            indexed_once(log=self.stdout.write),
        ):
            DemoBuilder(log=self.stdout.write).build()
            password = options["admin_password"] or secrets.token_urlsafe(9)
            user, _created = get_user_model().objects.get_or_create(
                username="admin",
                defaults={
                    "email": "admin@made-in-aachen-nord.example",
                    "is_staff": True,
                    "is_superuser": True,
                },
            )
            user.set_password(password)
            user.save()
            role_users = create_demo_users(options["admin_password"])
            create_review_examples(log=self.stdout.write)
            if not options["no_sample_application"]:
                sample_application()
                sample_trade_enquiry()
        if not options["no_renditions"]:
            with quiet_logs(options["verbosity"]):
                make_renditions(log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo-Inhalte sind bereit."))
        self.stdout.write(login_box([("admin", password, "Admin"), *role_users]))


def login_box(logins: list[tuple[str, str, str]]) -> str:
    """The addresses and every demo login in a small box: the last thing `make run` prints
    before the server's own lines, so a newcomer finds it without scrolling."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    width = max(len(username) for username, _, _ in logins)
    pwidth = max(len(password) for _, password, _ in logins)
    lines = [
        f"Website  {base}/  (/de/ /en/ /nl/ /fr/)",
        f"Admin    {base}/admin/",
        "",
        *(
            f"{username:<{width}}  {password:<{pwidth}}  {role}"
            for username, password, role in logins
        ),
    ]
    inner = max(len(line) for line in lines)
    return "\n".join(
        [
            "┌" + "─" * (inner + 2) + "┐",
            *(f"│ {line:<{inner}} │" for line in lines),
            "└" + "─" * (inner + 2) + "┘",
        ]
    )


@contextlib.contextmanager
def quiet_logs(verbosity: int):
    """Wagtail logs each page created, edited and published (a hundred lines for the demo); the
    command's own lines say what it did. `-v 2` shows them again."""
    if verbosity >= 2:
        yield
        return
    disabled = logging.root.manager.disable
    logging.disable(max(disabled, logging.INFO))
    try:
        yield
    finally:
        logging.disable(disabled)
