#!/usr/bin/env python3
"""Draws zonewright's application icon (two zones joined by a conduit) and writes
assets/icon/zonewright.png (256 px) and assets/icon/zonewright.ico (16, 24, 32, 48, 64, 256 px,
PNG-compressed entries). Standard library only; the outputs are checked in, so the build does
not run this."""
import struct
import sys
import zlib
from pathlib import Path

BG = (31, 58, 95)          # dark blue tile
ZONE_A = (64, 160, 170)    # control zone
ZONE_B = (232, 150, 60)    # DMZ zone
CONDUIT = (240, 240, 240)
EDGE = (255, 255, 255)


def inside_round_rect(x, y, x0, y0, x1, y1, r):
    if x < x0 or x > x1 or y < y0 or y > y1:
        return False
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def colour_at(x, y):
    """The colour at (x, y) in a 1x1 unit square, or None outside the tile."""
    if not inside_round_rect(x, y, 0.02, 0.02, 0.98, 0.98, 0.18):
        return None
    shapes = [
        # conduit: an L from the right side of one zone to the top of the other
        (lambda: 0.40 <= x <= 0.76 and 0.29 <= y <= 0.37, CONDUIT),
        (lambda: 0.68 <= x <= 0.76 and 0.29 <= y <= 0.60, CONDUIT),
        (lambda: inside_round_rect(x, y, 0.10, 0.12, 0.44, 0.54, 0.05), EDGE),
        (lambda: inside_round_rect(x, y, 0.13, 0.15, 0.41, 0.51, 0.03), ZONE_A),
        (lambda: inside_round_rect(x, y, 0.52, 0.56, 0.90, 0.90, 0.05), EDGE),
        (lambda: inside_round_rect(x, y, 0.55, 0.59, 0.87, 0.87, 0.03), ZONE_B),
    ]
    colour = BG
    for test, c in shapes:
        if test():
            colour = c
    return colour


def render(size, samples=4):
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(samples):
                for sx in range(samples):
                    c = colour_at((px + (sx + 0.5) / samples) / size,
                                  (py + (sy + 0.5) / samples) / size)
                    if c is not None:
                        acc[0] += c[0]
                        acc[1] += c[1]
                        acc[2] += c[2]
                        acc[3] += 1
            n = acc[3]
            if n == 0:
                row += bytes(4)
            else:
                row += bytes([acc[0] // n, acc[1] // n, acc[2] // n, 255 * n // samples**2])
        rows.append(bytes(row))
    return rows


def png(size):
    rows = render(size)
    raw = b"".join(b"\x00" + r for r in rows)

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def ico(images):
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, data = b"", b""
    for size, blob in images:
        dim = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset + len(data))
        data += blob
    return header + entries + data


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "assets" / "icon"
    out.mkdir(parents=True, exist_ok=True)
    images = [(s, png(s)) for s in (16, 24, 32, 48, 64, 256)]
    (out / "zonewright.png").write_bytes(images[-1][1])
    (out / "zonewright.ico").write_bytes(ico(images))


if __name__ == "__main__":
    main()
