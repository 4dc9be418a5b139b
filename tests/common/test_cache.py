import random

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
