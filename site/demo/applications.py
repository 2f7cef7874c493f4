"""The demo's application page for designers at /de/entwurf-einreichen/ (/en/submit-a-design/,
/nl/ontwerp-indienen/, /fr/soumettre-un-design/), and one application "in review" with a small
drawn image, so the Designer relations group (demo user `bewerbungen`) has something to open.

`demo.builder` calls `application_page(home)` before it translates the tree, `load_demo` calls
`sample_application()` after it; the texts register
their English, Dutch and French versions with `t()` as every demo text does.
"""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from applications.apps import DESIGN_APPLICATION
from applications.models import DesignApplicationPage
from demo.enquiries import STAFF_ADDRESS
from demo.texts import t
from enquiries.models import Enquiry, EnquiryFile

PAGE = {
    "title": t(
        "Entwurf einreichen",
        en="Submit a design",
        nl="Ontwerp indienen",
        fr="Soumettre un design",
    ),
    "slug": t(
        "entwurf-einreichen", en="submit-a-design", nl="ontwerp-indienen", fr="soumettre-un-design"
    ),
    "search_description": t(
        "Designerinnen und Designer bieten dem Label einen Entwurf zur Lizenz an.",
        en="Designers offer the label a design to license.",
        nl="Ontwerpers bieden het label een ontwerp aan om in licentie te geven.",
        fr="Les designers proposent au label un design sous licence.",
    ),
    "intro": t(
        "Sie haben einen Entwurf, der in Aachen-Nord hergestellt werden könnte? Beschreiben Sie "
        "ihn uns. Wir prüfen jede Bewerbung und antworten innerhalb von vier Wochen.",
        en="Do you have a design that could be made in Aachen-Nord? Describe it to us. We review "
        "every application and reply within four weeks.",
        nl="Hebt u een ontwerp dat in Aachen-Nord gemaakt zou kunnen worden? Beschrijf het voor "
        "ons. We bekijken elke aanmelding en antwoorden binnen vier weken.",
        fr="Vous avez un design qui pourrait être fabriqué à Aachen-Nord ? Décrivez-le-nous. "
        "Nous examinons chaque candidature et répondons sous quatre semaines.",
    ),
    "thank_you": t(
        "Ihre Bewerbung ist bei uns angekommen. Wir melden uns innerhalb von vier Wochen.",
        en="Your application has reached us. We will get back to you within four weeks.",
        nl="Uw aanmelding is bij ons aangekomen. We nemen binnen vier weken contact op.",
        fr="Votre candidature nous est bien parvenue. Nous vous répondrons sous quatre semaines.",
    ),
}

DEMO_ANSWERS = {
    "contact_person": "Lena Beispiel",
    "email": "lena.beispiel@example.org",
    "portfolio_url": "",
    "design_title": "Falttasche aus Segeltuch",
    "description": "Eine Tasche, die sich flach falten lässt, mit einer Naht.",
    "materials": "Altes Segeltuch, Baumwollgurt",
    "production": "Eine Serie von 50 Stück in zwei Farben",
    "consent": True,
}


def application_page(home, log=print) -> DesignApplicationPage:
    page = DesignApplicationPage.objects.child_of(home).filter(slug=PAGE["slug"]).first()
    if page is None:
        page = DesignApplicationPage(
            title=PAGE["title"],
            slug=PAGE["slug"],
            search_description=PAGE["search_description"],
            intro=f"<p>{PAGE['intro']}</p>",
            thank_you_text=f"<p>{PAGE['thank_you']}</p>",
            to_address=STAFF_ADDRESS,
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        log(f"Seite angelegt: {page.title}")
    return page


def sample_application() -> Enquiry | None:
    """One application in review, with a small drawn image (no mail: marked as sent); made by
    `load_demo` unless `--no-sample-application` (the test suite starts without enquiries)."""
    page = DesignApplicationPage.objects.filter(locale__language_code="de").first()
    if page is None:
        return None
    existing = Enquiry.objects.filter(kind=DESIGN_APPLICATION, email=DEMO_ANSWERS["email"]).first()
    if existing is not None:
        return existing
    enquiry = Enquiry(
        page=page,
        kind=DESIGN_APPLICATION,
        language="de",
        email=DEMO_ANSWERS["email"],
        status="in_review",
        notification_state=Enquiry.Notification.SENT,
    )
    enquiry.form_data = DEMO_ANSWERS
    enquiry.save()
    image = Image.new("RGB", (320, 240), (236, 229, 214))
    draw = ImageDraw.Draw(image)
    draw.rectangle((80, 60, 240, 200), outline=(32, 74, 64), width=6)
    draw.line((80, 60, 160, 20, 240, 60), fill=(32, 74, 64), width=6)
    out = io.BytesIO()
    image.save(out, "PNG")
    file = EnquiryFile(enquiry=enquiry, name="falttasche.png", content_type="image/png")
    file.size = len(out.getvalue())
    file.file.save("falttasche.png", ContentFile(out.getvalue()), save=True)
    return enquiry
