"""`python manage.py load_demo`: a believable site in four languages, in one step, repeatable."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home.demo.builder import DemoBuilder
from workplace.demo import create_demo_users, create_review_examples


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

    def handle(self, *args, **options):
        if settings.SETTINGS_MODULE.endswith("production") and not options["allow_production"]:
            raise CommandError(
                "load_demo legt Demo-Inhalte und einen Admin an; mit Produktions-Einstellungen nur mit "
                "--allow-production."
            )
        with transaction.atomic():
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
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        self.stdout.write(self.style.SUCCESS("Demo-Inhalte sind bereit."))
        self.stdout.write(f"  Website:  {base}/de/  (auch /en/, /nl/, /fr/)")
        self.stdout.write(f"  Admin:    {base}/admin/")
        self.stdout.write(f"  Benutzer: admin   Passwort: {password}")
        for username, role_password, group in role_users:
            self.stdout.write(f"  Benutzer: {username}   Passwort: {role_password}   ({group})")
