"""The admin's "Sync now" runs as a background task (django-tasks).

With `TASKS_BACKEND=database` the request only queues the run and `manage.py db_worker` picks it
up, so a long sync never holds a web worker; with the immediate backend (development, tests) it
runs inside the request. Arguments and result are plain JSON, as the database backend stores
them.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django_tasks import task

from catalogue.models import SyncRun
from catalogue.sync.engine import run_sync


@task()
def sync_catalogue_now(user_id: int | None = None, dry_run: bool = False, force: bool = False):
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    summary = run_sync(
        settings.CATALOGUE_FEED_URL,
        dry_run=dry_run,
        force=force,
        trigger=SyncRun.Trigger.ADMIN,
        user=user,
    )
    return summary.as_dict()
