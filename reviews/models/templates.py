"""Review templates: a named, ordered set of questions with guidance, edited with revisions."""

from django.db import models

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin
from wagtail.search import index

from privacy.admin_forms import GuardedAdminModelForm

NO_QUESTIONS = "Add at least one question"


class ReviewTemplateForm(GuardedAdminModelForm):
    """Refuses a template without questions, with the message next to the questions panel."""

    def clean(self):
        cleaned_data = super().clean()
        questions = self.formsets.get("questions")
        if questions is not None and questions.is_valid():
            kept = [
                form
                for form in questions.forms
                if form.cleaned_data.get("question") and not form.cleaned_data.get("DELETE", False)
            ]
            if not kept:
                questions._non_form_errors.append(NO_QUESTIONS)
                self.add_error(None, f"{NO_QUESTIONS}: a review needs something to ask.")
        return cleaned_data


class ReviewTemplateQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)


class ReviewTemplate(DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """The questions a review asks. Editing it never changes reviews already run."""

    name = models.CharField(max_length=255, unique=True)
    purpose = models.TextField(
        blank=True, help_text="When to use this template, in a sentence or two."
    )

    objects = ReviewTemplateQuerySet.as_manager()

    base_form_class = ReviewTemplateForm
    panels = [
        FieldPanel("name"),
        FieldPanel("purpose"),
        InlinePanel("questions", heading="Questions", label="Question"),
    ]
    search_fields = [index.SearchField("name", boost=5), index.SearchField("purpose")]

    class Meta:
        ordering = ["name"]
        permissions = [("publish_reviewtemplate", "Can publish review template")]

    def __str__(self):
        return self.name

    def question_list(self):
        """[(question, guidance), ...] in order, as a review would ask them."""
        return [(q.question, q.guidance) for q in self.questions.all()]


class ReviewTemplateQuestion(Orderable):
    template = ParentalKey(ReviewTemplate, on_delete=models.CASCADE, related_name="questions")
    question = models.CharField(max_length=255)
    guidance = models.TextField(
        blank=True, help_text="Prompts for the facilitator: what a good answer covers."
    )

    panels = [FieldPanel("question"), FieldPanel("guidance")]

    def __str__(self):
        return self.question
