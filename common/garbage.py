"""Python's cyclic garbage collector, paused for what was there before a bulk job.

The collector runs each time 700 more container objects (model instances, rows, dicts) have been
made than freed, and every so often walks every object the process holds: Django's and Wagtail's
own, hundreds of thousands of them, none of which an import makes garbage. An import of 10,000
records makes millions of objects, so the collector took a fifth of its time
(docs/performance.md, "Import, twelfth session").
"""

import contextlib
import gc
from collections.abc import Iterator

# Objects made (less those freed) between two collections of the youngest generation during a
# bulk job.
BULK_THRESHOLD = 10_000


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """For the block: what the process already holds is left out of every collection
    (`gc.freeze`, which a process forked in the block, such as the import's checking process,
    inherits), and the youngest generation is collected every BULK_THRESHOLD objects instead of
    700, the oldest after every collection of the middle one. Both are put back afterwards,
    whatever happens in the block. Objects frozen by someone else before the block (a server
    that froze what it loaded before forking its workers) stay frozen: `gc.unfreeze` cannot tell
    them apart, so the block then leaves the freeze as it is."""
    threshold = gc.get_threshold()
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    # The oldest generation now holds only what the block keeps, so collecting it is cheap: it
    # is collected after every collection of the middle one (every 100,000 objects), so that the
    # block's garbage cycles (model instances and their caches point at each other) are freed
    # within a batch or two instead of piling up (about 40 MB more at 100,000 records). The
    # collection here starts its count afresh: counted before the freeze, it would wait for
    # hundreds of thousands more objects.
    gc.collect()
    gc.set_threshold(max(threshold[0], BULK_THRESHOLD), threshold[1], 1)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if not frozen_before:
            gc.unfreeze()
