"""Proof for issue 17 (products part): the product index pages survive the move to `products`.

Run once with the old code on a database filled by `load_demo` before the move, and once with the
new code after `migrate`; each run writes what a visitor and an editor get into OUT_DIR, then
`diff -r` the two folders. Uses no app module, so it runs under both codes (the commands and
the result: docs/architecture.md, "The product index moved to `products`"):

    PYTHONPATH=<tree>/site DATABASE_URL=... MEDIA_ROOT=... DJANGO_SETTINGS_MODULE=config.settings.dev \
        .venv/bin/python scripts/prove_product_index_move.py OUT_DIR
"""

import re
import sys
from pathlib import Path

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Page  # noqa: E402
from wagtail_localize.models import TranslationSource  # noqa: E402

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
facts = []
ct = ContentType.objects.get(model="productindexpage")
facts.append(f"content type: {ct.app_label}.{ct.model} (id {ct.pk})")
client = Client(HTTP_HOST="localhost")
admin = Client(HTTP_HOST="localhost")
admin.force_login(get_user_model().objects.get(username="admin"))
# Tokens and timestamps that differ from one request to the next, whatever the code.
VOLATILE = re.compile(r'(csrfmiddlewaretoken" value="|csrf_token": "|nonce=")[^"]*')


def save(name, response):
    body = VOLATILE.sub(r"\1…", response.content.decode())
    (out / name).write_text(f"{response.status_code}\n{body}")


for page in Page.objects.filter(content_type=ct).order_by("pk"):
    specific = page.specific
    code = page.locale.language_code
    facts.append(
        f"page {page.pk} {code} {page.url}: specific={type(specific).__module__}."
        f"{type(specific).__name__} intro={specific.intro[:40]!r}"
    )
    revision = page.get_latest_revision()
    facts.append(f"  latest revision {revision.pk}: {type(revision.as_object()).__name__}")
    save(f"index-{code}.html", client.get(page.url))
    product = re.search(
        rf'href="({re.escape(page.url)}[-\w]+/)"', client.get(page.url).content.decode()
    )
    save(f"product-{code}.html", client.get(product.group(1)))
    facts.append(f"  product page {product.group(1)}")
    edit = admin.get(f"/admin/pages/{page.pk}/edit/")
    facts.append(f"  admin edit: {edit.status_code}")
    history = admin.get(f"/admin/pages/{page.pk}/history/")
    facts.append(f"  admin history: {history.status_code}")
    compare = admin.get(f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/")
    facts.append(f"  admin revision preview: {compare.status_code}")

for source in TranslationSource.objects.filter(specific_content_type=ct).order_by("pk"):
    instance = source.as_instance()
    facts.append(
        f"translation source {source.pk} ({source.locale.language_code}): "
        f"{type(instance).__name__}, {source.translations.count()} translations"
    )
    for translation in source.translations.order_by("pk"):
        target = translation.get_target_instance()
        edit = admin.get(f"/admin/pages/{target.pk}/edit/")
        facts.append(
            f"  {translation.target_locale.language_code}: page {target.pk} "
            f"{type(target).__name__}, translation editor {edit.status_code}"
            f" ({'wagtail-localize' if b'w-translation-editor' in edit.content or b'translation-editor' in edit.content else 'page editor'})"
        )

(out / "facts.txt").write_text("\n".join(facts) + "\n")
print("\n".join(facts))
