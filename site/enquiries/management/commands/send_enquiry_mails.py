from django.core.management.base import BaseCommand

from enquiries.tasks import deliver, due_for_sending


class Command(BaseCommand):
    help = "Send the mails of enquiries whose notification failed or is still pending (cron)."

    def handle(self, *args, **options):
        states = [deliver(pk) for pk in due_for_sending().values_list("pk", flat=True)]
        failed = states.count("failed")
        self.stdout.write(f"{len(states) - failed} sent, {failed} failed")
