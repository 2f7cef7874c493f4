"""`python manage.py check_shop_links`: check every retailer and stockist address, from cron.

Exit code 0 whenever the run completed, broken links included (they are findings for editors,
shown in the admin, not a failure of the run); 2 for wrong arguments or an unknown `--url`.
"""

from django.core.management.base import BaseCommand, CommandError

from shop_links import linkcheck


class Command(BaseCommand):
    help = (
        "Checks every outbound shop address (HEAD, else GET; redirects followed) and records "
        "the result. A link counts as broken after SHOP_LINKS_BROKEN_AFTER failures in a row; "
        "nothing is hidden or deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--url",
            help="Check only this address (one in use), even while backing off after a 429.",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            help="Seconds to connect and to wait for each answer. Default: SHOP_LINKS_CHECK_TIMEOUT.",
        )
        parser.add_argument(
            "--workers",
            type=int,
            help="Hosts checked in parallel. Default: SHOP_LINKS_CHECK_WORKERS.",
        )

    def handle(self, *args, url=None, timeout=None, workers=None, verbosity=1, **options):
        if timeout is not None and timeout <= 0:
            raise CommandError("--timeout must be more than 0 seconds.", returncode=2)

        def show(outcome, check):
            if verbosity < 2 and not (verbosity == 1 and url):
                return
            if outcome.state == "ok":
                detail = f"ok {outcome.status}"
                if outcome.final_url and outcome.final_url != outcome.url:
                    detail += f" → {outcome.final_url}"
            elif outcome.state == "backoff":
                detail = f"429, backing off until {check.retry_after:%Y-%m-%d %H:%M} UTC"
            elif outcome.state == "skipped":
                detail = "backing off, not checked"
            else:
                state = "broken" if check.broken else "failing"
                detail = f"{state} ({check.failures}×): {outcome.status or outcome.error}"
            timing = f" [{outcome.duration_ms} ms]" if outcome.duration_ms is not None else ""
            self.stdout.write(f"{outcome.url}: {detail}{timing}")

        try:
            summary = linkcheck.run(only=url, timeout=timeout, workers=workers, on_result=show)
        except LookupError:
            raise CommandError(
                f"{url} is not used by any retailer or stockist link.", returncode=2
            ) from None
        if verbosity:
            self.stdout.write(summary.line())
