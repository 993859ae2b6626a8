"""Arrow arrays and scalars made from Python values without pyarrow's pandas shim.

`pa.array` of a Python list, `pa.scalar`, `Schema.empty_table()` and a pyarrow.compute call
given a plain Python value all ask pyarrow's lazy pandas shim whether the value is a pandas
object, and the shim imports pandas to answer: 57 MB of a discovery's 300 MB budget
(measured 2026-12-02: `import pyarrow` 58 MB, after the first `pa.array([...])` 117 MB),
for a process that never touches a DataFrame. Arrays built from their buffers
(`Array.from_buffers`) and Arrow scalars taken from such arrays go around it, so discovery
builds every value it needs here. tests/unit/test_discovery.py checks that a discovery
leaves pandas unimported.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pyarrow as pa

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_UNITS = {"s": 1, "ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}


def _validity(values: Sequence[object]) -> pa.Buffer | None:
    """The validity bitmap of `values` (None when no value is None)."""
    if all(v is not None for v in values):
        return None
    bits = bytearray((len(values) + 7) // 8)
    for i, value in enumerate(values):
        if value is not None:
            bits[i >> 3] |= 1 << (i & 7)
    return pa.py_buffer(bytes(bits))


def strings(values: Sequence[str | None]) -> pa.Array:
    """A `string` array of the values (None: null)."""
    encoded = [b"" if v is None else v.encode() for v in values]
    offsets = array("i", [0])
    total = 0
    for item in encoded:
        total += len(item)
        offsets.append(total)
    if total >= 2**31:
        raise ValueError("more than 2 GiB of strings in one array")
    data = pa.py_buffer(b"".join(encoded))
    return pa.Array.from_buffers(
        pa.string(), len(encoded), [_validity(values), pa.py_buffer(offsets), data]
    )


def int32s(values: Sequence[int]) -> pa.Array:
    """An `int32` array of the values (no nulls)."""
    return pa.Array.from_buffers(pa.int32(), len(values), [None, pa.py_buffer(array("i", values))])


def int64s(values: Sequence[int]) -> pa.Array:
    """An `int64` array of the values (no nulls)."""
    return pa.Array.from_buffers(pa.int64(), len(values), [None, pa.py_buffer(array("q", values))])


def booleans(length: int, value: bool) -> pa.Array:
    """`length` times `value`, as a `bool` array."""
    bits = (b"\xff" if value else b"\x00") * ((length + 7) // 8)
    return pa.Array.from_buffers(pa.bool_(), length, [None, pa.py_buffer(bits)])


def string(value: str) -> pa.Scalar:
    """A `string` scalar, for a compute call's argument."""
    return strings([value])[0]


def boolean(value: bool) -> pa.Scalar:
    return booleans(1, value)[0]


def timestamp(value: datetime, type_: pa.TimestampType) -> pa.Scalar:
    """A scalar of the timestamp type (a naive `value` is read as UTC, as pyarrow does)."""
    moment = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    # A plain datetime: Airflow hands pendulum DateTimes, whose differences do not divide.
    utc = moment.astimezone(UTC)
    plain = datetime(*utc.timetuple()[:6], utc.microsecond, tzinfo=UTC)
    ticks = (plain - _EPOCH) // timedelta(microseconds=1)
    per_second = _UNITS[type_.unit]
    ticks = ticks * per_second // 1_000_000
    return pa.Array.from_buffers(type_, 1, [None, pa.py_buffer(array("q", [ticks]))])[0]


def empty(schema: pa.Schema) -> pa.Table:
    """A table of the schema with no rows."""
    return pa.Table.from_batches([], schema)
