"""Starting, running, reading and exporting reviews."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from common import fragments
from common.markdown import markdown_to_text

from .. import services
from ..export import review_to_markdown
from ..forms import (
    ActionForm,
    AnswerFormSet,
    BarrierRaiseForm,
    LessonForm,
    ParticipantForm,
    ReviewDetailsForm,
    ReviewFilterForm,
    ReviewStartForm,
    child_formset,
)
from ..models import GROUND_RULES, Action, Lesson, Review, ReviewParticipant, ReviewTemplate

PER_PAGE = 20
# gunicorn refuses a request line over 4094 bytes, so the prefilled Bright Spot link stays
# well inside it however long the answers are.
NOMINATE_QUERY_LIMIT = 3500

# (formset prefix, model, form, what one row is called)
CHILD_ROWS = [
    ("participants", ReviewParticipant, ParticipantForm, "Participant"),
    ("lessons", Lesson, LessonForm, "Lesson"),
    ("actions", Action, ActionForm, "Action"),
]


def _visible_reviews(request):
    # Without the facilitator's password hash: a review read here may be kept in the fragment
    # cache's files (review_detail).
    reviews = Review.objects.visible_to(request.user).select_related(
        "facilitator", "area", "barrier", "forum_session", "bright_spot"
    )
    return reviews.defer("facilitator__password")


def _visible_review(request, pk):
    return get_object_or_404(_visible_reviews(request), pk=pk)


def review_list(request):
    # Drafts are visible to their own people, so this list is kept per person; it is read only
    # when it is not in the fragment cache (common.fragments).
    listing = SimpleLazyObject(lambda: _review_listing(request))
    return render(request, "reviews/review_list.html", {"listing": listing})


def _review_listing(request):
    reviews = Review.objects.visible_to(request.user)
    # Distinct days, then their years in Python: no date function run on every row.
    days = reviews.order_by().values_list("date", flat=True).distinct()
    years = sorted({day.year for day in days if day}, reverse=True)
    form = ReviewFilterForm(request.GET or None, years=years)
    if form.is_valid():
        reviews = form.filter(reviews)
    # Count and slice the ids alone, then read and count the parts of this page's reviews only.
    ids = reviews.order_by("-date", "-id").values_list("pk", flat=True)
    page = Paginator(ids, PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(
        Review.objects.filter(pk__in=list(page.object_list))
        .select_related("facilitator", "area")
        .annotate(
            lesson_count=Count("lessons", distinct=True),
            open_action_count=Count(
                "actions", filter=~Q(actions__status=Action.Status.DONE), distinct=True
            ),
        )
        .order_by("-date", "-id")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return {"form": form, "page_obj": page, "query": query.urlencode()}


def review_start(request):
    initial = {"date": timezone.localdate()}
    default = ReviewTemplate.objects.live().order_by("name").first()
    if default:
        initial["template"] = default.pk
    for name in ("forum_session", "bright_spot", "barrier"):
        if request.GET.get(name, "").isdigit():
            initial[name] = int(request.GET[name])
    form = ReviewStartForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        review = services.start_review(form, form.cleaned_data["template"], user=request.user)
        messages.success(
            request, "Review started. It is a draft: only you and the people you name can see it."
        )
        return redirect(review.get_run_url())
    return render(
        request,
        "reviews/review_start.html",
        {
            "form": form,
            "ground_rules": GROUND_RULES,
            "templates": ReviewTemplate.objects.live().prefetch_related("questions"),
        },
        status=400 if form.errors else 200,
    )


# What a review's page reads beyond the review itself: its people's names, its area, the barrier,
# forum session and Bright Spot it is about (common.fragments topics).
REVIEW_TOPICS = ("barriers", "brightspots", "people", "reviews", "taxonomy", "wagtailcore")


def review_detail(request, pk):
    # Whether this person may read it (drafts are their own people's) and the review with what it
    # is about, kept per person until a write to one of those topics: not one query of five
    # tables for every request.
    review = fragments.per_person(
        request.user,
        f"review:{pk}",
        lambda: _visible_reviews(request).filter(pk=pk).first(),
        depends=REVIEW_TOPICS,
    )
    if review is None:
        raise Http404("No review you may read has this number.")
    return render(request, "reviews/review_detail.html", _read_context(request, review))


def _read_context(request, review):
    # What the page's fragments show is built and read only when they are not in the cache
    # (review_detail.html): even building these querysets costs more than serving them kept.
    return {
        "review": review,
        "ground_rules": GROUND_RULES,
        "answers": SimpleLazyObject(lambda: review.answers.all()),
        "participants": SimpleLazyObject(
            lambda: review.participants.select_related("user", "agency")
        ),
        "lessons": SimpleLazyObject(
            lambda: review.lessons.prefetch_related("principles", "needs", "agencies")
        ),
        "actions": SimpleLazyObject(lambda: review.actions.select_related("owner", "owner_agency")),
        "occurrences": SimpleLazyObject(review.barrier_occurrences),
        "can_edit": review.can_edit(request.user),
        "can_manage": review.can_manage(request.user),
        "nominate_url": SimpleLazyObject(lambda: _nominate_url(review)),
    }


def _nominate_url(review):
    """The Bright Spot submission form, prefilled from the review."""
    try:
        url = reverse("brightspots:submit")
    except NoReverseMatch:
        url = "/bright-spots/submit/"
    answers = list(review.answers.all())
    happened = next(
        (a.answer for a in answers if a.answer.strip() and "actually happened" in a.question),
        review.about,
    )
    sustain = review.lessons.filter(kind=Lesson.Kind.SUSTAIN).first()
    summary = sustain.text if sustain else markdown_to_text(review.about)
    params = {
        "title": review.title,
        "summary": summary[:1000],
        "what_happened": happened,
    }
    for name in ("what_happened", "summary"):
        _shorten_to_fit(params, name, NOMINATE_QUERY_LIMIT)
    return f"{url}?{urlencode(params)}"


def _shorten_to_fit(params, name, limit):
    """Cut `params[name]` at a word, marked with an ellipsis, until the query fits `limit`."""
    if len(urlencode(params)) <= limit:
        return
    text = params[name]
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if len(urlencode({**params, name: text[:middle] + "\u2026"})) <= limit:
            low = middle
        else:
            high = middle - 1
    kept = text[:low]
    if " " in kept:
        kept = kept.rsplit(" ", 1)[0]
    params[name] = f"{kept.rstrip()}\u2026" if kept.strip() else ""


def _run_forms(review, data=None, more=None):
    """All the forms of the run page, bound to `data` when posted."""
    details = ReviewDetailsForm(data, instance=review, prefix="review")
    answers = AnswerFormSet(data, queryset=review.answers.all(), prefix="answers")
    review_date = review.date
    if data is not None and details.is_valid():
        review_date = details.cleaned_data["date"]
    formsets = {}
    for prefix, model, form, _label in CHILD_ROWS:
        extra = 2 if more == prefix else 1
        formset_class = child_formset(model, form, extra)
        kwargs = {"form_kwargs": {"review_date": review_date}} if model is Action else {}
        formsets[prefix] = formset_class(data, instance=review, prefix=prefix, **kwargs)
    barrier = BarrierRaiseForm(data, review=review, prefix="barrier")
    return details, answers, formsets, barrier


def _error_summary(details, answers, formsets, barrier):
    """(text, field id) for every error on the page, for the summary at the top."""
    errors = []

    def add_form(form, prefix_label=""):
        for error in form.non_field_errors():
            errors.append((f"{prefix_label}{error}", None))
        for field in form:
            for error in field.errors:
                errors.append((f"{prefix_label}{field.label}: {error}", field.id_for_label))

    add_form(details)
    for error in answers.non_form_errors():
        errors.append((f"Answers: {error}", None))
    for number, form in enumerate(answers.forms, start=1):
        add_form(form, f"Question {number}, ")
    for prefix, _model, _form, label in CHILD_ROWS:
        formset = formsets[prefix]
        for error in formset.non_form_errors():
            errors.append((f"{label}s: {error}", None))
        for number, form in enumerate(formset.forms, start=1):
            add_form(form, f"{label} {number}, ")
    add_form(barrier, "Barrier raised, ")
    return errors


def review_run(request, pk):
    review = _visible_review(request, pk)
    if not review.can_edit(request.user):
        if review.is_completed:
            messages.info(request, "This review is completed, so it is read-only.")
            return redirect(review)
        raise PermissionDenied
    action = request.POST.get("action", "save")
    if request.method != "POST":
        forms = _run_forms(review, more=request.GET.get("more"))
        return _render_run(request, review, forms)
    if action == "complete" and not review.can_manage(request.user):
        raise PermissionDenied
    forms = _run_forms(review, request.POST)
    details, answers, formsets, barrier = forms
    valid = all(
        [details.is_valid(), answers.is_valid(), barrier.is_valid()]
        + [formset.is_valid() for formset in formsets.values()]
    )
    adding = action.removeprefix("add-") if action.startswith("add-") else None
    if not valid:
        if adding in formsets:
            data = request.POST.copy()
            total = f"{adding}-TOTAL_FORMS"
            data[total] = str(int(data.get(total, 0)) + 1)
            # Rebound with one more row; rendering shows the same errors again.
            forms = _run_forms(review, data)
        return _render_run(request, review, forms, status=400)
    occurrence = services.save_run(
        review,
        details_form=details,
        answer_formset=answers,
        formsets=list(formsets.values()),
        barrier_form=barrier,
        user=request.user,
    )
    if occurrence is not None:
        reopened = " It had been resolved, so it is open again." if occurrence.reopened else ""
        messages.success(
            request,
            f"Barrier \u201c{occurrence.barrier}\u201d recorded as met in this review.{reopened}",
        )
    if action == "complete":
        problems = services.complete_review(review)
        if not problems:
            messages.success(request, "Review completed. Everyone signed in can now read it.")
            return redirect(review)
        messages.error(request, "Your draft is saved, but the review cannot be completed yet:")
        for problem in problems:
            messages.error(request, problem)
        return redirect(review.get_run_url())
    if adding in formsets:
        count = getattr(review, adding).count()
        return redirect(f"{review.get_run_url()}?more={adding}#{adding}-row-{count + 1}")
    messages.success(request, f"Draft saved at {timezone.localtime():%H:%M}.")
    return redirect(review.get_run_url())


def _render_run(request, review, forms, status=200):
    details, answers, formsets, barrier = forms
    context = _read_context(request, review)
    context.update(
        {
            "details": details,
            "answer_forms": answers,
            "formsets": formsets,
            "participant_formset": formsets["participants"],
            "lesson_formset": formsets["lessons"],
            "action_formset": formsets["actions"],
            "barrier_form": barrier,
            "errors": _error_summary(*forms) if request.method == "POST" else [],
        }
    )
    return render(request, "reviews/review_run.html", context, status=status)


@require_POST
def review_autosave(request, pk):
    """Background save from the run page's script: details and answers only."""
    review = get_object_or_404(Review.objects.visible_to(request.user), pk=pk)
    if not review.can_edit(request.user):
        return JsonResponse(
            {"saved": False, "message": "This review can no longer be edited."}, status=403
        )
    details = ReviewDetailsForm(request.POST, instance=review, prefix="review")
    answers = AnswerFormSet(request.POST, queryset=review.answers.all(), prefix="answers")
    if not (details.is_valid() and answers.is_valid()):
        count = sum(len(e) for e in details.errors.values()) + sum(
            len(e) for form in answers.forms for e in form.errors.values()
        )
        return JsonResponse(
            {
                "saved": False,
                "message": f"Not saved to the server: {count} problem"
                f"{'s' if count != 1 else ''} to fix. Press \u201cSave draft\u201d to see "
                "them. Your text is kept in this browser.",
            },
            status=422,
        )
    services.autosave(review, details, answers)
    return JsonResponse(
        {
            "saved": True,
            "version": review.draft_version,
            "message": f"Draft saved automatically at {timezone.localtime():%H:%M}.",
        }
    )


@require_POST
def review_reopen(request, pk):
    review = _visible_review(request, pk)
    if not review.is_completed:
        return redirect(review.get_run_url())
    if not review.can_manage(request.user):
        raise PermissionDenied
    services.reopen_review(review)
    messages.success(
        request,
        "Review reopened as a draft: only its facilitator and participants can see it until it "
        "is completed again.",
    )
    return redirect(review.get_run_url())


def review_export(request, pk):
    review = _visible_review(request, pk)
    response = HttpResponse(review_to_markdown(review), content_type="text/markdown; charset=utf-8")
    filename = f"review-{slugify(review.title)[:60] or review.pk}.md"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
