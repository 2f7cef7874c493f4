from django import template

register = template.Library()


@register.simple_tag
def enquiry_widget(field):
    """The field's input, linked to its help text and errors for assistive technology."""
    described = []
    attrs = {}
    if field.help_text:
        described.append(f"{field.auto_id}-help")
    if field.errors:
        described.append(f"{field.auto_id}-errors")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)
