"""Guessing admin passwords: failures are counted per account and per client address in the
shared cache (local memory and a real Redis server), and a locked-out login is refused with a
message, the right password too."""

import pytest

pytestmark = pytest.mark.django_db

PASSWORD = "richtig-und-lang-genug"
LOCKED = "Zu viele fehlgeschlagene Anmeldeversuche"


@pytest.fixture(params=["locmem", "redis"])
def login_cache(request, settings):
    """Each test once on the suite's local-memory cache and once on a real Redis server."""
    from django.core.cache import caches

    if request.param == "redis":
        request.getfixturevalue("redis_caches")
    settings.ADMIN_LOGIN_FAILURES_PER_ACCOUNT = 5
    settings.ADMIN_LOGIN_FAILURES_PER_ADDRESS = 20
    settings.ADMIN_LOGIN_LOCKOUT_SECONDS = 900
    caches[settings.ADMIN_LOGIN_CACHE].clear()
    return caches[settings.ADMIN_LOGIN_CACHE]


@pytest.fixture
def editors(django_user_model):
    return [
        django_user_model.objects.create_superuser(name, f"{name}@example.org", PASSWORD)
        for name in ("redakteurin", "kollege")
    ]


def log_in(client, username, password, address="198.51.100.7", **headers):
    client.logout()
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def logged_in(response) -> bool:
    return response.status_code == 302 and response.url.startswith("/admin/")


def refused_as_locked(response) -> bool:
    return response.status_code == 200 and LOCKED in response.content.decode()


def test_failures_for_one_account_lock_it_even_with_the_right_password(
    client, editors, login_cache
):
    for attempt in range(5):
        response = log_in(client, "redakteurin", f"falsch-{attempt}")
        assert response.status_code == 200 and not refused_as_locked(response)
    # Locked for every address, the right password included, with the message.
    response = log_in(client, "redakteurin", PASSWORD, address="203.0.113.99")
    assert refused_as_locked(response)
    assert "Minuten gesperrt" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account is unaffected, from the very address that failed.
    assert logged_in(log_in(client, "kollege", PASSWORD))


def test_failures_from_one_address_across_accounts_lock_that_address(client, editors, login_cache):
    for attempt in range(20):
        log_in(client, f"rate-{attempt}", "falsch", address="198.51.100.66")
    # No account got 5 failures, but the address did 20: an existing account is refused there.
    assert refused_as_locked(log_in(client, "redakteurin", PASSWORD, address="198.51.100.66"))
    # The same account from another address logs in.
    assert logged_in(log_in(client, "redakteurin", PASSWORD, address="198.51.100.67"))


def test_a_successful_login_clears_the_accounts_count_not_the_addresss(
    client, editors, login_cache, settings
):
    for attempt in range(4):
        log_in(client, "redakteurin", f"falsch-{attempt}")
    # A post without a password tries nothing and clears nothing: one more failure locks.
    log_in(client, "redakteurin", "")
    log_in(client, "redakteurin", "falsch-4")
    assert refused_as_locked(log_in(client, "redakteurin", PASSWORD))
    login_cache.clear()
    for attempt in range(4):
        log_in(client, "redakteurin", f"falsch-{attempt}")
    assert logged_in(log_in(client, "redakteurin", PASSWORD))
    # Four more failures would make eight without the reset: the account is not locked.
    for attempt in range(4):
        log_in(client, "redakteurin", f"falsch-{attempt}")
    assert logged_in(log_in(client, "redakteurin", PASSWORD))
    # The address kept counting through both successes (8 failures since the cache was
    # emptied): 12 more lock it.
    for attempt in range(12):
        log_in(client, f"rate-{attempt}", "falsch")
    assert refused_as_locked(log_in(client, "kollege", PASSWORD))


def test_the_count_is_of_the_address_the_proxy_saw_not_what_the_client_wrote(
    client, editors, login_cache, settings
):
    settings.ENQUIRY_PROXY_COUNT = 1
    for attempt in range(20):
        # Every guess claims another address; the proxy appends the real one.
        forwarded = f"10.0.0.{attempt}, 192.0.2.44"
        log_in(client, f"rate-{attempt}", "falsch", HTTP_X_FORWARDED_FOR=forwarded)
    locked = log_in(client, "kollege", PASSWORD, HTTP_X_FORWARDED_FOR="10.9.9.9, 192.0.2.44")
    assert refused_as_locked(locked)
    other = log_in(client, "kollege", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.45")
    assert logged_in(other)


def test_the_lockout_is_logged_without_name_or_address(client, editors, login_cache, json_log):
    for attempt in range(5):
        log_in(client, "redakteurin", f"falsch-{attempt}", address="198.51.100.23")
    (line,) = json_log.events("admin_login_locked")
    assert line["scope"] == "account"
    assert "redakteurin" not in json_log.text
    assert "198.51.100.23" not in json_log.text
    # Nothing about the attempts is in the database either.
    from django.db import connection

    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert not [table for table in tables if "axes" in table or "attempt" in table]


def test_the_lockout_expires(client, editors, login_cache, settings):
    """Each failure that reaches the limit keeps the lock for ADMIN_LOGIN_LOCKOUT_SECONDS; the
    cache forgets it then (expiry is the cache's own, seen here by letting it pass)."""
    import time

    settings.ADMIN_LOGIN_LOCKOUT_SECONDS = 1
    for attempt in range(5):
        log_in(client, "redakteurin", f"falsch-{attempt}")
    assert refused_as_locked(log_in(client, "redakteurin", PASSWORD))
    time.sleep(2.1)
    assert logged_in(log_in(client, "redakteurin", PASSWORD))
