"""The shared action lists: "my actions" and "overdue actions" across reviews and forum
sessions (each app offers its items through `<app>/actions.py`), and updating one action."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from common.contributions import app_functions
from common.urls import next_path

from ..forms import ActionUpdateForm
from ..models import Action


def _all_action_items(user, overdue_only):
    items = []
    for _label, provider in app_functions("actions", "action_items"):
        items.extend(provider(user=user, overdue_only=overdue_only))
    far = timezone.localdate().replace(year=9999)
    items.sort(key=lambda item: (item.get("due") or far, item.get("text", "")))
    return items


def _action_list(request, *, overdue_only, title, intro):
    user = None if overdue_only else request.user
    items = _all_action_items(user, overdue_only)
    updatable = set(
        Action.objects.filter(pk__in=[item["action_id"] for item in items if item.get("action_id")])
        .filter(Q(owner=request.user) | Q(review__facilitator=request.user))
        .values_list("pk", flat=True)
    )
    for item in items:
        item["can_update"] = item.get("action_id") in updatable or (
            request.user.is_superuser and bool(item.get("update_url"))
        )
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "reviews/action_list.html",
        {
            "page_obj": page,
            "title": title,
            "intro": intro,
            "overdue_only": overdue_only,
            "status_choices": Action.Status.choices,
        },
    )


def my_actions(request):
    return _action_list(
        request,
        overdue_only=False,
        title="My actions",
        intro="Actions you own, from reviews and forum sessions, soonest due first.",
    )


def overdue_actions(request):
    return _action_list(
        request,
        overdue_only=True,
        title="Overdue actions",
        intro="Every open action past its due date, from completed reviews and forum sessions.",
    )


def action_update(request, pk):
    action = get_object_or_404(Action.objects.select_related("review", "owner"), pk=pk)
    if not (action.can_update(request.user) or action.review.can_view(request.user)):
        raise Http404
    if not action.can_update(request.user):
        raise PermissionDenied
    next_url = next_path(request, "")
    form = ActionUpdateForm(request.POST or None, instance=action, prefix=f"action-{action.pk}")
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request,
            f"Action updated: \u201c{action}\u201d is {action.get_status_display().lower()}.",
        )
        return redirect(next_url or reverse("reviews:my_actions"))
    return render(
        request,
        "reviews/action_update.html",
        {"form": form, "action": action, "next": next_url},
        status=400 if form.errors else 200,
    )
