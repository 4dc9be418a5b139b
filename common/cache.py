"""The fragment cache's backend: Django's file-based cache, culled now and then.

Django's `FileBasedCache` lists every file in its folder on every write to decide whether to
cull; with thousands of fragments that listing costs more than the fragment saves (6 ms at 5,000
files). Here one write in `CULL_EVERY` does it, so the folder may hold up to about `CULL_EVERY`
files more than MAX_ENTRIES before the oldest third (chosen at random, as Django does) goes.
Expired files are never read: Django checks the expiry stored in each file.
"""

import random

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 100


class FragmentFileCache(FileBasedCache):
    def _cull(self):
        if random.random() * CULL_EVERY < 1:  # noqa: S311 (not for security)
            super()._cull()
