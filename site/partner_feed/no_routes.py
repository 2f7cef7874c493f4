"""An empty URL configuration: the feed's 404s name it (`request.urlconf`) so that Django's
LocaleMiddleware finds no page under a language prefix to redirect them to
(`core.views.not_found_outside_languages` explains why)."""

urlpatterns = []
