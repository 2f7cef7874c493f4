"""The team's roles as Django groups, kept in sync with one table.

`sync_roles()` is called by the data migration and by `manage.py sync_roles`; it may run any
number of times. Each role gets exactly the permissions listed here (permissions added by hand
in the admin are removed on the next run). A permission whose app is not installed or migrated
yet is skipped with a warning, so the command can simply be run again after that app arrives.

Wagtail has no per-locale permissions for content. A translator limited to one language is a
group "Translators (nl)" whose page permissions sit on that language's home page instead of the
tree root (`sync_roles --locale-translators nl`); see docs/roles-and-review.md.
"""

from dataclasses import dataclass, field

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

# Wagtail's own groups (created by Wagtail's migrations) are taken over under the same names.
EDITORS = "Editors"
MODERATORS = "Moderators"
TRANSLATORS = "Translators"
ENQUIRY_MANAGERS = "Enquiry managers"
CATALOGUE_MANAGERS = "Catalogue managers"
DESIGNER_RELATIONS = "Designer relations"

ADMIN = ["wagtailadmin.access_admin"]


def crud(label: str, *models: str, actions=("add", "change", "delete", "view")) -> list[str]:
    return [f"{label}.{action}_{model}" for model in models for action in actions]


IMAGES_AND_DOCUMENTS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]
CHOOSE_MEDIA = ["wagtailimages.choose_image", "wagtaildocs.choose_document"]
# Berichte → "Klicks auf Shop-Links": the people who plan campaigns and shop placements read it.
CLICK_REPORT = ["shop_links.view_clickcount"]

# Snippets the editorial team fills (the catalogue's products and partners are owned by the
# sync: only their editorial fields can be changed, see catalogue/permissions.py).
EDITORIAL_SNIPPETS = [
    *crud("designers", "discipline", "storytag", actions=("add", "change", "view")),
    *crud("shop_links", "retailer", "stockistlink", actions=("add", "change", "view")),
    *crud("catalogue", "product", "productionpartner", actions=("change", "view")),
    *crud("results", "indicator", actions=("add", "change", "view")),
    *crud("workshops", "workshop", "skill", actions=("add", "change", "view")),
    *crud("depot", "sharedresource", actions=("add", "change", "view")),
]
# Navigation, footer and site settings: the frame of every page.
SITE_FRAME = crud("core", "navigation", "footer", "sitesettings")
# Snippets whose edits go through review (core.models.ReviewedSnippet): publishing them, and
# locking and unlocking them, is the moderators' (Wagtail adds these permissions for snippets
# with drafts and locks; editors and translators save drafts and submit them).
REVIEWED_SNIPPETS = [
    *crud("core", "navigation", "footer", "sitesettings", actions=("publish", "lock", "unlock")),
    *crud("shop_links", "retailer", actions=("publish", "lock", "unlock")),
    *crud("results", "indicator", actions=("publish", "lock", "unlock")),
    *crud("workshops", "workshop", actions=("publish", "lock", "unlock")),
    *crud("depot", "sharedresource", actions=("publish", "lock", "unlock")),
]
# Translatable snippets a translator edits in their language (no add, no delete).
TRANSLATABLE_SNIPPETS = [
    *crud("core", "navigation", "footer", "sitesettings", actions=("change", "view")),
    *crud("designers", "discipline", "storytag", actions=("change", "view")),
    *crud("shop_links", "retailer", actions=("change", "view")),
    *crud("catalogue", "product", "productionpartner", actions=("change", "view")),
    *crud("catalogue", "catalogueterm", actions=("change", "view")),
    *crud("results", "indicator", actions=("change", "view")),
    *crud("workshops", "workshop", "skill", actions=("change", "view")),
    *crud("depot", "sharedresource", actions=("change", "view")),
]
# The words for the catalogue's codes (catalogue.vocabulary): the catalogue managers keep them
# complete when the feed starts using a new code.
VOCABULARY = crud("catalogue", "catalogueterm")
# The product feed for partners: its keys and whether it is public (partner_feed).
PARTNER_FEED = ["partner_feed.manage_keys", "partner_feed.change_feedaccess"]


@dataclass(frozen=True)
class Role:
    """What a group may do: model permissions, page permissions on the tree root, and image
    and document permissions on the root collection (both inherited by everything below)."""

    permissions: list[str]
    page: list[str] = field(default_factory=list)
    collection: list[str] = field(default_factory=list)


