"""What a view may show: the object asked for, from among those visible to the user, or 404."""

from django.shortcuts import get_object_or_404

from ..models import Cohort, Participant, Touchpoint


def posted(request):
    """The submitted data, or None for a GET: an empty POST must still bind and be validated."""
    return request.POST if request.method == "POST" else None


def visible_cohort(request, pk):
    return get_object_or_404(Cohort.objects.visible_to(request.user), pk=pk)


def visible_participant(request, pk):
    return get_object_or_404(
        Participant.objects.visible_to(request.user).select_related("cohort", "lead_practitioner"),
        pk=pk,
    )


def visible_touchpoint(request, pk):
    return get_object_or_404(
        Touchpoint.objects.visible_to(request.user).select_related("participant__cohort"), pk=pk
    )
