"""`{% shared_fragment "name" value ... %}...{% endshared_fragment %}`: the enclosed template,
rendered once per audience and data version and then served from the fragment cache
(common.fragments explains the key). Put nothing personal inside: no CSRF token, no messages,
not the person's own name."""

from django import template

from common import fragments

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, name, values):
        self.nodelist = nodelist
        self.name = name
        self.values = values

    def render(self, context):
        request = context.get("request")
        user = getattr(request, "user", None)
        values = [value.resolve(context) for value in self.values]
        key = fragments.fragment_key(self.name.resolve(context), values, user)
        html = fragments.get(key)
        if html is None:
            html = self.nodelist.render(context)
            fragments.put(key, html)
        return html


@register.tag("shared_fragment")
def shared_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("shared_fragment needs a name")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
