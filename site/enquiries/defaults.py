"""The field set every new enquiry form starts with (German, the source language).

The keys (`clean_name`) are fixed here rather than formed from the labels, so code that needs
a particular answer (the e-mail address for the confirmation and for erasure requests, the
company for the admin list) finds it on every enquiry form and in every language.
"""

SECTORS = "\n".join(["Kreativwirtschaft", "Dienstleistungen für die Kreativwirtschaft", "Anderes"])
SPACE_KINDS = "\n".join(["Atelier", "Büro", "Werkstatt", "Laden"])
CONSENT = (
    "Ich bin einverstanden, dass meine Angaben gespeichert und zur Bearbeitung meiner Anfrage "
    "verwendet werden."
)

FIELDS = [
    {"clean_name": "company", "label": "Unternehmen", "field_type": "singleline"},
    {"clean_name": "sector", "label": "Branche", "field_type": "radio", "choices": SECTORS},
    {"clean_name": "contact_person", "label": "Ansprechperson", "field_type": "singleline"},
    {"clean_name": "email", "label": "E-Mail", "field_type": "email"},
    {"clean_name": "phone", "label": "Telefon", "field_type": "singleline", "required": False},
    {
        "clean_name": "space_m2",
        "label": "Benötigte Fläche (m²)",
        "field_type": "number",
        "required": False,
    },
    {
        "clean_name": "space_kind",
        "label": "Art der Fläche",
        "field_type": "checkboxes",
        "choices": SPACE_KINDS,
        "required": False,
    },
    {"clean_name": "start", "label": "Gewünschter Beginn", "field_type": "date", "required": False},
    {"clean_name": "message", "label": "Nachricht", "field_type": "multiline", "required": False},
    {"clean_name": "consent", "label": CONSENT, "field_type": "checkbox"},
]
for order, spec in enumerate(FIELDS):
    spec.setdefault("required", True)
    spec["sort_order"] = order
