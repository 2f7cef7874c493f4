from django.urls import path

from enquiries import views

urlpatterns = [
    path("anfrage-senden/<int:page_id>/", views.submit, name="enquiry_submit"),
]
