"""A review as a Markdown document, for sharing outside the platform or filing."""

from .models import GROUND_RULES


def _cell(text):
    return " ".join(str(text or "").split()).replace("|", "\\|")


def review_to_markdown(review):
    lines = [f"# {review.title}", ""]
    lines.append(f"- **Date:** {review.date:%-d %B %Y}")
    lines.append(f"- **Kind:** {review.get_kind_display()}")
    lines.append(f"- **Status:** {review.get_status_display()}")
    if review.template_name:
        lines.append(f"- **Template:** {review.template_name}")
    if review.area_id:
        lines.append(f"- **Area:** {review.area}")
    tags = [tag.name for tag in review.tags.all()]
    if tags:
        lines.append(f"- **Tags:** {', '.join(sorted(tags))}")
    participants = [
        f"{p.get_role_display()}{f' ({p.agency})' if p.agency_id else ''}"
        for p in review.participants.select_related("agency")
    ]
    if participants:
        lines.append(f"- **Participants:** {', '.join(participants)}")
    lines += ["", "## Ground rules", ""]
    lines += [f"- **{name}.** {text}" for name, text in GROUND_RULES]
    if review.about.strip():
        lines += ["", "## What it is about", "", review.about.strip()]
    lines += ["", "## Questions and answers"]
    for number, answer in enumerate(review.answers.all(), start=1):
        lines += ["", f"### {number}. {answer.question}", ""]
        if answer.skipped:
            lines.append("*Skipped.*")
        else:
            lines.append(answer.answer.strip() or "*Not answered yet.*")
    lines += ["", "## Lessons", ""]
    lessons = review.lessons.prefetch_related("principles", "needs", "agencies")
    if not lessons:
        lines.append("No lessons recorded.")
    for lesson in lessons:
        tags = [str(p) for p in lesson.principles.all()]
        tags += [n.name for n in lesson.needs.all()] + [a.name for a in lesson.agencies.all()]
        suffix = f" _({'; '.join(tags)})_" if tags else ""
        lines.append(f"- **{lesson.kind_label}:** {_cell(lesson.text)}{suffix}")
    lines += ["", "## Actions", ""]
    actions = review.actions.select_related("owner", "owner_agency")
    if actions:
        lines.append("| Action | Owner | Agency | Due | Status | Completion note |")
        lines.append("|---|---|---|---|---|---|")
        for action in actions:
            due = f"{action.due:%Y-%m-%d}" if action.due else ""
            lines.append(
                f"| {_cell(action.description)} | {_cell(action.owner or '')} "
                f"| {_cell(action.owner_agency or '')} | {due} "
                f"| {action.get_status_display()} | {_cell(action.completion_note)} |"
            )
    else:
        lines.append("No actions recorded.")
    occurrences = review.barrier_occurrences()
    if occurrences:
        lines += ["", "## Barriers raised", ""]
        lines += [
            f"- {o.barrier.title} ({o.barrier.get_level_display().lower()} level)"
            + (f": {_cell(o.note)}" if o.note else "")
            for o in occurrences
        ]
    return "\n".join(lines) + "\n"
