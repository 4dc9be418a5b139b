import pytest

CORPUS_REPORT = pytest.StashKey[list[str]]()


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
