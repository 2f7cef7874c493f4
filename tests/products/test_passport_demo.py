"""The demo's product passports (site/demo/passports.py), as load_demo leaves them."""

import pytest

from tests.products.test_passport_section import INDEX, page, section

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", INDEX)
def test_the_demo_stool_has_its_passport_in_each_language(client, demo, code):
    """load_demo fills the passports of four products in four languages (site/demo/passports.py):
    nothing on the stool's passport stands in German outside the German page."""
    from demo.passports import PASSPORTS

    origin, care, repair, notes_ = PASSPORTS["MAN-0004"][code]
    passport = section(page(client, code, "talstrasse-stool"))
    for text in (origin, care, repair, *notes_.values()):
        assert text.replace("'", "&#x27;") in passport
    assert 'class="passport__origin">' in passport and 'class="chain__note">' in passport
