from django.urls import path

from enquiries import views

urlpatterns = [
    path("anfrage-senden/<int:page_id>/", views.submit, name="enquiry_submit"),
    path("anfrage-token/<int:page_id>/", views.token, name="enquiry_token"),
]
