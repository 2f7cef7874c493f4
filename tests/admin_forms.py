"""Admin forms posted back as the editor's browser would: the form's successful controls."""

import json
from html.parser import HTMLParser


class _FormFields(HTMLParser):
    """The successful controls of the first form with `id_or_class` in its attributes."""

    def __init__(self, marker: str):
        super().__init__()
        self.marker = marker
        self.inside = False
        self.data: list[tuple[str, str]] = []
        self.textarea: str | None = None
        self.select: str | None = None
        self.select_value: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.inside:
            self.inside = self.marker in " ".join(str(v) for v in attrs.values())
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind in ("submit", "button", "file", "image"):
                return
            self.data.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self.textarea = name
            self.data.append((name, ""))
        elif tag == "select" and name:
            self.select, self.select_value = name, None
        elif tag == "option" and self.select and (self.select_value is None or "selected" in attrs):
            self.select_value = attrs.get("value", "")

    def handle_data(self, data):
        if self.textarea:
            name, value = self.data[-1]
            self.data[-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select" and self.select:
            self.data.append((self.select, self.select_value or ""))
            self.select = None
        elif tag == "form" and self.inside:
            self.inside = False
            self.marker = "\0"  # only the first matching form


def form_data(html: str, marker: str = "w-form") -> dict:
    parser = _FormFields(marker)
    parser.feed(html)
    data: dict = {}
    for name, value in parser.data:
        data.setdefault(name, value)
    return data


class _Streams(HTMLParser):
    """The StreamFields of a page editor: field name → the blocks the editor's script starts with."""

    def __init__(self):
        super().__init__()
        self.streams: dict[str, list] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("data-controller") == "w-block" and "data-w-block-arguments-value" in attrs:
            self.streams[attrs["id"]] = json.loads(attrs["data-w-block-arguments-value"])[0]


def _block_fields(prefix: str, value) -> dict:
    if isinstance(value, dict):
        return {
            k: v
            for key, item in value.items()
            for k, v in _block_fields(f"{prefix}-{key}", item).items()
        }
    assert isinstance(value, str), f"{prefix}: only text and struct blocks are posted ({value!r})"
    return {prefix: value}


def page_form_data(html: str) -> dict:
    """What the page editor posts when nothing is changed: its controls and each StreamField's
    blocks as the editor's script writes them (text, rich-text and struct blocks)."""
    data = form_data(html, marker="page-edit-form")
    parser = _Streams()
    parser.feed(html)
    for name, blocks in parser.streams.items():
        data[f"{name}-count"] = str(len(blocks))
        for index, block in enumerate(blocks):
            prefix = f"{name}-{index}"
            data.update({f"{prefix}-type": block["type"], f"{prefix}-id": block["id"]})
            data.update({f"{prefix}-deleted": "", f"{prefix}-order": str(index)})
            data.update(_block_fields(f"{prefix}-value", block["value"]))
    return data
