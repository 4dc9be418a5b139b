from django import template
from django.utils.safestring import mark_safe

from common.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Render user Markdown as sanitised HTML (nh3 has already removed anything unsafe)."""
    return mark_safe(render_markdown(text))  # noqa: S308
