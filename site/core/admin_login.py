"""The admin's login and password reset forms, hardened against patient attackers.

- **Lockout** (`LoginForm`): failed logins are counted per account (the user name as typed,
  case-folded) and per client address in the shared cache (`ADMIN_LOGIN_CACHE`), under keyed
  hashes (`core.ratelimit`): no user name or address is stored or logged. After
  `ADMIN_LOGIN_FAILURES_PER_ACCOUNT` failures for one account, or
  `ADMIN_LOGIN_FAILURES_PER_ADDRESS` from one address, every login for that account or from
  that address is refused, the right password too, for `ADMIN_LOGIN_LOCKOUT_SECONDS` after the
  failure that reached the limit, with a message saying so. A successful login clears its
  account's count, not its address's (an attacker with an account of their own could otherwise
  clear the count between guesses). A cache that does not answer lets logins through
  (fail open, like the enquiry limit) and logs a warning.
- **Password reset** (`PasswordResetForm`): the mail is rendered in the request and sent by a
  thread after the transaction commits, so the answer never waits for the mail server: an
  address with an account and one without get the same redirect in the same time.
"""

import logging
import threading

from django import forms
from django.conf import settings
from django.core.cache import caches
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import loader
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from core.ratelimit import client_address, count, hashed_key

logger = logging.getLogger("core")


class LoginThrottle:
    """The failure counts of one login attempt's account and address."""

    def __init__(self, request, username: str):
        self.keys = {
            "account": hashed_key("admin-login:account", (username or "").casefold()),
            "address": hashed_key("admin-login:address", client_address(request)),
        }
        self.limits = {
            "account": settings.ADMIN_LOGIN_FAILURES_PER_ACCOUNT,
            "address": settings.ADMIN_LOGIN_FAILURES_PER_ADDRESS,
        }

    @staticmethod
    def _cache():
        return caches[settings.ADMIN_LOGIN_CACHE]

    def locked(self) -> str | None:
        """ "account" or "address" when that is locked out, else None (one cache round trip)."""
        try:
            counts = self._cache().get_many(self.keys.values())
        except Exception as error:
            self._unavailable(error)
            return None
        for scope, key in self.keys.items():
            if counts.get(key, 0) >= self.limits[scope]:
                return scope
        return None

    def failed(self) -> None:
        lockout = settings.ADMIN_LOGIN_LOCKOUT_SECONDS
        try:
            cache = self._cache()
            for scope, key in self.keys.items():
                if count(cache, key, lockout) == self.limits[scope]:
                    # The lockout lasts its full time from the failure that reached the limit.
                    cache.touch(key, timeout=lockout)
                    logger.warning(
                        "admin login locked out (%s)",
                        scope,
                        extra={"event": "admin_login_locked", "scope": scope},
                    )
        except Exception as error:
            self._unavailable(error)

    def succeeded(self) -> None:
        try:
            self._cache().delete(self.keys["account"])
        except Exception as error:
            self._unavailable(error)

    @staticmethod
    def _unavailable(error: Exception) -> None:
        logger.warning(
            "admin login lockout unavailable (%s): not counting",
            type(error).__name__,
            extra={"event": "admin_login_lockout_unavailable"},
        )


def lockout_message() -> str:
    minutes = max(1, settings.ADMIN_LOGIN_LOCKOUT_SECONDS // 60)
    return ngettext(
        "Zu viele fehlgeschlagene Anmeldeversuche. Die Anmeldung ist für bis zu %(minutes)s "
        "Minute gesperrt; bitte versuchen Sie es danach noch einmal.",
        "Zu viele fehlgeschlagene Anmeldeversuche. Die Anmeldung ist für bis zu %(minutes)s "
        "Minuten gesperrt; bitte versuchen Sie es danach noch einmal.",
        minutes,
    ) % {"minutes": minutes}


class LoginForm(WagtailLoginForm):
    """Wagtail's login form, refusing accounts and addresses with too many failures."""

    def clean(self):
        username = self.cleaned_data.get("username")
        if not (username and self.cleaned_data.get("password")):
            return super().clean()  # a field is missing: nothing is tried, nothing counted
        throttle = LoginThrottle(self.request, username)
        if throttle.locked():
            raise forms.ValidationError(lockout_message(), code="locked_out")
        try:
            cleaned_data = super().clean()
        except forms.ValidationError:
            throttle.failed()
            raise
        throttle.succeeded()
        return cleaned_data


def _send(message: EmailMultiAlternatives) -> None:
    try:
        message.send()
    except Exception as error:
        # Neither the address nor the account is named (the log holds no personal data).
        logger.warning(
            "password reset mail failed (%s)",
            type(error).__name__,
            extra={"event": "password_reset_mail_failed"},
        )


class PasswordResetForm(WagtailPasswordResetForm):
    """Wagtail's password reset form; the mail leaves in the background."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        # Rendered here, in the request's language and with its database connection; only the
        # SMTP conversation happens in the thread.
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(subject, body, from_email, [to_email])
        if html_email_template_name is not None:
            message.attach_alternative(
                loader.render_to_string(html_email_template_name, context), "text/html"
            )
        transaction.on_commit(
            lambda: threading.Thread(
                target=_send, args=(message,), name="password-reset-mail", daemon=True
            ).start()
        )
