"""Dtypes: what maps to what, and what does not convert at all."""

# --8<-- [start:mapping_table]
import numpy as np
import torch

names = "bool int8 int16 int32 int64 uint8 uint16 uint32 uint64 float16 float32 float64 complex64 complex128"
for name in names.split():
    tensor = torch.from_numpy(np.zeros(1, dtype=name))
    back = tensor.numpy().dtype
    print(f"| {name} | {tensor.dtype} | {back} |")
#> | bool | torch.bool | bool |
#> | int8 | torch.int8 | int8 |
#> | int16 | torch.int16 | int16 |
#> | int32 | torch.int32 | int32 |
#> | int64 | torch.int64 | int64 |
#> | uint8 | torch.uint8 | uint8 |
#> | uint16 | torch.uint16 | uint16 |
#> | uint32 | torch.uint32 | uint32 |
#> | uint64 | torch.uint64 | uint64 |
#> | float16 | torch.float16 | float16 |
#> | float32 | torch.float32 | float32 |
#> | float64 | torch.float64 | float64 |
#> | complex64 | torch.complex64 | complex64 |
#> | complex128 | torch.complex128 | complex128 |
# --8<-- [end:mapping_table]

# --8<-- [start:object_array]
import numpy as np
import torch

mixed = np.array([1, "two"], dtype=object)
# fix: Build the array with a numeric dtype (e.g. `np.array(values, dtype=np.float32)`) before converting.
torch.from_numpy(mixed)
#! raises TypeError: can't convert np.ndarray of type numpy.object_. The only supported types are: float64, float32, float16, complex64, complex128, int64, int32, int16, int8, uint64, uint32, uint16, uint8, and bool.
# --8<-- [end:object_array]

# --8<-- [start:string_array]
import numpy as np
import torch

# fix: Encode the strings as integers (e.g. indices into a vocabulary) before converting.
torch.from_numpy(np.array(["a", "b"]))
#! raises TypeError: can't convert np.ndarray of type numpy.str_. The only supported types are: float64, float32, float16, complex64, complex128, int64, int32, int16, int8, uint64, uint32, uint16, uint8, and bool.
# --8<-- [end:string_array]

# --8<-- [start:bytes_array]
import numpy as np
import torch

# fix: Read the bytes as integer codes first: `np.frombuffer(bytearray(data), dtype=np.uint8)`.
torch.from_numpy(np.array([b"ab", b"cd"]))
#! raises TypeError: can't convert np.ndarray of type numpy.bytes_. The only supported types are: float64, float32, float16, complex64, complex128, int64, int32, int16, int8, uint64, uint32, uint16, uint8, and bool.
codes = np.array([b"ab", b"cd"]).view(np.uint8)  # the same bytes, viewed as uint8 codes
torch.from_numpy(codes)
#> tensor([ 97,  98,  99, 100], dtype=torch.uint8)
# --8<-- [end:bytes_array]

# --8<-- [start:datetime_array]
import numpy as np
import torch

days = np.array(["2024-01-01", "2024-03-01"], dtype="datetime64[D]")
# fix: Convert to plain integers first: `torch.from_numpy(days.astype(np.int64))` (units since 1970-01-01).
torch.from_numpy(days)
#! raises TypeError: can't convert np.ndarray of type numpy.datetime64. The only supported types are: float64, float32, float16, complex64, complex128, int64, int32, int16, int8, uint64, uint32, uint16, uint8, and bool.
torch.from_numpy(days.astype(np.int64))  # days since 1970-01-01, as plain integers
#> tensor([19723, 19783])
gaps = np.array(["NaT", "2024-01-01"], dtype="datetime64[D]")  # NaT: a missing date
torch.from_numpy(gaps.astype(np.int64))  # NaT becomes the smallest int64, with no warning
#> tensor([-9223372036854775808,                19723])
torch.from_numpy(np.isnat(gaps))  # keep a mask of the missing dates alongside
#> tensor([ True, False])
# --8<-- [end:datetime_array]

# --8<-- [start:timedelta_array]
import numpy as np
import torch

durations = np.array([90, 3600], dtype="timedelta64[s]")
# fix: Convert to plain integers first: `torch.from_numpy(durations.astype(np.int64))` (in the array's unit).
torch.from_numpy(durations)
#! raises TypeError: can't convert np.ndarray of type numpy.timedelta64. The only supported types are: float64, float32, float16, complex64, complex128, int64, int32, int16, int8, uint64, uint32, uint16, uint8, and bool.
torch.from_numpy(durations.astype(np.int64))  # seconds, as plain integers
#> tensor([  90, 3600])
# --8<-- [end:timedelta_array]

# --8<-- [start:structured_array]
import numpy as np
import torch

