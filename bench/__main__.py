"""`make bench`: run every bench/bench_*.py and write docs/performance.md.

Each module has `run()` returning a dict with "title", "rows" (list of dicts, one per figure,
with "measure", "result", "target") and optional "notes" (Markdown).
"""

import datetime
import importlib
import os
import pkgutil
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "performance.md"


def machine_description():
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB memory"
    except (ValueError, OSError):
        pass
    sqlite_version = __import__("sqlite3").sqlite_version
    return (
        f"{os.cpu_count()} cores ({cpu}){memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; SQLite {sqlite_version}"
    )


def render_section(result):
    lines = [f"## {result['title']}", "", "| measure | result | target |", "|---|---|---|"]
    for row in result["rows"]:
        lines.append(f"| {row['measure']} | {row['result']} | {row.get('target', '')} |")
    if result.get("notes"):
        lines += ["", result["notes"].strip()]
    return "\n".join(lines) + "\n"


def existing_sections():
    """Sections already in docs/performance.md, by title, so a partial run keeps the rest."""
    if not OUTPUT.exists():
        return {}
    sections = {}
    for chunk in OUTPUT.read_text(encoding="utf-8").split("\n## ")[1:]:
        title = chunk.split("\n", 1)[0].strip()
        sections[title] = "## " + chunk.rstrip() + "\n"
    return sections


def main(selected=None):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    sections = existing_sections()
    for module_info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)])):
        if not module_info.name.startswith("bench_"):
            continue
        if selected and module_info.name not in selected:
            continue
        module = importlib.import_module(f"bench.{module_info.name}")
        print(f"Running {module_info.name} ...", flush=True)
        result = module.run()
        sections[result["title"]] = render_section(result)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    header = (
        "# Performance\n\n"
        "Written by `make bench` (`python -m bench [bench_module ...]`); do not edit by hand.\n"
        "A partial run replaces only its own sections; the run line and machine are the latest.\n\n"
        f"- Run: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, commit {commit}\n"
        f"- Machine: {machine_description()}\n\n"
    )
    OUTPUT.write_text(header + "\n".join(sections.values()), encoding="utf-8")
    print(f"Wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
