"""Cohorts: list, create, detail, CSV export, team, published summary, access log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from audit.services import Kind, record
from common.models import filter_given
from common.spreadsheets import SafeWriter

from ..access import can_create_cohort, can_manage_team, can_read_audit_log
from ..audit import log_access
from ..forms import AuditFilterForm, CohortForm, CohortSummaryForm, MembershipForm
from ..models import AccessLogEntry, Cohort, CohortMembership, CohortSummary, Touchpoint
from ..models.cohorts import RECOMMENDED_MAX_PARTICIPANTS
from .lookups import posted, visible_cohort

Action = AccessLogEntry.Action


def cohort_list(request):
    cohorts = (
        Cohort.objects.visible_to(request.user).with_participant_counts().select_related("area")
    )
    summaries = CohortSummary.objects.published().select_related("area")[:20]
    return render(
        request,
        "stories/cohort_list.html",
        {
            "cohorts": cohorts,
            "summaries": summaries,
            "can_create": can_create_cohort(request.user),
        },
    )


def cohort_create(request):
    if not can_create_cohort(request.user):
        raise Http404
    form = CohortForm(posted(request))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            cohort = form.save()
            # Whoever starts a cohort leads it, so they can build its team.
            CohortMembership.objects.create(
                cohort=cohort, user=request.user, role=CohortMembership.Role.LEAD_PRACTITIONER
            )
            log_access(request, Action.CREATE, cohort)
        messages.success(request, f"Cohort “{cohort}” created. Add its team next.")
        return redirect("stories:cohort_team", pk=cohort.pk)
    return render(request, "stories/cohort_form.html", {"form": form})


def cohort_detail(request, pk):
    cohort = visible_cohort(request, pk)
    touchpoints = Touchpoint.objects.for_cohort(cohort).select_related(
        "agency", "participant__cohort"
    )
    query = request.GET.get("q", "").strip()[:200]
    results = list(touchpoints.matching(query)[:50]) if query else None
    # A match tells the reader what a participant's journey says, so it is a read of them too.
    matched = {touchpoint.participant for touchpoint in results or ()}
    log_access(request, Action.READ, cohort, *sorted(matched, key=lambda found: found.code))
    return render(
        request,
        "stories/cohort_detail.html",
        {
            "cohort": cohort,
            "participants": cohort.participants.with_outcome_counts().select_related(
                "lead_practitioner"
            ),
            "by_agency": touchpoints.by_agency(),
            "outcomes": touchpoints.outcome_counts(),
            "memberships": cohort.memberships.select_related("user"),
            "summary": CohortSummary.objects.filter(cohort=cohort).first(),
            "query": query,
            "results": results,
            "over_size": cohort.participants.count() > RECOMMENDED_MAX_PARTICIPANTS,
            "recommended_max": RECOMMENDED_MAX_PARTICIPANTS,
        },
    )


EXPORT_COLUMNS = ["participant", "date", "agency or service", "kind", "outcome", "barriers"]


def cohort_export(request, pk):
    """The cohort's journeys as CSV for the team's own analysis: structure only, no narrative."""
    cohort = visible_cohort(request, pk)
    touchpoints = (
        Touchpoint.objects.for_cohort(cohort)
        .select_related("agency", "participant")
        .prefetch_related("barrier_links__barrier")
        .order_by("participant__code", "date", "pk")
    )
    log_access(request, Action.EXPORT, cohort)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cohort-{cohort.pk}-journeys.csv"'
    writer = SafeWriter(response)
    writer.writerow(EXPORT_COLUMNS)
    for touchpoint in touchpoints:
        writer.writerow(
            [
                touchpoint.participant.code,
                touchpoint.date.isoformat(),
                touchpoint.where,
                touchpoint.get_kind_display(),
                touchpoint.get_outcome_display(),
                "; ".join(link.barrier.title for link in touchpoint.barrier_links.all()),
            ]
        )
    return response


def cohort_edit(request, pk):
    cohort = visible_cohort(request, pk)
    form = CohortForm(posted(request), instance=cohort)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            log_access(request, Action.UPDATE, cohort)
        messages.success(request, "Cohort details saved.")
        return redirect(cohort)
    return render(request, "stories/cohort_form.html", {"form": form, "cohort": cohort})


def _record_team_change(request, cohort, detail):
    """A team change is a write to the cohort's access log and to the audit trail."""
    log_access(request, Action.UPDATE, cohort)
    record(Kind.MEMBERSHIP, user=request.user, request=request, obj=cohort, detail=detail)


