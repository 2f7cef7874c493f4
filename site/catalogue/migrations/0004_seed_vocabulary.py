"""The vocabulary for the codes the sample feed and the feed's specification use, in the site's
four languages (German, English, Dutch, French). Editors add and translate further terms in the
admin (Katalog → Katalog-Begriffe); this migration only creates terms that do not exist yet, so
it never overwrites an editor's label."""

import uuid

from django.db import migrations

# The translations of one term share a translation key derived from its kind and code.
NAMESPACE = uuid.UUID("6f1d3c52-8a55-4a43-9d2e-3c6a0b7d5e11")
LANGUAGES = ["de", "en", "nl", "fr"]

TERMS = {
    "partner_kind": {
        "sewing": ["Näherei", "Sewing", "Naaiatelier", "Couture"],
        "woodworking": ["Holzwerkstatt", "Woodworking", "Houtbewerking", "Menuiserie"],
        "screen printing": ["Siebdruck", "Screen printing", "Zeefdruk", "Sérigraphie"],
        "laser cutting": ["Laserschnitt", "Laser cutting", "Lasersnijden", "Découpe laser"],
    },
    "category": {
        "apron": ["Schürze", "Apron", "Schort", "Tablier"],
        "backpack": ["Rucksack", "Backpack", "Rugzak", "Sac à dos"],
        "bag": ["Tasche", "Bag", "Tas", "Sac"],
        "board": ["Brett", "Board", "Plank", "Planche"],
        "bowl": ["Schale", "Bowl", "Schaal", "Bol"],
        "calendar": ["Kalender", "Calendar", "Kalender", "Calendrier"],
        "cards": ["Karten", "Cards", "Kaarten", "Cartes"],
        "cushion": ["Kissen", "Cushion", "Kussen", "Coussin"],
        "earrings": ["Ohrringe", "Earrings", "Oorbellen", "Boucles d’oreilles"],
        "keyring": ["Schlüsselanhänger", "Keyring", "Sleutelhanger", "Porte-clés"],
        "lamp": ["Leuchte", "Lamp", "Lamp", "Lampe"],
        "mug": ["Becher", "Mug", "Mok", "Tasse"],
        "necklace": ["Halskette", "Necklace", "Ketting", "Collier"],
        "notebook": ["Notizbuch", "Notebook", "Notitieboek", "Carnet"],
        "planter": ["Pflanzgefäß", "Planter", "Plantenbak", "Jardinière"],
        "poster": ["Plakat", "Poster", "Affiche", "Affiche"],
        "pouch": ["Etui", "Pouch", "Etui", "Pochette"],
        "print": ["Druck", "Print", "Prent", "Estampe"],
        "shelf": ["Regal", "Shelf", "Wandrek", "Étagère"],
        "stool": ["Hocker", "Stool", "Kruk", "Tabouret"],
        "tea_towel": ["Geschirrtuch", "Tea towel", "Theedoek", "Torchon"],
        "tote": ["Beutel", "Tote bag", "Draagtas", "Sac cabas"],
        "vase": ["Vase", "Vase", "Vaas", "Vase"],
    },
}


def seed(apps, schema_editor):
    CatalogueTerm = apps.get_model("catalogue", "CatalogueTerm")
    Locale = apps.get_model("wagtailcore", "Locale")
    locales = {
        locale.language_code: locale
        for locale in Locale.objects.filter(language_code__in=LANGUAGES)
    }
    rows = CatalogueTerm.objects.values_list("kind", "code", "locale_id", "translation_key")
    existing = {(kind, code, locale_id) for kind, code, locale_id, _key in rows}
    # A term an editor entered first keeps its translation key: the seeded languages join it.
    keys = {(kind, code): key for kind, code, _locale_id, key in rows}
    new = []
    for kind, terms in TERMS.items():
        for code, labels in terms.items():
            key = keys.get((kind, code)) or uuid.uuid5(NAMESPACE, f"{kind}:{code}")
            for language, label in zip(LANGUAGES, labels, strict=True):
                locale = locales.get(language)
                if locale is None or (kind, code, locale.pk) in existing:
                    continue
                new.append(
                    CatalogueTerm(
                        kind=kind, code=code, label=label, locale=locale, translation_key=key
                    )
                )
    CatalogueTerm.objects.bulk_create(new)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0003_catalogueterm"),
        ("core", "0002_locales"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
