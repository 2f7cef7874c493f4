"""Wagtail's database search backend, with each language's own text search configuration.

Wagtail 8 delegates its database backend to `modelsearch`. On PostgreSQL that backend takes one
text search configuration, its `SEARCH_CONFIG` option, and uses it both for the vectors it stores
(`ObjectIndexer.as_vector`) and for the queries (`get_config`); there is no per-field or per-query
`config=` argument. One configuration for a site in four languages would stem German texts with
English rules (or not at all). So here:

- every translatable object is indexed with the configuration of its own language
  (`LANGUAGE_CONFIGS`, e.g. German stemming for `de`: "Werkstätten" and "Werkstatt" share a stem);
- a search asks for the configuration of the language it searches in, by passing
  `SEARCH_CONFIG` to `get_search_backend()` (which modelsearch documents as overriding the
  settings) - use `core.search.search_backend_for(language_code)` rather than calling it directly.

On SQLite (and any other database) the stock backend is used unchanged: plain word matching.
"""

import copy

from django.db import connection
from modelsearch.backends.database import SearchBackend as database_search_backend
from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend
from wagtail.models import Locale


class LocalizedPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        """Index the objects of each language with that language's configuration."""
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        groups: dict[str | None, list] = {}
        for obj in objs:
            language_code = languages.get(getattr(obj, "locale_id", None))
            config = self.backend.language_configs.get(language_code, self.backend.config)
            groups.setdefault(config, []).append(obj)
        for config, group in groups.items():
            PostgresIndex(self.backend.with_config(config)).add_items(model, group)


class LocalizedPostgresSearchBackend(PostgresSearchBackend):
    index_class = LocalizedPostgresIndex

    def __init__(self, params):
        super().__init__(params)
        self.language_configs = dict(params.get("LANGUAGE_CONFIGS", {}))

    def with_config(self, config):
        """A copy of this backend that indexes and searches with the configuration `config`."""
        backend = copy.copy(self)
        backend.config = config
        return backend


def SearchBackend(params):  # the name modelsearch looks up in a backend module
    if connection.vendor == "postgresql":
        return LocalizedPostgresSearchBackend(params)
    return database_search_backend(params)
