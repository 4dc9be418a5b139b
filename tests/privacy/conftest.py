import pytest

CORPUS_REPORT = pytest.StashKey[list[str]]()


@pytest.fixture
def corpus_report(request):
    """Lines for the privacy corpus report, printed in the terminal summary."""
    lines: list[str] = []
    request.config.stash[CORPUS_REPORT] = lines
    return lines


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    lines = config.stash.get(CORPUS_REPORT, None)
    if lines:
        terminalreporter.section("privacy guard corpus")
        for line in lines:
            terminalreporter.write_line(line)
