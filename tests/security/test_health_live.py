"""`/health/live/` answers a probe on loopback whatever `Host` it sends (the edge's probe says
`Host: localhost`), before the host check and the HTTPS redirect; every other address keeps both."""

import pytest
from django.test import override_settings

pytestmark = [pytest.mark.no_demo, pytest.mark.django_db]

PRODUCTION_LIKE = {
    "ALLOWED_HOSTS": ["www.made-in-aachen-nord.example"],
    "SECURE_SSL_REDIRECT": True,
}


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "probe.invalid"])
def test_the_liveness_probe_answers_for_any_host_over_plain_http(client, host):
    with override_settings(**PRODUCTION_LIKE):
        response = client.get("/health/live/", HTTP_HOST=host)
        head = client.head("/health/live/", HTTP_HOST=host)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert head.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies


def test_other_addresses_still_refuse_a_foreign_host_and_redirect_plain_http(client):
    with override_settings(**PRODUCTION_LIKE):
        foreign = client.get("/health/ready/", HTTP_HOST="probe.invalid")
        plain = client.get("/health/ready/", HTTP_HOST="www.made-in-aachen-nord.example")
        post = client.post("/health/live/", HTTP_HOST="probe.invalid")
    assert foreign.status_code == 400
    assert plain.status_code == 301
    assert plain["Location"].startswith("https://www.made-in-aachen-nord.example/")
    assert post.status_code == 400  # only GET and HEAD are answered before the host check