points = np.zeros(2, dtype=[("x", "f4"), ("y", "i4")])
# fix: For a structured array, convert one field at a time: `torch.from_numpy(points["x"])`; copy the field first (`points["x"].copy()`) when the records are packed, as in `[("x", "f4"), ("flag", "u1")]`.
torch.from_numpy(points)  # a record per element: no tensor dtype fits
#! raises TypeError: can't convert np.ndarray of type numpy.void. The only supported types are: float64, float32, float16, complex64, complex128, int64, int32, int16, int8, uint64, uint32, uint16, uint8, and bool.
field = torch.from_numpy(points["x"])  # one field is a strided float32 view, and converts
field
#> tensor([0., 0.])
np.shares_memory(points, field.numpy())  # still the structured array's memory
#> True
packed = np.zeros(2, dtype=[("x", "f4"), ("flag", "u1")])  # records 5 bytes apart: a field's stride is 5
torch.from_numpy(packed["x"].copy())  # such a field converts only as a copy (see memory layout)
#> tensor([0., 0.])
# --8<-- [end:structured_array]

# --8<-- [start:longdouble]
import numpy as np
import torch

# fix: Cast to float64 first: `torch.from_numpy(array.astype(np.float64))`.
torch.from_numpy(np.zeros(2, dtype=np.longdouble))
#! raises TypeError: can't convert np.ndarray of type numpy.longdouble. The only supported types are: float64, float32, float16, complex64, complex128, int64, int32, int16, int8, uint64, uint32, uint16, uint8, and bool.
torch.from_numpy(np.zeros(2, dtype=np.longdouble).astype(np.float64))
#> tensor([0., 0.], dtype=torch.float64)
# fix: cast to complex128 first: torch.from_numpy(array.astype(np.complex128))
torch.from_numpy(np.zeros(2, dtype=np.clongdouble))
#! raises TypeError: can't convert np.ndarray of type numpy.clongdouble. The only supported types are: float64, float32, float16, complex64, complex128, int64, int32, int16, int8, uint64, uint32, uint16, uint8, and bool.
torch.from_numpy(np.zeros(2, dtype=np.clongdouble).astype(np.complex128))
#> tensor([0.+0.j, 0.+0.j], dtype=torch.complex128)
# --8<-- [end:longdouble]

# --8<-- [start:big_endian]
import numpy as np
import torch

big_endian = np.zeros(2, dtype=">f4")  # as read from some file formats
# fix: Cast to the machine's byte order first: `torch.from_numpy(array.astype("=f4"))`.
torch.from_numpy(big_endian)
#! raises ValueError: given numpy array has byte order different from the native byte order. Conversion between byte orders is currently not supported.
torch.from_numpy(big_endian.astype("=f4"))  # "=" is the machine's own byte order
#> tensor([0., 0.])
# --8<-- [end:big_endian]

# --8<-- [start:ulonglong]
import numpy as np
import torch

np.dtype(np.ulonglong) == np.dtype(np.uint64)  # equal dtypes on Linux...
#> True
# fix: Use `np.uint64` instead: `torch.from_numpy(array.astype(np.uint64))`.
torch.from_numpy(np.zeros(2, dtype=np.ulonglong))  # ...yet torch only accepts np.uint64
#! raises TypeError: can't convert np.ndarray of type numpy.ulonglong. The only supported types are: float64, float32, float16, complex64, complex128, int64, int32, int16, int8, uint64, uint32, uint16, uint8, and bool.
torch.from_numpy(np.zeros(2, dtype=np.uint64))
#> tensor([0, 0], dtype=torch.uint64)
big = np.array([2**63])  # NumPy's own choice for a Python int from 2**63 to 2**64 - 1
big  # prints as uint64...
#> array([9223372036854775808], dtype=uint64)
big.dtype.type  # ...but is a ulonglong array, which torch.from_numpy refuses
#> <class 'numpy.ulonglong'>
np.frombuffer(bytes(8), dtype="Q").dtype.type  # so is an array read with the struct code "Q"
#> <class 'numpy.ulonglong'>
torch.from_numpy(big.astype(np.uint64))
#> tensor([9223372036854775808], dtype=torch.uint64)
np.array([2**64]).dtype  # one more does not fit in 64 bits: an object array
#> dtype('O')
# --8<-- [end:ulonglong]

# --8<-- [start:bfloat16]
import numpy as np
import torch

half_precision = torch.ones(2, dtype=torch.bfloat16)  # NumPy has no bfloat16
# fix: Widen to float32 first: `tensor.float().numpy()`.
half_precision.numpy()
#! raises TypeError: Got unsupported ScalarType BFloat16
half_precision.float().numpy()  # widen to float32 first; every bfloat16 value fits exactly
#> array([1., 1.], dtype=float32)
bits = half_precision.view(torch.int16).numpy()  # or keep the 16 bits: no copy, nothing lost
bits
#> array([16256, 16256], dtype=int16)
np.shares_memory(bits, half_precision.view(torch.int16).numpy())
#> True
torch.from_numpy(bits).view(torch.bfloat16)  # and back, bit for bit
#> tensor([1., 1.], dtype=torch.bfloat16)
# --8<-- [end:bfloat16]

