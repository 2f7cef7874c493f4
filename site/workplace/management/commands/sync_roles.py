"""`python manage.py sync_roles`: bring the groups, their permissions and the review workflow
in line with workplace/roles.py (safe to run at any time; run it after adding an app)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from workplace.roles import ROLES, sync_roles
from workplace.workflow import ensure_review_workflow


class Command(BaseCommand):
    help = "Legt die Rollen (Gruppen mit Rechten) und den Prüf-Workflow an oder gleicht sie ab."

    def add_arguments(self, parser):
        parser.add_argument(
            "--locale-translators",
            nargs="*",
            default=[],
            metavar="CODE",
            help="Zusätzlich je Sprache eine Gruppe „Translators (CODE)“, die nur Seiten dieser "
            "Sprache bearbeiten darf, z. B. --locale-translators nl fr.",
        )

    def handle(self, *args, **options):
        with transaction.atomic():
            missing = sync_roles(
                log=lambda message: self.stderr.write(self.style.WARNING(message)),
                locale_translators=options["locale_translators"],
            )
            ensure_review_workflow()
        self.stdout.write(self.style.SUCCESS(f"{len(ROLES)} Rollen abgeglichen."))
        if missing:
            self.stdout.write(f"{len(missing)} Rechte fehlen noch (App nicht installiert).")
