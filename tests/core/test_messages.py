"""Every interface string is translated into all four languages, and the catalogues are current."""

import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["de", "en", "nl", "fr"]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The .po files as makemessages would write them from the current code and templates.

    makemessages writes into every `locale` folder it finds beside the files it walks (and into
    `./locale`), so it runs in a scratch folder that holds a copy of the catalogues and links to
    the sources: the committed catalogues are never rewritten by the test.
    """
    import os

    from django.test import override_settings

    work = tmp_path_factory.mktemp("messages")
    shutil.copytree(ROOT / "locale", work / "locale")
    for source in ("site", "templates"):
        (work / source).symlink_to(ROOT / source, target_is_directory=True)
    cwd = os.getcwd()
    os.chdir(work)
    try:
        with override_settings(LOCALE_PATHS=[work / "locale"]):
            call_command(
                "makemessages",
                locale=LANGUAGES,
                symlinks=True,
                ignore_patterns=["locale"],
                no_obsolete=True,
                add_location="file",
                verbosity=0,
            )
    finally:
        os.chdir(cwd)
    return work / "locale"


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_interface_string_is_translated(extracted, code):
    po = polib.pofile(str(extracted / code / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == [], (
        f"untranslated in {code} (run `make messages` and translate): {untranslated}"
    )
    assert fuzzy == [], f"fuzzy in {code}: {fuzzy}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_committed_catalogue_has_every_string_of_the_code(extracted, code):
    committed = {
        e.msgid for e in polib.pofile(str(ROOT / "locale" / code / "LC_MESSAGES" / "django.po"))
    }
    current = {e.msgid for e in polib.pofile(str(extracted / code / "LC_MESSAGES" / "django.po"))}
    assert current - committed == set(), "run `make messages` and translate the new strings"


def test_german_catalogue_repeats_the_source_strings():
    """German is the msgid language: a German msgstr that differs is a wrong guess by gettext."""
    po = polib.pofile(str(ROOT / "locale" / "de" / "LC_MESSAGES" / "django.po"))
    wrong = [(e.msgid, e.msgstr) for e in po if not e.msgid_plural and e.msgstr != e.msgid]
    assert wrong == []
