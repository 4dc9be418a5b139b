from .backends import engine_backend

SearchBackend = engine_backend("opensearch2")
