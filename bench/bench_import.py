"""Import throughput and memory: the learning importer on the database search backend.

Each figure runs in a child process against a new SQLite database (var/bench_import*.sqlite3),
with the production settings (DEBUG off, as on a server: the development settings log every query):
generated records (`generate_learning`'s generator, seed 8) are imported with `import_file`, the
way `manage.py import_learning` does: every line checked (pydantic models, length limits, the
privacy guard; in a second process while the file is written, as its size is over
CHECK_ASIDE_BYTES) and written in batches in one transaction with the search records and the
database backend's index. Rate = records / wall-clock seconds for the whole import, indexing
included; CPU seconds are given too, since the machine is shared. Peak memory is the child's
maximum resident set (ru_maxrss) importing BENCH_IMPORT_MEMORY_COUNT records, and that of the
process it forks to check the file.
"""

import json
import os
import resource
import sys
import time
from pathlib import Path

from bench import run_child

ROOT = Path(__file__).resolve().parent.parent
COUNT = int(os.environ.get("BENCH_IMPORT_COUNT", "10000"))
MEMORY_COUNT = int(os.environ.get("BENCH_IMPORT_MEMORY_COUNT", "100000"))


def child():
    """Import `BENCH_IMPORT_N` generated records into an empty database; prints one JSON line."""
    import django

    django.setup()
    from django.core.management import call_command

    from search.generator import write_file
    from search.interchange import import_file
    from search.models import LearningRecord

    call_command("migrate", verbosity=0)
    count = int(os.environ["BENCH_IMPORT_N"])
    path = ROOT / "var" / f"bench_import_{count}.jsonl"
    write_file(path, count, seed=8)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu = time.monotonic(), time.process_time() + _children_cpu()
    with open(path, encoding="utf-8") as handle:
        import_file(handle)
    seconds = time.monotonic() - started
    cpu = time.process_time() + _children_cpu() - cpu
    path.unlink()
    print(
        json.dumps(
            {
                "records": count,
                "shared": LearningRecord.objects.count(),
                "seconds": seconds,
                "cpu": cpu,
                "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                # The process that checks the file while it is written (CheckAside).
                "checker_maxrss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                "before_mb": before / 1024,
                "load": os.getloadavg()[0],
            }
        )
    )


def _children_cpu():
    """CPU seconds of this process's ended children: the checking process is one."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def measure(count, name):
    database = ROOT / "var" / f"{name}.sqlite3"
    database.unlink(missing_ok=True)
    os.environ["BENCH_IMPORT_N"] = str(count)
    try:
        # As `manage.py import_learning` runs on a server: the production settings, DEBUG off.
        return run_child("bench.bench_import", database, production=True)
    finally:
        os.environ.pop("BENCH_IMPORT_N", None)
        database.unlink(missing_ok=True)


def run():
    rate = measure(COUNT, "bench_import")
    memory = measure(MEMORY_COUNT, "bench_import_memory")
    return {
        "title": "Import (database search backend)",
        "rows": [
            {
                "measure": f"Import of {rate['records']:,} records, indexing included",
                "result": (
                    f"{rate['records'] / rate['seconds']:,.0f} records/s "
                    f"({rate['seconds']:.1f} s wall, {rate['cpu']:.1f} s CPU with the checking "
                    f"process's: {rate['records'] / rate['cpu']:,.0f} records per CPU second)"
                ),
                "target": ">= 2,000 records/s",
            },
            {
                "measure": f"Import of {memory['records']:,} records",
                "result": (
                    f"{memory['records'] / memory['seconds']:,.0f} records/s "
                    f"({memory['seconds']:.0f} s wall, {memory['cpu']:.0f} s CPU with the "
                    "checking process's)"
                ),
                "target": ">= 2,000 records/s",
            },
            {
                "measure": f"Peak memory importing {memory['records']:,} records",
                "result": (
                    f"{memory['maxrss_mb']:,.0f} MB resident "
                    f"({memory['before_mb']:,.0f} MB before the import); the process checking "
                    f"the file meanwhile {memory['checker_maxrss_mb']:,.0f} MB"
                ),
                "target": "streamed: no record kept after its batch",
            },
        ],
        "notes": (
            "`search.interchange.import_file` on generated records (55% barriers with "
            "occurrences, 25% Bright Spots, 20% reviews with answers, lessons and actions) into "
            "a new SQLite database, production settings (DEBUG off), database search backend: "
            "the shared search records, Wagtail's index entries and the facet rows are written "
            "in the same transaction. "
            f"Load average at the end of the runs: {rate['load']:.1f} and "
            f"{memory['load']:.1f} on this 2-core machine (shared with other work), so wall "
            "times are upper bounds; CPU seconds are the importer's own cost."
        ),
    }


if __name__ == "__main__":
    if sys.argv[1:] == ["child"]:
        child()
    else:
        print(json.dumps(run(), indent=2))
