"""The link checker's last word on a row's address, shown read-only in its edit form."""

from django.utils import timezone
from wagtail.admin.panels import Panel

from shop_links.linkcheck import status as linkstatus
from shop_links.models import LinkCheck


class LinkStatusPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "shop_links/panels/link_status.html"

        def is_shown(self):
            return self.instance is not None and self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            url = getattr(self.instance, "target_url", None) or self.instance.website
            check = LinkCheck.objects.filter(url=url).first()
            context.update(
                url=url,
                check=check,
                verdict=linkstatus.verdict(check),
                answer=linkstatus.answer(check) if check else "",
                backing_off=bool(
                    check and check.retry_after and check.retry_after > timezone.now()
                ),
            )
            return context
