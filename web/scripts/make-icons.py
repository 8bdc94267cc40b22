"""Draws the app's PNG icons (the same mark as public/icon.svg) with nothing but the standard library."""
import math
import struct
import zlib
from pathlib import Path

BLUE = (0x1F, 0x4E, 0x79)
WHITE = (0xFF, 0xFF, 0xFF)


def pixel(x: float, y: float, maskable: bool) -> tuple:
    # Coordinates in the 512-unit space of icon.svg.
    corner = 0 if maskable else 96
    dx = max(corner - x, 0, x - (512 - corner))
    dy = max(corner - y, 0, y - (512 - corner))
    if corner and dx * dx + dy * dy > corner * corner:
        return (0, 0, 0, 0)
    ring = abs(math.hypot(x - 256, y - 256) - 150) <= 18
    stem = abs(x - 256) <= 18 and 150 <= y <= 300
    hook = y >= 300 and abs(math.hypot(x - 206, y - 300) - 50) <= 18
    return (*(WHITE if ring or stem or hook else BLUE), 255)


def png(size: int, maskable: bool = False) -> bytes:
    rows = bytearray()
    scale = 512 / size
    for j in range(size):
        rows.append(0)
        for i in range(size):
            rows.extend(pixel((i + 0.5) * scale, (j + 0.5) * scale, maskable))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))

    header = struct.pack('>IIBBBBB', size, size, 8, 6, 0, 0, 0)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header) + chunk(b'IDAT', zlib.compress(bytes(rows), 9)) + chunk(b'IEND', b'')


public = Path(__file__).resolve().parent.parent / 'public'
(public / 'icon-192.png').write_bytes(png(192))
(public / 'icon-512.png').write_bytes(png(512))
(public / 'icon-maskable-512.png').write_bytes(png(512, maskable=True))
