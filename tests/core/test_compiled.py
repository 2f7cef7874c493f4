"""`core.compiled.CompiledValues`: a `values()` query whose SQL Django builds once per process
and database; its rows are the queryset's, on SQLite and PostgreSQL, and every query is still
seen by the connection's wrappers (what `core.dependencies` records reads with)."""

from unittest import mock

import pytest
from django.db import connection
from django.db.models import F
from django.db.models.sql.compiler import SQLCompiler
from wagtail.models import Page

from core.compiled import CompiledValues

pytestmark = pytest.mark.django_db


def pages():
    return (
        Page.objects.filter(depth__gte=1)
        .annotate(language=F("locale__language_code"))
        .order_by("path")
        .values("title", "depth", "language")
    )


def seen_queries(call) -> tuple[object, list[str]]:
    queries = []

    def wrapper(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        result = call()
    return result, queries


def test_its_rows_are_the_querysets_rows_and_the_query_is_seen(demo):
    compiled = CompiledValues(pages())
    rows, queries = seen_queries(compiled.rows)
    assert rows == list(pages())
    assert {"title": "Startseite", "depth": 2, "language": "de"} in rows
    assert len(queries) == 1


def test_its_sql_is_built_once_and_later_rows_are_fresh(demo):
    compiled = CompiledValues(pages())

    def built(call):
        with mock.patch.object(
            SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql
        ) as as_sql:
            result = call()
        return result, as_sql.call_count

    first, first_built = built(compiled.rows)
    home = Page.objects.get(depth=2, locale__language_code="de")
    home.title = "Neue Startseite"
    home.save(update_fields=["title"])
    (second, queries), second_built = built(lambda: seen_queries(compiled.rows))
    assert (first_built, second_built) == (1, 0)
    assert len(queries) == 1  # asked again, not remembered
    assert {"title": "Startseite", "depth": 2, "language": "de"} in first
    assert {"title": "Neue Startseite", "depth": 2, "language": "de"} in second
    # A queryset builds its SQL at every run.
    assert built(lambda: list(pages()))[1] == 1


def test_columns_django_converts_are_read_by_django(demo):
    """A boolean and a date (SQLite keeps them as a number and text; Django converts them): the
    query runs as a queryset, and its rows have Python's types."""
    queryset = Page.objects.filter(depth=2).order_by("path").values("live", "last_published_at")
    rows = CompiledValues(queryset).rows()
    assert rows == list(queryset)
    assert all(row["live"] is True for row in rows)
    assert all(
        row["last_published_at"] is None or row["last_published_at"].year >= 2024 for row in rows
    )


def test_a_condition_no_row_meets_asks_nothing(demo):
    rows, queries = seen_queries(
        CompiledValues(Page.objects.filter(pk__in=[]).values("title")).rows
    )
    assert rows == []
    assert queries == []
