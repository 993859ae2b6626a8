"""The frames between a worker and its extraction process: a JSON header and a byte blob.

Frame: 8 bytes (header length, blob length, big-endian), the header (UTF-8 JSON), the blob.
Requests carry the engine and the budget in the header and the PDF as the blob; replies
carry the pages or an error code and message (never letter text in an error).
"""

from __future__ import annotations

import json
import os
import select
import struct
import time
from collections.abc import Callable
from typing import Any, BinaryIO

_HEAD = struct.Struct("!II")
TICK = 0.1  # seconds between two calls of a waiting reader's `on_wait`


class ChannelClosed(Exception):
    """The other side is gone (its end of the pipe closed)."""


class ChannelTimeout(Exception):
    """No whole frame arrived before the deadline."""


def write_frame(stream: BinaryIO, header: dict[str, Any], blob: bytes = b"") -> None:
    encoded = json.dumps(header).encode("utf-8")
    stream.write(_HEAD.pack(len(encoded), len(blob)) + encoded)
    if blob:
        stream.write(blob)
    stream.flush()


def _read_exact(
    fd: int, size: int, ends: float | None, on_wait: Callable[[], None] | None
) -> bytes:
    parts: list[bytes] = []
    while size:
        while ends is not None:
            left = ends - time.monotonic()
            if left <= 0:
                raise ChannelTimeout()
            if select.select([fd], [], [], min(left, TICK) if on_wait else left)[0]:
                break
            if on_wait:
                on_wait()
        piece = os.read(fd, min(size, 1 << 20))
        if not piece:
            raise ChannelClosed()
        parts.append(piece)
        size -= len(piece)
    return b"".join(parts)


def read_frame(
    fd: int, timeout: float | None = None, on_wait: Callable[[], None] | None = None
) -> tuple[dict[str, Any], bytes]:
    """The next frame from a raw file descriptor, or ChannelTimeout / ChannelClosed.

    `on_wait` is called every TICK seconds while nothing arrives (with a timeout only).
    """
    ends = None if timeout is None else time.monotonic() + timeout
    header_size, blob_size = _HEAD.unpack(_read_exact(fd, _HEAD.size, ends, on_wait))
    header = json.loads(_read_exact(fd, header_size, ends, on_wait))
    return header, _read_exact(fd, blob_size, ends, on_wait) if blob_size else b""
