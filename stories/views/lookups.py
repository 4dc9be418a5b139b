"""What a view may show: the object asked for, from among those visible to the user, or 404."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from common import fragments

from ..models import Cohort, Participant, Touchpoint


def posted(request):
    """The submitted data, or None for a GET: an empty POST must still bind and be validated."""
    return request.POST if request.method == "POST" else None


def visible_cohort(request, pk):
    return get_object_or_404(Cohort.objects.visible_to(request.user), pk=pk)


def visible_participant(request, pk):
    return get_object_or_404(_participants(request), pk=pk)


def kept_visible_participant(request, pk):
    """`visible_participant` for a page that only reads: whether this person may see the
    participant, and the participant with their cohort and lead, kept per person until a write
    to case learning or to people (roles, cohort teams) (common.fragments)."""
    participant = fragments.per_person(
        request.user,
        f"participant:{pk}",
        lambda: _participants(request).filter(pk=pk).first(),
        depends=("people", "stories"),
    )
    if participant is None:
        raise Http404("No participant you may see has this number.")
    return participant


def _participants(request):
    # Without the lead's password hash: a participant may be kept in the fragment cache's files.
    participants = Participant.objects.visible_to(request.user)
    return participants.select_related("cohort", "lead_practitioner").defer(
        "lead_practitioner__password"
    )


def visible_touchpoint(request, pk):
    return get_object_or_404(
        Touchpoint.objects.visible_to(request.user).select_related("participant__cohort"), pk=pk
    )
