"""Stopping search nodes while people save and search: nothing lost, no failed search.

These start and stop real OpenSearch JVMs (searchnode/control.py), so they run only with
`pytest --search-node` on a node that control.py started (make test-search-node does).
"""

import threading
import time

from django.db import connection
from django.test import override_settings

import pytest

from search.backends import Criteria
from search.backends.elasticsearch import ElasticsearchLearningBackend, failure_causes
from search.engine import outbox
from search.generator import write_file
from search.interchange import import_records, parse_lines
from search.models import IndexChange, LearningRecord
from search.query import parse
from searchnode import control

# Each test commits, so Django empties every table after it; serialized_rollback puts back what
# migrations load (the vocabulary, the home page) before the next one.
pytestmark = [
    pytest.mark.search_node,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The plain read path, without the suite's send-and-refresh before every read.
SEARCH_WITHOUT_REFRESH = ElasticsearchLearningBackend._run


def engine():
    from wagtail.search.backends import get_search_backend

    return get_search_backend()


def indexed_ids(backend):
    from opensearchpy.helpers import scan

    index = backend.get_index_for_model(LearningRecord).name
    backend.es.indices.refresh(index=index)
    query = {"query": {"match": {"_django_content_type": "search.LearningRecord"}}}
    return {int(hit["_id"]) for hit in scan(backend.es, index=index, query=query, _source=False)}


def send_everything(seconds=120):
    """Send the outbox until it is empty, waiting out the back-off after failures."""
    deadline = time.monotonic() + seconds
    while IndexChange.objects.exists():
        assert time.monotonic() < deadline, f"outbox not empty: {outbox.lag()}"
        if not outbox.send_due().sent:
            time.sleep(1)


def test_stopping_the_node_during_an_import_of_10000_records_loses_nothing(tmp_path, monkeypatch):
    if not control.running_pid(1):
        pytest.skip("the node was not started by searchnode/control.py")
    # Smaller, single bulk requests: the sending lasts long enough to stop the node inside it.
    monkeypatch.setattr(outbox, "BULK_SIZE", 100)
    monkeypatch.setattr(outbox, "SENDERS", 1)
    path = tmp_path / "records.jsonl"
    write_file(path, 10_000, seed=14)
    with open(path, encoding="utf-8") as handle:
        records, problems = parse_lines(handle)
    assert not problems
    backend = engine()
    failures = []

    def run_import():
        try:
            import_records(records)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            failures.append(error)
        finally:
            connection.close()

    importer = threading.Thread(target=run_import)
    importer.start()
    deadline = time.monotonic() + 600
    while not indexed_ids(backend) and importer.is_alive():
        assert time.monotonic() < deadline
        time.sleep(0.2)
    control.stop_node(1)
    importer.join(600)
    try:
        assert not failures, failures
        assert LearningRecord.objects.count() == 10_000  # every save succeeded
        assert IndexChange.objects.exists()  # and what the engine missed is waiting
    finally:
        control.start_node(1, 1)
        control.wait_for(1, "green")
    send_everything()
    assert indexed_ids(backend) == set(LearningRecord.objects.values_list("pk", flat=True))
    learning = ElasticsearchLearningBackend(client=backend.es)
    learning._run = SEARCH_WITHOUT_REFRESH.__get__(learning)
    assert learning.search(Criteria(), None, sort="relevance", offset=0, limit=1).count == 10_000


CLUSTER_HTTP = 9221
CLUSTER_TRANSPORT = 9321


@pytest.fixture
def cluster(monkeypatch, tmp_path):
    """Three nodes in their own JVMs, every index with one replica."""
    monkeypatch.setenv("SEARCH_NODE_HOME", str(tmp_path / "cluster"))
    monkeypatch.setenv("SEARCH_NODE_PORT", str(CLUSTER_HTTP))
    monkeypatch.setenv("SEARCH_NODE_TRANSPORT_PORT", str(CLUSTER_TRANSPORT))
    monkeypatch.setenv("SEARCH_NODE_CLUSTER", "brightspots-failover")
    try:
        control.start(3, heap="512m")
        urls = [f"http://127.0.0.1:{CLUSTER_HTTP + n}" for n in range(3)]
        config = {
            "default": {
                "BACKEND": "search.engine.opensearch3",
                "URLS": urls,
                "INDEX_PREFIX": "failover_",
                "TIMEOUT": 5,
                "OPTIONS": {"max_retries": 3, "retry_on_timeout": True},
                "INDEX_SETTINGS": {
                    "settings": {"index": {"number_of_shards": 2, "number_of_replicas": 1}}
                },
            }
        }
        with override_settings(WAGTAILSEARCH_BACKENDS=config):
            backend = engine()
            index = backend.get_index_for_model(LearningRecord)
            index.reset()
            index.add_model(LearningRecord)
            yield backend
    finally:
        control.stop()


def test_a_cluster_keeps_searching_and_loses_no_write_when_a_node_stops(
    cluster, tmp_path, monkeypatch
):
    monkeypatch.setattr(ElasticsearchLearningBackend, "_run", SEARCH_WITHOUT_REFRESH)
    path = tmp_path / "records.jsonl"
    write_file(path, 500, seed=15)
    with open(path, encoding="utf-8") as handle:
        records, problems = parse_lines(handle)
    assert not problems, problems[:3]
    import_records(records)
    send_everything()
    control.wait_for(1, "green")
    learning = ElasticsearchLearningBackend(client=cluster.es)
    query = parse("housing")
    searches, errors, stop = [0], [], threading.Event()

    def keep_searching():
        while not stop.is_set():
            try:
                learning.search(Criteria(), query, sort="relevance", offset=0, limit=10)
                searches[0] += 1
            except Exception as error:  # noqa: BLE001 - every failed search is a finding
                errors.append(f"{error!r} {sorted(failure_causes(error.__cause__))}")

    searcher = threading.Thread(target=keep_searching)
    searcher.start()
    try:
        records = list(LearningRecord.objects.order_by("pk")[:200])
        manager = cluster.es.cat.cluster_manager(format="json")[0]["node"]
        for number, record in enumerate(records):
            if number == 50:
                control.stop_node(int(manager.split("-")[1]))  # the elected cluster manager
                searches_before_stop = searches[0]
            record.title = f"Renamed {record.pk}"
            record.save(update_fields=["title"])
            outbox.record(LearningRecord, [record.pk])
            outbox.send_due()
            time.sleep(0.02)
        time.sleep(2)
    finally:
        stop.set()
        searcher.join()
    # Every search succeeded, including those while the cluster re-elected and promoted replicas.
    assert not errors, (searches[0], errors[:3])
    assert searches[0] > searches_before_stop > 0
    send_everything()
    assert indexed_ids(cluster) == set(LearningRecord.objects.values_list("pk", flat=True))
    renamed = cluster.es.count(
        index=cluster.get_index_for_model(LearningRecord).name,
        body={"query": {"match_phrase": {"title": "renamed"}}},
    )["count"]
    assert renamed == len(records)
