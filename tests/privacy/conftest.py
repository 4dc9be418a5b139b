import pytest

CORPUS_REPORT = pytest.StashKey[list[str]]()


@pytest.fixture
def admin_form_data():
    """A function: the fields of the admin form at `url` as the browser would post them."""

    def form_data(client, url):
        form = client.get(url).context["form"]
        data = {}
        for name in form.fields:
            value = form[name].value()
            if isinstance(value, list | tuple):
                data[name] = [str(item) for item in value]
            elif value is not None:
                data[name] = value
        return data

    return form_data


@pytest.fixture
def corpus_report(request):
    """Lines for the privacy corpus report, printed in the terminal summary."""
    if CORPUS_REPORT not in request.config.stash:
        request.config.stash[CORPUS_REPORT] = []
    return request.config.stash[CORPUS_REPORT]


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    lines = config.stash.get(CORPUS_REPORT, None)
    if lines:
        terminalreporter.section("privacy guard corpus")
        for line in lines:
            terminalreporter.write_line(line)
