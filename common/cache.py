"""The fragment cache's backend: Django's file-based cache, culled now and then, with each
worker's latest fragments also kept in its memory.

Django's `FileBasedCache` lists every file in its folder on every write to decide whether to
cull; with thousands of fragments that listing costs more than the fragment saves (6 ms at 5,000
files). Here one write in `CULL_EVERY` does it, so the folder may hold up to about `CULL_EVERY`
files more than MAX_ENTRIES before the oldest third (chosen at random, as Django does) goes.
Expired files are never read: Django checks the expiry stored in each file.

A rendered fragment's key carries the data versions it was rendered under (common.fragments), as
do the keys of values kept per person, per audience or for everyone (`per_person`, `shared`,
`everyone`), so what is stored under them never changes: each worker keeps the values it last
read or wrote (up to `LOCAL_BYTES`) in memory too, until their expiry, and reads the file only
for the others. Only values nothing can change in place are kept so (text, numbers, and tuples
and frozensets of them); the data versions themselves change and are always read from the files.
After an upgrade that changes templates, empty the folder and restart the workers (README).
"""

import io
import os
import pickle
import random
import sys
import time
import zlib
from collections import OrderedDict

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 100
# The prefixes of keys that hold data versions (common.fragments), whose values never change.
KEPT_IN_MEMORY = ("fragment:", "person:", "shared:", "everyone:")
LOCAL_BYTES = 4 * 2**20  # what each worker keeps in memory, as Python counts it
READ_SIZE = 2**16  # a fragment file is read in pieces of this size


class FragmentFileCache(FileBasedCache):
    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._local = OrderedDict()  # key -> (expiry or None, value, size), oldest read first
        self._local_size = 0

    def _cull(self):
        if random.random() * CULL_EVERY < 1:  # noqa: S311 (not for security)
            super()._cull()

    def get(self, key, default=None, version=None):
        now = time.time()
        kept = key.startswith(KEPT_IN_MEMORY)
        if kept:
            entry = self._local.get(key)
            if entry is not None:
                if entry[0] is None or entry[0] > now:
                    self._local.move_to_end(key)
                    return entry[1]
                self._forget(key)
        fname = self._key_to_file(key, version)
        found = _read_file(fname)
        if found is None:
            return default
        expiry, stored = found
        if expiry is not None and expiry < now:
            self._delete(fname)
            return default
        value = pickle.loads(zlib.decompress(stored))  # noqa: S301 (this cache's own files)
        if kept:
            self._remember(key, expiry, value)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        super().set(key, value, timeout, version)
        if key.startswith(KEPT_IN_MEMORY):
            self._remember(key, self.get_backend_timeout(timeout), value)

    def delete(self, key, version=None):
        self._forget(key)
        return super().delete(key, version)

    def clear(self):
        self._local.clear()
        self._local_size = 0
        super().clear()

    def _remember(self, key, expiry, value):
        """Keep `value` in memory if nothing can change it (one object serves every request)."""
        size = _immutable_size(value)
        if size is None or size > LOCAL_BYTES // 16:
            return
        self._forget(key)
        self._local[key] = (expiry, value, size)
        self._local_size += size
        while self._local_size > LOCAL_BYTES:
            _key, (_expiry, _value, oldest) = self._local.popitem(last=False)
            self._local_size -= oldest

    def _forget(self, key):
        entry = self._local.pop(key, None)
        if entry is not None:
            self._local_size -= entry[2]


def _read_file(fname):
    """(expiry, the value's compressed pickle) from a cache file, or None if there is none.

    One open, one read and one close: Python's buffered `open` adds four more system calls
    (two stats, a terminal check, a seek), and a page reads up to a dozen data versions, each a
    file of its own (#16). Django writes each file whole and renames it into place, so a read
    sees all of one file."""
    try:
        descriptor = os.open(fname, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    try:
        chunks = [os.read(descriptor, READ_SIZE)]
        # A read of a regular file returns less than asked only at its end.
        while len(chunks[-1]) == READ_SIZE:
            chunks.append(os.read(descriptor, READ_SIZE))
    finally:
        os.close(descriptor)
    stream = io.BytesIO(b"".join(chunks))
    expiry = pickle.load(stream)  # noqa: S301 (this cache's own files)
    return expiry, stream.read()


def _immutable_size(value):
    """The bytes `value` takes in memory if it is text, a number or None, or a tuple or
    frozenset of them (a rendered fragment, a discussion thread's writers and HTML); None for
    anything a reader could change in place (a dict, a list, a model). Text with a character
    beyond Latin-1 (a curly quote) takes two or four bytes a character, and once written to a
    file it also holds its UTF-8 copy."""
    if value is None or isinstance(value, (str, int, float)):
        return sys.getsizeof(value)
    if isinstance(value, (tuple, frozenset)):
        sizes = [_immutable_size(item) for item in value]
        return None if None in sizes else sum(sizes) + sys.getsizeof(value)
    return None
