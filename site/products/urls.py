"""Product passports (`products.passport`), at the site's root: `/p/<catalogue id>/`."""

from django.urls import path, re_path

from products import passport

urlpatterns = [
    path("<str:code>/", passport.passport, name="passport"),
    path("<str:code>/qr.svg", passport.qr_svg_view, name="passport_qr_svg"),
    path("<str:code>/qr.png", passport.qr_png_view, name="passport_qr_png"),
    re_path(r"", passport.not_found),
]
