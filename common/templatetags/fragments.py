"""`{% shared_fragment "name" value ... depends="topic ..." %}...{% endshared_fragment %}`: the
enclosed template, rendered once per audience and data version and then served from the fragment
cache (common.fragments explains the key). `depends` names the topics (app labels: barriers,
brightspots, taxonomy, wagtailcore, ...) whose writes may change what it shows; a fragment without
it is forgotten on every write. Name every app whose rows the enclosed template reads, directly or
through related objects (a user's name is `people`, an agency's `taxonomy`, a page's URL
`wagtailcore`). Put nothing personal inside: no messages, not the person's own name. A form's
`{% csrf_token %}` may sit inside: it is stored as a stand-in and each request gets its own."""

from django import template

from common import fragments

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, name, values, depends):
        self.nodelist = nodelist
        self.name = name
        self.values = values
        self.depends = depends

    def render(self, context):
        request = context.get("request")
        user = getattr(request, "user", None)
        values = [value.resolve(context) for value in self.values]
        key = fragments.fragment_key(self.name.resolve(context), values, user, self.depends)
        html = fragments.get(key)
        if html is None:
            html = fragments.render_keeping_csrf_out(context, self.nodelist.render)
            fragments.put(key, html)
        return fragments.with_csrf(html, context)


@register.tag("shared_fragment")
def shared_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("shared_fragment needs a name")
    depends = None
    values = []
    for bit in bits[2:]:
        if bit.startswith("depends="):
            literal = bit.removeprefix("depends=")
            if len(literal) < 2 or literal[0] not in "\"'" or literal[-1] != literal[0]:
                raise template.TemplateSyntaxError(
                    'shared_fragment: write depends="topic topic" (a quoted list of app labels)'
                )
            try:
                depends = fragments.parse_depends(literal[1:-1])
            except ValueError as error:
                raise template.TemplateSyntaxError(f"shared_fragment: {error}") from error
        else:
            values.append(parser.compile_filter(bit))
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(nodelist, parser.compile_filter(bits[1]), values, depends)
