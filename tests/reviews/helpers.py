"""Build the run page's POST data the way a browser would: from the rendered form."""

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.data = {}
        self._select = None
        self._select_multiple = False
        self._textarea = None
        self._first_option = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data.setdefault(name, []).append(attrs.get("value", "on"))
                return
            self.data[name] = [attrs.get("value", "")]
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]
        elif tag == "select" and name:
            self._select = name
            self._select_multiple = "multiple" in attrs
            self._first_option = None
            self.data.setdefault(name, [])
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in attrs:
                self.data[self._select].append(value)

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select:
            if not self.data[self._select] and not self._select_multiple:
                self.data[self._select] = [self._first_option or ""]
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += (
                data.lstrip("\n") if not self.data[self._textarea][0] else data
            )


def form_data(response, form_id="review-run-form", **changes):
    """The form's current values as a dict for client.post, with `changes` applied
    (keys with dashes are passed as `**{"lessons-0-text": ...}`)."""
    parser = _FormParser(form_id)
    parser.feed(response.content.decode())
    data = {k: v if len(v) != 1 else v[0] for k, v in parser.data.items() if v != []}
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data
