from django import template

register = template.Library()


@register.simple_tag
def field_hints(form, name):
    """Privacy writing hints collected for one field of a form."""
    return getattr(form, "label_hints", {}).get(name, [])
