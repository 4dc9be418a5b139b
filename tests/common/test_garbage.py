"""The collector's pause for bulk jobs (common.garbage) is put back exactly, whatever happens."""

import gc

import pytest

from common.garbage import BULK_THRESHOLD, fewer_collections


@pytest.fixture
def collector():
    """The collector as the test found it, put back afterwards."""
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    yield threshold
    gc.set_threshold(*threshold)
    if not frozen:
        gc.unfreeze()


def test_in_the_block_what_was_there_is_frozen_and_collections_are_rarer(collector):
    assert gc.get_freeze_count() == 0
    with fewer_collections():
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (BULK_THRESHOLD, collector[1], 1)
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == collector


def test_the_collector_is_put_back_when_the_block_fails(collector):
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("the import failed")
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == collector


def test_a_freeze_made_before_the_block_is_left_in_place(collector):
    gc.freeze()
    with fewer_collections():
        pass
    assert gc.get_freeze_count() > 0
