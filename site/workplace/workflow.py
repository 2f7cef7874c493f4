"""The review workflow: every page and every public snippet goes through the moderators before
it is published.

Wagtail's own migrations create a "Moderators approval" workflow on the tree root; ours takes
its place on the root (so it covers every page in every language) and the old one is switched
off when nothing is in progress in it. The snippets that keep drafts (`core.models.
ReviewedSnippet`: navigation, footer, site settings, retailers, indicators, the Depot's resources) are assigned to the same
workflow by content type.
"""

from django.apps import apps as global_apps

from workplace.roles import MODERATORS

WORKFLOW_NAME = "Redaktionelle Prüfung"
TASK_NAME = "Freigabe durch die Moderation"
# (app_label, model) of the snippets under review.
REVIEWED_SNIPPET_MODELS = [
    ("core", "navigation"),
    ("core", "footer"),
    ("core", "sitesettings"),
    ("shop_links", "retailer"),
    ("results", "indicator"),
    ("workshops", "workshop"),
    ("depot", "sharedresource"),
]


def ensure_review_workflow(apps=global_apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    moderators, _created = Group.objects.get_or_create(name=MODERATORS)
    task_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type)
    task.active = True
    task.save()
    task.groups.set([moderators])

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    workflow.active = True
    workflow.save()
    WorkflowTask.objects.filter(workflow=workflow).exclude(task_id=task.pk).delete()
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task_id=task.pk, defaults={"sort_order": 0}
    )

    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    for app_label, model in REVIEWED_SNIPPET_MODELS:
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
        WorkflowContentType.objects.update_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )

    # Wagtail's default workflow, now assigned nowhere: switch it off unless work is under way.
    for other in Workflow.objects.exclude(pk=workflow.pk).filter(name="Moderators approval"):
        in_use = (
            WorkflowPage.objects.filter(workflow=other).exists()
            or WorkflowContentType.objects.filter(workflow=other).exists()
        )
        in_progress = WorkflowState.objects.filter(workflow=other, status="in_progress").exists()
        if not in_use and not in_progress:
            Workflow.objects.filter(pk=other.pk).update(active=False)
    return workflow
