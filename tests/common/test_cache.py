import random
import sys
import time

import pytest

from common import cache as fragment_cache
from common.cache import FragmentFileCache


def _files(folder):
    return list(folder.glob("*.djcache"))


def test_the_folder_stays_bounded_though_few_writes_list_it(tmp_path, monkeypatch):
    monkeypatch.setattr(fragment_cache, "CULL_EVERY", 10)
    cache = FragmentFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 50}})
    listings = []
    monkeypatch.setattr(cache, "_list_cache_files", _counting(cache._list_cache_files, listings))
    random.seed(16)

    for number in range(1000):
        cache.set(f"fragment-{number}", "<p>shared</p>", 600)

    assert len(_files(tmp_path)) <= 50 + 10 * 5
    assert 30 < len(listings) < 200  # about one write in ten, not all 1,000
    assert cache.get("fragment-999") == "<p>shared</p>"


def _counting(listing, calls):
    def counted():
        calls.append(1)
        return listing()

    return counted


def _worker(folder):
    """A worker's own instance of the fragment cache over the shared folder."""
    return FragmentFileCache(str(folder), {"OPTIONS": {"MAX_ENTRIES": 5000}})


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("fragment:abc:practitioner:v1", "<p>kept</p>"),
        ("person:has-second-factor:7:v1", True),  # common.fragments.per_person
        ("shared:home-section:audience:v1", ("<p>kept</p>", 3)),
        ("everyone:restricted-pages:v1", frozenset({1, 2})),
    ],
)
def test_a_worker_reads_a_value_kept_under_data_versions_from_memory(
    tmp_path, monkeypatch, key, value
):
    first, second = _worker(tmp_path), _worker(tmp_path)
    first.set(key, value, 600)
    assert second.get(key) == value  # from the file
    opened = []
    monkeypatch.setattr(second, "_key_to_file", _counting_calls(second._key_to_file, opened))
    for _ in range(5):
        assert second.get(key) == value
    assert opened == []


def test_a_data_version_written_by_one_worker_is_read_by_another_at_once(tmp_path):
    first, second = _worker(tmp_path), _worker(tmp_path)
    first.set("data-version:barriers", "v1", None)
    assert second.get("data-version:barriers") == "v1"
    first.set("data-version:barriers", "v2", None)
    assert second.get("data-version:barriers") == "v2"


def test_a_kept_fragment_is_not_served_after_its_time(tmp_path, monkeypatch):
    cache = _worker(tmp_path)
    cache.set("fragment:abc:practitioner:v1", "<p>kept</p>", 600)
    later = time.time() + 601
    monkeypatch.setattr(fragment_cache.time, "time", lambda: later)
    assert cache.get("fragment:abc:practitioner:v1") is None


def test_a_value_a_reader_could_change_is_read_afresh_each_time(tmp_path):
    cache = _worker(tmp_path)
    cache.set("fragment:api:practitioner:v1", {"results": [1, 2]}, 600)
    cache.get("fragment:api:practitioner:v1")["results"].append(3)
    assert cache.get("fragment:api:practitioner:v1") == {"results": [1, 2]}


def test_a_workers_memory_of_fragments_stays_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(fragment_cache, "LOCAL_BYTES", 10_000)
    cache = _worker(tmp_path)
    for number in range(100):
        cache.set(f"fragment:{number}:practitioner:v1", "“x”" * 20, 600)
    kept = [value for _expiry, value, _size in cache._local.values()]
    assert 0 < sum(sys.getsizeof(value) for value in kept) <= 10_000  # curly quotes: 2 bytes
    assert cache.get("fragment:0:practitioner:v1") == "“x”" * 20  # still in its file
    assert cache.get("fragment:99:practitioner:v1") == "“x”" * 20


def test_clearing_the_cache_forgets_what_a_worker_kept(tmp_path):
    cache = _worker(tmp_path)
    cache.set("fragment:abc:practitioner:v1", "<p>kept</p>", 600)
    cache.clear()
    assert cache.get("fragment:abc:practitioner:v1") is None


def _counting_calls(function, calls):
    def counted(*args, **kwargs):
        calls.append(args)
        return function(*args, **kwargs)

    return counted


@pytest.mark.parametrize("read_size", [64, None])  # None: exactly the file's size
def test_a_value_longer_than_one_read_comes_back_whole(tmp_path, monkeypatch, read_size):
    first, second = _worker(tmp_path), _worker(tmp_path)
    value = "".join(f"{number:04d}" for number in range(2000))  # compresses to several reads
    first.set("data-version:barriers", value, None)
    size = _files(tmp_path)[0].stat().st_size
    monkeypatch.setattr(fragment_cache, "READ_SIZE", read_size or size)
    assert second.get("data-version:barriers") == value


def test_an_expired_file_is_not_served_and_is_removed(tmp_path, monkeypatch):
    cache = _worker(tmp_path)
    cache.set("data-version:barriers", "v1", 60)
    later = time.time() + 61
    monkeypatch.setattr(fragment_cache.time, "time", lambda: later)
    assert cache.get("data-version:barriers", "gone") == "gone"
    assert _files(tmp_path) == []
