"""The partner feed (`partner_feed.views`), at the site's root: /api/v1/products.<format>."""

from django.urls import path, re_path

from partner_feed import views

urlpatterns = [
    path("v1/products.<str:fmt>", views.products, name="partner_feed"),
    re_path(r"", views.not_found),
]
