"""Media storages. The bucket: images may be public, documents and private files never are.

The reference deployment puts a CDN in front of the bucket and lets it read images without a
signature. Documents can sit in a private collection (a password, a login or groups): Wagtail
checks that in its serve view, which streams the bytes through Django
(`WAGTAILDOCS_SERVE_METHOD = "serve_view"`). A document object must therefore never be readable
from the bucket itself: it is written with the `private` ACL whatever `AWS_DEFAULT_ACL` says, and
its storage URL (which the site never links to) is always signed and short-lived, never the
CDN's. Files under `private/` (e.g. the designers' application files, `enquiries.EnquiryFile`)
are treated the same way: private objects, signed URLs, never served from the media folder; staff
fetch them through an admin view that checks their permission.
"""

import contextlib
import os
import threading

from django.core.files.storage import FileSystemStorage
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

DOCUMENTS = "documents/"
PRIVATE = "private/"
DOCUMENT_URL_SECONDS = 60


def is_document(name: str) -> bool:
    """Documents and private files: never public (see the module's docstring)."""
    return clean_name(name).lstrip("/").startswith((DOCUMENTS, PRIVATE))


class MediaStorage(S3Storage):
    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        if is_document(name):
            params["ACL"] = "private"
        return params

    def url(self, name, parameters=None, expire=None, http_method=None):
        if not is_document(name):
            return super().url(name, parameters, expire, http_method)
        params = {
            **(parameters or {}),
            "Bucket": self.bucket.name,
            "Key": self._normalize_name(clean_name(name)),
        }
        return self.connection.meta.client.generate_presigned_url(
            "get_object", Params=params, ExpiresIn=DOCUMENT_URL_SECONDS, HttpMethod=http_method
        )


_attempt = threading.local()


class FileSystemMediaStorage(FileSystemStorage):
    """Local media that leave no partial file behind when the disk fills up mid-write.

    Django's `_save` creates the file (exclusively: it is this write's own) and streams into it;
    when the disk is full the half-written file stays. Django picks another name only when one
    is taken, so the last name tried is the file this write created: it is removed again.
    """

    def get_available_name(self, name, max_length=None):
        name = super().get_available_name(name, max_length)
        _attempt.name = name
        return name

    def _save(self, name, content):
        _attempt.name = name
        try:
            return super()._save(name, content)
        except OSError:
            with contextlib.suppress(FileNotFoundError):
                os.remove(self.path(_attempt.name))
            raise
