from django.urls import path
from django.utils.translation import gettext_lazy as _

from enquiries import views

# Translated addresses (/fr/envoyer-demande/<id>/); the German ones, which every language used
# before, stay as aliases: a form page opened before the change still posts and fetches its token.
urlpatterns = [
    path(_("anfrage-senden/<int:page_id>/"), views.submit, name="enquiry_submit"),
    path(_("anfrage-token/<int:page_id>/"), views.token, name="enquiry_token"),
    path("anfrage-senden/<int:page_id>/", views.submit, name="enquiry_submit_german"),
    path("anfrage-token/<int:page_id>/", views.token, name="enquiry_token_german"),
]