ROLES: dict[str, Role] = {
    EDITORS: Role(
        permissions=[
            *ADMIN,
            "wagtail_localize.submit_translation",
            *EDITORIAL_SNIPPETS,
            *CLICK_REPORT,
        ],
        page=["add_page", "change_page"],
        collection=IMAGES_AND_DOCUMENTS,
    ),
    MODERATORS: Role(
        permissions=[
            *ADMIN,
            "wagtail_localize.submit_translation",
            *crud("designers", "discipline", "storytag"),
            *crud("shop_links", "retailer", "stockistlink"),
            *crud("catalogue", "product", "productionpartner", actions=("change", "view")),
            *crud("workshops", "workshop", "skill"),
            *SITE_FRAME,
            *REVIEWED_SNIPPETS,
            "catalogue.view_syncrun",
            *CLICK_REPORT,
            *crud("wagtailredirects", "redirect"),
            *PARTNER_FEED,
        ],
        page=["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
        collection=[
            *IMAGES_AND_DOCUMENTS,
            "wagtailimages.delete_image",
            "wagtaildocs.delete_document",
        ],
    ),
    TRANSLATORS: Role(
        permissions=[*ADMIN, "wagtail_localize.submit_translation", *TRANSLATABLE_SNIPPETS],
        page=["change_page"],
        collection=CHOOSE_MEDIA,
    ),
    ENQUIRY_MANAGERS: Role(
        # The enquiries app's one switch for its list, detail, exports and the form page's
        # submissions (enquiries/permissions.py).
        permissions=[*ADMIN, "enquiries.manage_enquiries"],
    ),
    DESIGNER_RELATIONS: Role(
        # Designers' applications only: see them, their files, change status and notes
        # (enquiries/permissions.py); no other enquiry, no deleting, no erasure page.
        permissions=[*ADMIN, "applications.review_design_applications"],
    ),
    CATALOGUE_MANAGERS: Role(
        permissions=[
            *ADMIN,
            "catalogue.run_sync",
            "catalogue.view_syncrun",
            "catalogue.view_product",
            "catalogue.view_productionpartner",
            *VOCABULARY,
            *PARTNER_FEED,
        ],
    ),
}


def ensure_permissions(apps) -> None:
    """Create the permissions of every installed model now: during `migrate` Django only adds
    them after the last migration, too late for a data migration that hands them out."""
    if apps is global_apps:
        for app_config in apps.get_app_configs():
            create_permissions(app_config, apps=apps, verbosity=0)
    else:
        for app_config in apps.get_app_configs():
            app_config.models_module = True
            create_permissions(app_config, apps=apps, verbosity=0)
            app_config.models_module = None
    ensure_snippet_permissions(apps)


SNIPPET_ACTIONS = ("publish", "lock", "unlock")


def ensure_snippet_permissions(apps) -> None:
    """The publish, lock and unlock permissions the roles hand out on snippets. Wagtail creates
    them after `migrate` (post_migrate), again too late for the data migration."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for role in ROLES.values():
        for name in role.permissions:
            app_label, codename = name.split(".")
            action, _sep, model_name = codename.partition("_")
            if action not in SNIPPET_ACTIONS:
                continue
            try:
                model = apps.get_model(app_label, model_name)
            except LookupError:
                continue
            content_type, _created = ContentType.objects.get_or_create(
                app_label=app_label, model=model_name
            )
            Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": f"Can {action} {model._meta.verbose_name_raw}"[:255]},
            )


class Resolver:
    """Finds permissions by "app_label.codename", remembering which were missing."""

    def __init__(self, apps):
        Permission = apps.get_model("auth", "Permission")
        self.by_name = {
            f"{app_label}.{codename}": pk
            for pk, app_label, codename in Permission.objects.values_list(
                "pk", "content_type__app_label", "codename"
            )
        }
        self.missing: list[str] = []

    def ids(self, names, app_label: str | None = None) -> set[int]:
        found = set()
        for name in names:
            full = f"{app_label}.{name}" if app_label else name
            if full in self.by_name:
                found.add(self.by_name[full])
            elif full not in self.missing:
                self.missing.append(full)
        return found


def _sync_object_permissions(model, group, target_field, target, wanted: set[int]) -> None:
    if target is None:
        return
    existing = model.objects.filter(group=group, **{target_field: target})
    existing.exclude(permission_id__in=wanted).delete()
    have = set(existing.values_list("permission_id", flat=True))
    model.objects.bulk_create(
        model(group=group, permission_id=pk, **{target_field: target}) for pk in wanted - have
    )


def sync_group(apps, resolver, name: str, role: Role, page_root=None, collection_root=None):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.set(resolver.ids(role.permissions))
    _sync_object_permissions(
        GroupPagePermission, group, "page", page_root, resolver.ids(role.page, "wagtailcore")
    )
    _sync_object_permissions(
        GroupCollectionPermission,
        group,
        "collection",
        collection_root,
        resolver.ids(role.collection),
    )
    return group


def sync_roles(apps=global_apps, log=print, locale_translators=()) -> list[str]:
    """Create or update every role; returns the permissions that do not exist (yet)."""
    ensure_permissions(apps)
    resolver = Resolver(apps)
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    page_root = Page.objects.filter(depth=1).order_by("path").first()
    collection_root = Collection.objects.filter(depth=1).order_by("path").first()
    for name, role in ROLES.items():
        sync_group(apps, resolver, name, role, page_root, collection_root)
    for code in locale_translators:
        homes = list(Page.objects.filter(depth=2, locale__language_code=code))
        if not homes:
            log(f"sync_roles: no home page in locale {code!r}; no group for it")
            continue
        role = ROLES[TRANSLATORS]
        group = sync_group(apps, resolver, f"{TRANSLATORS} ({code})", role, None, collection_root)
        for home in homes:
            _sync_object_permissions(
                apps.get_model("wagtailcore", "GroupPagePermission"),
                group,
                "page",
                home,
                resolver.ids(role.page, "wagtailcore"),
            )
    for name in resolver.missing:
        log(f"sync_roles: permission {name} does not exist (yet); skipped")
    return resolver.missing
