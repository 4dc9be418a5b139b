from django import template

register = template.Library()


@register.filter
def hints_for(form, field_name):
    """The privacy guard's writing hints for one field of `form`, for includes/field.html."""
    return getattr(form, "label_hints", {}).get(field_name, [])


@register.filter
def outcome_shape(outcome):
    """The shape that marks an outcome on the timeline, so colour is never the only cue."""
    return {"helped": "circle", "snagged": "square", "neutral": "diamond"}.get(outcome, "")
