"""Record builders for source apps whose models are read through their public fields only."""

from common.markdown import markdown_to_text

PREFETCHED = "_prefetched_"


def related(obj, name):
    """`obj.<name>.all()` as a list, from `sync.prefetched`'s bulk read when there was one."""
    found = getattr(obj, PREFETCHED + name, None)
    return found if found is not None else list(getattr(obj, name).all())


def review_record_data(review, record_data_class):
    """A completed review shares its answers, lessons and actions; drafts share nothing."""
    from .models import LearningRecord

    if review.status != review.Status.COMPLETED:
        return None
    answers = [a for a in related(review, "answers") if not a.skipped and a.answer]
    lessons = related(review, "lessons")
    actions = related(review, "actions")
    principle_ids, need_ids, agency_ids, keywords = set(), set(), set(), []
    for lesson in lessons:
        for principle in related(lesson, "principles"):
            principle_ids.add(principle.pk)
            keywords.append(principle.name)
        for need in related(lesson, "needs"):
            need_ids.add(need.pk)
            keywords.append(need.name)
        for agency in related(lesson, "agencies"):
            agency_ids.add(agency.pk)
            keywords.append(agency.name)
    for action in actions:
        if action.owner_agency_id:
            agency_ids.add(action.owner_agency_id)
            keywords.append(action.owner_agency.name)
    if hasattr(review, "tags"):
        keywords.extend(tag.name for tag in related(review, "tags"))
    if review.area_id:
        keywords.append(review.area.name)
    lesson_text = " ".join(markdown_to_text(lesson.text) for lesson in lessons)
    body = [
        *(f"{answer.question} {markdown_to_text(answer.answer)}" for answer in answers),
        *(markdown_to_text(action.description) for action in actions),
    ]
    return record_data_class(
        kind=LearningRecord.Kind.REVIEW,
        external_id=review.external_id,
        title=review.title,
        url=review.get_absolute_url(),
        summary=" ".join(part for part in (markdown_to_text(review.about), lesson_text) if part),
        body=" ".join(body),
        keywords=" ".join(dict.fromkeys(keywords)),
        date=review.date,
        area_id=review.area_id,
        principle_ids=sorted(principle_ids),
        need_ids=sorted(need_ids),
        agency_ids=sorted(agency_ids),
    )
