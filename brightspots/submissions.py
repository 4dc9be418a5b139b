"""Front-end submission of Bright Spots: drafts, moderation and what the submitter sees."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from wagtail.models import WorkflowState

from . import notifications
from .forms import split_tags
from .models import MARKDOWN_FIELDS, BrightSpotIndexPage, BrightSpotPage, ModerationDecision

DRAFT = "draft"
SUBMITTED = "submitted"
CHANGES_REQUESTED = "changes_requested"
PUBLISHED = "published"
DECLINED = "declined"
STATUS_LABELS = {
    DRAFT: "Draft",
    SUBMITTED: "Submitted: waiting for a forum host",
    CHANGES_REQUESTED: "Changes requested",
    PUBLISHED: "Approved and published",
    DECLINED: "Declined",
}
EDITABLE = (DRAFT, CHANGES_REQUESTED)

FIELDS = (
    "title", "summary", *MARKDOWN_FIELDS, "involvement", "happened_on", "area", "would_present",
    "contact", "team_email",
)  # fmt: skip
M2M_FIELDS = ("principles", "needs", "agencies")


@dataclass
class Submission:
    page: BrightSpotPage  # the latest revision, as the submitter last saved it
    status: str
    feedback: ModerationDecision | None

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def editable(self):
        return self.status in EDITABLE


def status_of(page):
    """(status, the latest host decision or None) for a Bright Spot."""
    decision = (
        page.decisions.exclude(action=ModerationDecision.Action.SUBMITTED).select_related("user")
    ).first()
    workflow_state = page.current_workflow_state
    if workflow_state is not None:
        if workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            return CHANGES_REQUESTED, decision
        return SUBMITTED, decision
    if page.live:
        return PUBLISHED, decision
    if decision and decision.action == ModerationDecision.Action.DECLINED:
        return DECLINED, decision
    return DRAFT, decision


def submission(page):
    status, decision = status_of(page)
    return Submission(page=page.get_latest_revision_as_object(), status=status, feedback=decision)


def submissions_for(user):
    pages = BrightSpotPage.objects.submitted_by_user(user).order_by(
        "-latest_revision_created_at", "-pk"
    )
    return [submission(page) for page in pages]


def initial_from(page):
    """Form initial data from a page (its latest revision)."""
    data = {name: getattr(page, name) for name in FIELDS}
    for name in M2M_FIELDS:
        data[name] = list(getattr(page, name).all())
    data["tags"] = ", ".join(sorted(tag.name for tag in page.tags.all()))
    return data


def _apply(page, cleaned_data):
    for name in FIELDS:
        setattr(page, name, cleaned_data.get(name))
    page.summary = page.summary or ""
    for name in M2M_FIELDS:
        getattr(page, name).set(cleaned_data.get(name) or [])
    page.tags.set(split_tags(cleaned_data.get("tags")))
    page.draft_title = page.title


def _unique_slug(index, title):
    base = slugify(title)[:60].strip("-") or "bright-spot"
    slug, n = base, 1
    while index.get_children().filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def save_draft(cleaned_data, user, page=None):
    """Create or update a Bright Spot as an unpublished draft revision."""
    if page is None:
        index = BrightSpotIndexPage.objects.get()
        page = BrightSpotPage(submitted_by=user, live=False, owner=user)
        _apply(page, cleaned_data)
        page.slug = _unique_slug(index, page.title)
        index.add_child(instance=page)
    else:
        page = page.get_latest_revision_as_object()
        _apply(page, cleaned_data)
    page.save_revision(user=user, log_action=True)
    return BrightSpotPage.objects.get(pk=page.pk)


@transaction.atomic
def submit(page, user):
    """Start moderation, or resume it when changes were asked for."""
    page = BrightSpotPage.objects.get(pk=page.pk)
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
    elif state is None:
        workflow = page.get_workflow()
        if workflow is None:
            raise RuntimeError("No moderation workflow is assigned to the Bright Spots index.")
        workflow.start(page, user)
    ModerationDecision.objects.create(
        page=page, action=ModerationDecision.Action.SUBMITTED, user=user
    )
    transaction.on_commit(lambda: notifications.submitted(page, user))
    return page


def moderation_queue(user):
    """Bright Spots waiting for this user to moderate, oldest first."""
    from .models import BrightSpotModerationTask

    task_states = []
    for task in BrightSpotModerationTask.objects.filter(active=True):
        task_states.extend(
            task.get_task_states_user_can_moderate(user).select_related("workflow_state")
        )
    pages = {
        page.pk: page
        for page in BrightSpotPage.objects.filter(
            pk__in=[int(state.workflow_state.object_id) for state in task_states]
        )
    }
    queue = []
    for state in sorted(task_states, key=lambda s: s.started_at):
        page = pages.get(int(state.workflow_state.object_id))
        if page is not None:
            queue.append((state, page.get_latest_revision_as_object()))
    return queue


@transaction.atomic
def moderate(page, user, action, comment=""):
    """Take a moderation action as `user`; PermissionError if they may not."""
    task_state = page.current_workflow_task_state
    if task_state is None:
        raise PermissionError("This Bright Spot is not waiting for moderation.")
    task = task_state.task.specific
    allowed = {name for name, _label, _needs in task.get_actions(page, user)}
    if action not in allowed:
        raise PermissionError("You cannot moderate Bright Spots.")
    task.on_action(task_state, user, action, comment=comment)
