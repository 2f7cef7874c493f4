"""Reading a feed's JSON a piece at a time, so a 40 MB document never sits in memory whole.

The feed is one JSON object whose `products` list is nearly all of it. `JsonStream` walks the
object's keys and hands out each top-level value, and the products one at a time, decoded by
the standard library's C decoder (`json.JSONDecoder.raw_decode`) from a window of the text that
is refilled from the file as it is used up. Only the window (about a megabyte) and the value
being decoded are held. The same values come out as `json.loads` would give (floats, NaN
allowed, a key named twice: the last one counts for everything but `products`).

What goes wrong - bytes that are not UTF-8, a syntax error, a document that ends too early -
raises `StreamError` with the line and column, or `NotUtf8` with the byte and line, for the
parser to turn into a refusal.
"""

import codecs
import json

WINDOW = 1024 * 1024  # characters read from the file at a time
LARGEST_VALUE = 64 * 1024 * 1024  # a single top-level value or product larger than this is refused


class StreamError(Exception):
    def __init__(self, message: str, line: int, column: int, at_end: bool):
        super().__init__(message)
        self.msg, self.line, self.column, self.at_end = message, line, column, at_end


class NotUtf8(Exception):
    def __init__(self, byte: bytes, line: int):
        super().__init__(byte, line)
        self.byte, self.line = byte, line


class JsonStream:
    """A JSON document read from a binary file, a value at a time."""

    def __init__(self, file, window: int | None = None):
        self.file = file
        self.window = window or WINDOW
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.json = json.JSONDecoder()
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.lines_dropped = 0  # line breaks in text already dropped from the window
        self.column_base = 0  # characters of the current line dropped from the window

    # The window ----------------------------------------------------------------------------

    def refill(self) -> bool:
        """Drop what was used, read more; False at the end of the file."""
        if self.eof:
            return False
        used = self.buf[: self.pos]
        newlines = used.count("\n")
        if newlines:
            self.lines_dropped += newlines
            self.column_base = len(used) - used.rfind("\n") - 1
        else:
            self.column_base += len(used)
        self.buf, self.pos = self.buf[self.pos :], 0
        data = self.file.read(self.window)
        try:
            text = self.decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            bad = exc.object[exc.start : exc.start + 1]
            line = self.lines_dropped + self.buf.count("\n") + 1
            line += exc.object[: exc.start].count(b"\n")
            raise NotUtf8(bad, line) from None
        if not data:
            self.eof = True
        self.buf += text
        return bool(data) or bool(text)

    def where(self, pos: int) -> tuple[int, int]:
        before = self.buf.count("\n", 0, pos)
        column = pos - self.buf.rfind("\n", 0, pos) if before else self.column_base + pos + 1
        return self.lines_dropped + before + 1, column

    def fail(self, message: str, pos: int | None = None, *, at_end: bool = False):
        pos = self.pos if pos is None else pos
        line, column = self.where(pos)
        at_end = at_end or (self.eof and len(self.buf) - pos < 200)
        raise StreamError(message, line, column, at_end=at_end)

    def peek(self) -> str:
        """The next character that is not white space ("" at the end of the document)."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.refill():
                return ""

    def expect(self, characters: str, message: str) -> str:
        char = self.peek()
        if not char or char not in characters:
            self.fail(message)
        self.pos += 1
        return char

    def value(self):
        """The next complete JSON value."""
        if not self.peek():
            self.fail("Expecting value")
        while True:
            try:
                value, end = self.json.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if self.eof and exc.msg.startswith("Unterminated string"):
                    self.fail(exc.msg, exc.pos, at_end=True)  # the text ran out inside it
                if self.eof or len(self.buf) - self.pos > LARGEST_VALUE:
                    self.fail(exc.msg, exc.pos)
                self.refill()
                continue
            if end == len(self.buf) and not self.eof:
                self.refill()  # a number may go on in the next piece: decode again
                continue
            self.pos = end
            return value

    # The document ----------------------------------------------------------------------------

    def members(self, stream_key: str):
        """(key, value) for each member of the top-level object; the value of `stream_key`,
        when it is a list, is an iterator over its items, to be used up before the next member.
        """
        if self.peek() != "{":
            yield None, self.value()  # valid JSON, but not an object (or a syntax error)
            return
        self.pos += 1
        if self.peek() == "}":
            self.pos += 1
        else:
            while True:
                if self.peek() != '"':
                    self.fail("Expecting property name enclosed in double quotes")
                key = self.value()
                self.expect(":", "Expecting ':' delimiter")
                if key == stream_key and self.peek() == "[":
                    self.pos += 1
                    yield key, self.items()
                else:
                    yield key, self.value()
                if self.expect(",}", "Expecting ',' delimiter") == "}":
                    break
        if self.peek():
            self.fail("Extra data")

    def items(self):
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self.value()
            if self.expect(",]", "Expecting ',' delimiter") == "]":
                return
