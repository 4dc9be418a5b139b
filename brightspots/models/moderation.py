"""The Wagtail workflow task forum hosts use to moderate Bright Spots."""

from django import forms
from django.db import transaction
from django.dispatch import Signal

from wagtail.models import AbstractGroupApprovalTask, TaskState

from privacy.forms import PrivacyGuardMixin

from .bright_spots import BrightSpotPage, ModerationDecision

# Sent (after the commit) with `decision=` each time a host decides on a submitted Bright Spot;
# `brightspots.signals` emails the submitter, so this model never imports the notifications.
decision_made = Signal()


class ReasonForm(PrivacyGuardMixin, forms.Form):
    """The host's words to the submitter (emailed and shown in My submissions)."""

    privacy_fields = ("comment",)

    comment = forms.CharField(
        label="Comment for the submitter",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="Say what to change, or why it is declined. The submitter sees this.",
    )


class BrightSpotModerationTask(AbstractGroupApprovalTask):
    """Approve (publish), request changes with a comment, or decline with a reason.

    Members of the task's groups (the forum hosts) moderate. Each action is recorded as a
    `ModerationDecision` and the submitter is emailed.
    """

    APPROVE = "approve"
    REQUEST_CHANGES = "request_changes"
    DECLINE = "decline"

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [
                (self.REQUEST_CHANGES, "Ask for changes", True),
                (self.DECLINE, "Decline", True),
                (self.APPROVE, "Approve and publish", False),
            ]
        return []

    def get_form_for_action(self, action):
        return ReasonForm

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        comment = (kwargs.get("comment") or "").strip()
        page = task_state.workflow_state.content_object.specific
        if action_name in (self.APPROVE, "approve"):
            task_state.approve(user=user, comment=comment)
            action = ModerationDecision.Action.APPROVED
        elif action_name in (self.REQUEST_CHANGES, "reject"):
            task_state.reject(user=user, comment=comment)
            action = ModerationDecision.Action.CHANGES_REQUESTED
        elif action_name == self.DECLINE:
            workflow_state = task_state.workflow_state
            workflow_state.cancel(user=user)
            TaskState.objects.filter(pk=task_state.pk).update(comment=comment)
            action = ModerationDecision.Action.DECLINED
        else:
            return
        if isinstance(page, BrightSpotPage):
            page.refresh_from_db()
            decision = ModerationDecision.objects.create(
                page=page, action=action, comment=comment, user=user
            )
            transaction.on_commit(lambda: decision_made.send(sender=type(self), decision=decision))

    @classmethod
    def get_description(cls):
        return "Forum hosts approve, ask for changes to, or decline submitted Bright Spots"

    class Meta:
        verbose_name = "Bright Spot moderation task"
        verbose_name_plural = "Bright Spot moderation tasks"
