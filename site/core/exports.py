"""Spreadsheet exports that cannot run anything: the one guard against formula injection.

A cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula
(or a DDE call) by Excel and LibreOffice, so a retailer, product, page title or enquiry answer
called `=HYPERLINK(…)` could run one on a colleague's machine. Such text gets a leading
apostrophe; numbers and other values stay as they are, so sums still work. Wagtail's own export
only neutralises `=` in XLSX. Headings are guarded too: some are typed by editors (a form field's
label). Wagtail's own exporting views get the mixin in `core.admin_exports`.
"""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value):
    """`value`, with an apostrophe in front when it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """For Wagtail's SpreadsheetExportMixin views (index and report views with `list_export`)."""

    def preprocess_field_value(self, field, value, export_format):
        return formula_safe(super().preprocess_field_value(field, value, export_format))

    def get_heading(self, queryset, field):
        return formula_safe(super().get_heading(queryset, field))
