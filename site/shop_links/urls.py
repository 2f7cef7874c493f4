"""The counted redirect to retailers (outside the language prefixes: it has no language)."""

from django.urls import path, re_path

from shop_links import views

app_name = "shop_links"

urlpatterns = [
    path("<int:link_id>/", views.go, name="go"),
    path("shop/<int:retailer_id>/", views.go_retailer, name="go_retailer"),
    # Anything else under /go/ is not found here and now, not redirected into a language.
    re_path(r"", views.not_found),
]