def cohort_team(request, pk):
    cohort = visible_cohort(request, pk)
    can_manage = can_manage_team(request.user, cohort)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied("Only the cohort's lead or an administrator changes its team.")
    form = MembershipForm(posted(request), cohort=cohort)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            membership = form.save()
            _record_team_change(
                request,
                cohort,
                f"Added {membership.user.username} as {membership.get_role_display()}",
            )
        messages.success(
            request, f"{membership.user} joined the team as {membership.get_role_display()}."
        )
        return redirect("stories:cohort_team", pk=cohort.pk)
    return render(
        request,
        "stories/cohort_team.html",
        {
            "cohort": cohort,
            "form": form,
            "memberships": cohort.memberships.select_related("user"),
            "can_manage": can_manage,
        },
    )


def cohort_team_remove(request, pk, membership_pk):
    # Visibility first, so an outsider gets 404 whatever the method, never a telling 405.
    cohort = visible_cohort(request, pk)
    membership = get_object_or_404(cohort.memberships, pk=membership_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not can_manage_team(request.user, cohort):
        raise PermissionDenied("Only the cohort's lead or an administrator changes its team.")
    with transaction.atomic():
        membership.delete()
        _record_team_change(
            request,
            cohort,
            f"Removed {membership.user.username} ({membership.get_role_display()})",
        )
    messages.success(request, f"{membership.user} is no longer on this cohort's team.")
    if not Cohort.objects.visible_to(request.user).filter(pk=cohort.pk).exists():
        return redirect("stories:cohort_list")
    return redirect("stories:cohort_team", pk=cohort.pk)


def summary_edit(request, pk):
    cohort = visible_cohort(request, pk)
    summary = CohortSummary.objects.filter(cohort=cohort).first() or CohortSummary(
        cohort=cohort, title=CohortSummary.default_title(cohort)
    )
    was_published = summary.published
    form = CohortSummaryForm(posted(request), instance=summary)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            summary = form.save()
            log_access(request, Action.UPDATE, cohort)
        if summary.published and not was_published:
            messages.success(request, "Summary published: every signed-in user can now read it.")
        elif was_published and not summary.published:
            messages.success(request, "Summary unpublished: only the cohort's team can see it.")
        else:
            messages.success(request, "Summary saved.")
        return redirect("stories:summary_detail", pk=summary.pk)
    return render(
        request,
        "stories/summary_form.html",
        {"form": form, "cohort": cohort, "summary": summary, "figures": summary.figures()},
    )


def summary_detail(request, pk):
    summary = get_object_or_404(
        CohortSummary.objects.readable_by(request.user).select_related("cohort", "area"), pk=pk
    )
    is_team = Cohort.objects.visible_to(request.user).filter(pk=summary.cohort_id).exists()
    return render(
        request,
        "stories/summary_detail.html",
        {"summary": summary, "figures": summary.figures(), "is_team": is_team},
    )


def audit_log(request):
    if not can_read_audit_log(request.user):
        raise Http404
    form = AuditFilterForm(request.GET or None)
    entries = AccessLogEntry.objects.select_related("user", "cohort")
    if form.is_valid():
        data = form.cleaned_data
        entries = filter_given(
            entries,
            cohort=data["cohort"],
            user=data["user"],
            at__date__gte=data["date_from"],
            at__date__lte=data["date_to"],
        )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "stories/audit_log.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )
