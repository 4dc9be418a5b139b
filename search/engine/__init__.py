"""Search on an Elasticsearch-API engine (Elasticsearch 8/9, OpenSearch 2/3).

`backends.py` builds Wagtail backends whose mapping carries the vocabulary's synonyms and whose
writes go to the outbox (`outbox.py`) instead of the engine; the worker task in `search.tasks`
sends them in bulk with retries. One module per engine (`opensearch3.py`, ...) gives settings a
dotted path, as Wagtail's own backends do.
"""
