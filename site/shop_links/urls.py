"""The counted redirect to retailers (outside the language prefixes: it has no language)."""

from django.urls import path

from shop_links import views

app_name = "shop_links"

urlpatterns = [
    path("<int:link_id>/", views.go, name="go"),
    path("shop/<int:retailer_id>/", views.go_retailer, name="go_retailer"),
]
