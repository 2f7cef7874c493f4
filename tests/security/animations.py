"""Small files that describe huge animations: a big canvas, many frames, each frame one pixel.

Built byte by byte (GIF) or by enlarging the canvas of a tiny animation Pillow wrote (WebP,
APNG), so a test file stays a few kilobytes while it claims gigabytes of decoded pixels.
"""

import io
import struct
import zlib

from PIL import Image as PILImage

# LZW with a 2-bit minimum code size: clear code, pixel 0, end code, in one data sub-block.
ONE_PIXEL = b"\x02\x02\x44\x01\x00"


def gif(size: tuple[int, int], frames: int) -> bytes:
    width, height = size
    header = (
        b"GIF89a" + struct.pack("<HHBBB", width, height, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff"
    )
    loop = b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"
    frame = (
        b"\x21\xf9\x04\x04\x0a\x00\x00\x00"  # graphic control: keep the canvas, 0.1 s
        + b"\x2c"
        + struct.pack("<HHHHB", 0, 0, 1, 1, 0)
        + ONE_PIXEL
    )
    return header + loop + frame * frames + b"\x3b"


def _tiny_animation(format_name: str, frames: int) -> bytes:
    # Each frame another colour, so the encoder keeps every one.
    colours = [(i % 256, i * 7 % 256, i * 13 % 256) for i in range(frames)]
    images = [PILImage.new("RGB", (1, 1), colour) for colour in colours]
    buffer = io.BytesIO()
    images[0].save(
        buffer,
        format_name,
        save_all=True,
        append_images=images[1:],
        duration=100,
        lossless=True,
    )
    return buffer.getvalue()


def webp(size: tuple[int, int], frames: int) -> bytes:
    """An animated WebP whose canvas (the VP8X chunk) is `size`; its frames stay 1 × 1."""
    data = bytearray(_tiny_animation("WEBP", frames))
    start = data.index(b"VP8X") + 8 + 4  # chunk name, chunk size, flags and reserved bytes
    width, height = size
    data[start : start + 6] = (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    return bytes(data)


def apng(size: tuple[int, int], frames: int) -> bytes:
    """An APNG whose canvas (IHDR) is `size`; its frames stay 1 × 1."""
    data = bytearray(_tiny_animation("PNG", frames))
    start = data.index(b"IHDR")
    data[start + 4 : start + 12] = struct.pack(">II", *size)
    crc = zlib.crc32(bytes(data[start : start + 17]))
    data[start + 17 : start + 21] = struct.pack(">I", crc)
    return bytes(data)
