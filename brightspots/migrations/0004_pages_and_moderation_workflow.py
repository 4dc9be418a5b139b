"""Create /bright-spots/ and /forum/ under the home page, and the moderation workflow.

Forum hosts get Wagtail page permissions (add, change, publish, lock) on both index pages, and
the "Bright Spot moderation" workflow (one BrightSpotModerationTask for the Forum host group)
is assigned to the Bright Spots index. Every step is get-or-create, so it is safe on a site
that already has some of it.
"""

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4
FORUM_HOST = "Forum host"
PAGE_PERMISSIONS = {
    "add_page": "Can add page",
    "change_page": "Can change page",
    "publish_page": "Publish any page",
    "lock_page": "Lock/unlock pages you've locked",
}
INDEX_PAGES = [
    ("brightspots", "brightspotindexpage", "bright-spots", "Bright Spots",
     "What worked, shared by practitioners across our services. Filter by principle, need, "
     "agency, area or year."),
    ("brightspots", "forumindexpage", "forum", "Bright Spots forum",
     "Once a month we meet to hear Bright Spots and learn from each other. Register for the "
     "next session, or offer a Bright Spot to present."),
]  # fmt: skip


def _next_child_path(parent, Page):
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .first()
    )
    number = 1 if last is None else int(last.path[-STEPLEN:], 36) + 1
    digits = ""
    while number:
        number, remainder = divmod(number, 36)
        digits = ALPHABET[remainder] + digits
    return parent.path + digits.rjust(STEPLEN, "0")


def create_pages_and_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("home.HomePage")
    home = HomePage.objects.order_by("depth", "path").first()
    if home is None:
        return
    index_pages = {}
    for app_label, model, slug, title, intro in INDEX_PAGES:
        Model = apps.get_model(app_label, model)
        existing = Model.objects.first()
        if existing is None:
            content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
            existing = Model.objects.create(
                title=title,
                draft_title=title,
                slug=slug,
                intro=intro,
                content_type=content_type,
                path=_next_child_path(home, Page),
                depth=home.depth + 1,
                numchild=0,
                url_path=f"{home.url_path}{slug}/",
                locale_id=home.locale_id,
                live=True,
                has_unpublished_changes=False,
            )
            Page.objects.filter(pk=home.pk).update(
                numchild=Page.objects.filter(
                    path__startswith=home.path, depth=home.depth + 1
                ).count()
            )
        index_pages[model] = existing

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    hosts, _ = Group.objects.get_or_create(name=FORUM_HOST)
    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    for codename, name in PAGE_PERMISSIONS.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=page_type, codename=codename, defaults={"name": name}
        )
        for page in index_pages.values():
            GroupPagePermission.objects.get_or_create(
                group=hosts, page_id=page.pk, permission=permission
            )

    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    Task = apps.get_model("brightspots.BrightSpotModerationTask")
    task_type, _ = ContentType.objects.get_or_create(
        app_label="brightspots", model="brightspotmoderationtask"
    )
    task = Task.objects.filter(name="Forum host moderation").first()
    if task is None:
        task = Task.objects.create(
            name="Forum host moderation", active=True, content_type=task_type
        )
    task.groups.add(hosts)
    workflow, _ = Workflow.objects.get_or_create(
        name="Bright Spot moderation", defaults={"active": True}
    )
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task_id=task.pk, defaults={"sort_order": 0}
    )
    bright_spots = index_pages["brightspotindexpage"]
    WorkflowPage.objects.get_or_create(page_id=bright_spots.pk, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("brightspots", "0003_forum_and_moderation"),
        ("home", "0002_create_homepage"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_pages_and_workflow, migrations.RunPython.noop)]