# --8<-- [start:float8]
import torch

eight_bit = torch.ones(2, dtype=torch.float8_e4m3fn)
# fix: Widen to float32 first: `tensor.float().numpy()`.
eight_bit.numpy()
#! raises TypeError: Got unsupported ScalarType Float8_e4m3fn
eight_bit.float().numpy()
#> array([1., 1.], dtype=float32)
# --8<-- [end:float8]

# --8<-- [start:complex32]
import torch

# fix: use torch.complex64 unless you need complex32's smaller size
chalf = torch.ones(2, dtype=torch.complex32)  # complex32: two float16 halves
#! warns UserWarning: ComplexHalf support is experimental and many operators don't support it yet.
# fix: widen to complex64 first: t.cfloat().numpy()
chalf.numpy()
#! raises TypeError: Got unsupported ScalarType ComplexHalf
chalf.cfloat().numpy()
#> array([1.+0.j, 1.+0.j], dtype=complex64)
# --8<-- [end:complex32]

# --8<-- [start:quantized]
import torch

values = torch.tensor([1.0, 2.0])
# fix: For `torch.quantize_per_tensor`, the warning is about creating the tensor: to get the stored integers without one, compute them as torch 2.13 does on an x86-64 CPU: `(values.double() * (1 / torch.tensor(scale)).double() + zero_point).float().round().clamp(0, 255).to(torch.uint8)` for quint8.
quantized = torch.quantize_per_tensor(values, scale=0.1, zero_point=0, dtype=torch.quint8)
#! warns UserWarning: torch.quantize_per_tensor, torch.quantize_per_channel and other quantized tensor creation functions that produce tensors with dtype torch.quint8, torch.qint8, and torch.qint32 are deprecated and will be removed in a future PyTorch release. Please see https://github.com/pytorch/pytorch/issues/184982 for more information.
# fix: Take `.dequantize().numpy()` for the real values or `.int_repr().numpy()` for the stored integers.
quantized.numpy()
#! raises TypeError: Got unsupported ScalarType QUInt8
quantized.dequantize().numpy()  # the real values
#> array([1., 2.], dtype=float32)
quantized.int_repr().numpy()  # the stored integers
#> array([10, 20], dtype=uint8)
# torch multiplies by 1/scale in float32 and adds zero_point with one rounding (a fused multiply-add), then rounds half
# to even; the exact product in float64, then float32, does the same. quint8 clamps to 0..255 (qint8: -128..127).
scale, zero_point = 0.1, 3
many = torch.empty(1_000_000).uniform_(-5, 30, generator=torch.Generator().manual_seed(0))
stored = (many.double() * (1 / torch.tensor(scale)).double() + zero_point).float().round().clamp(0, 255).to(torch.uint8)
torch.equal(stored, torch.quantize_per_tensor(many, scale, zero_point, torch.quint8).int_repr())
#> True
edge = torch.tensor([17.55])  # 17.549999237 in float32
torch.quantize_per_tensor(edge, 0.1, 0, torch.quint8).int_repr(), (edge / 0.1).round()  # dividing by scale is one off
#> (tensor([176], dtype=torch.uint8), tensor([175.]))
# --8<-- [end:quantized]

# --8<-- [start:unsigned_arithmetic]
import torch

small = torch.ones(2, dtype=torch.uint16)
small * 2
#> tensor([2, 2], dtype=torch.uint16)
# fix: Do the arithmetic in a wider signed dtype: `small.to(torch.int32) + small.to(torch.int32)`.
small + small  # uint16, uint32 and uint64 tensors support only some operations (torch 2.13)
#! raises NotImplementedError: "add_stub" not implemented for 'UInt16'
small.to(torch.int32) + small.to(torch.int32)
#> tensor([2, 2], dtype=torch.int32)
large = torch.tensor([4294967295], dtype=torch.uint32)  # the largest uint32
large.to(torch.int32)  # a signed type of the same width wraps, silently
#> tensor([-1], dtype=torch.int32)
large.to(torch.int64)  # a wider one holds every value
#> tensor([4294967295])
# --8<-- [end:unsigned_arithmetic]

# --8<-- [start:uint16_from_numpy]
import numpy as np
import torch

depth = np.array([1000, 65535], dtype=np.uint16)  # a 16-bit depth map or PNG, say
torch.from_numpy(depth)  # torch 2.13 has a uint16 dtype to convert to
#> tensor([ 1000, 65535], dtype=torch.uint16)
torch.tensor(depth, dtype=torch.float32)  # straight to float32, as most models want
#> tensor([ 1000., 65535.])
torch.from_numpy(depth.astype(np.int32))  # works on every torch version, with all the arithmetic
#> tensor([ 1000, 65535], dtype=torch.int32)
# --8<-- [end:uint16_from_numpy]
