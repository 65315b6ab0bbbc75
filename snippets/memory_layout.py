"""Memory layout: strides, views, read-only arrays, and checking what is shared."""

# --8<-- [start:negative_strides]
import numpy as np
import torch

array = np.arange(4.0)
# fix: Copy first: `torch.from_numpy(array[::-1].copy())` or `np.ascontiguousarray(array[::-1])`.
torch.from_numpy(array[::-1])  # np.flip and [::-1] make negative strides
#! raises ValueError: At least one stride in the given numpy array is negative, and tensors with negative strides are not currently supported. (You can probably work around this by making a copy of your array  with array.copy().)
# fix: copy it first: torch.tensor(array[::-1].copy())
torch.tensor(array[::-1])  # the constructors that copy refuse it too
#! raises ValueError: At least one stride in the given numpy array is negative, and tensors with negative strides are not currently supported. (You can probably work around this by making a copy of your array  with array.copy().)
# fix: copy it first: torch.as_tensor(array[::-1].copy(), dtype=torch.float32)
torch.as_tensor(array[::-1], dtype=torch.float32)
#! raises ValueError: At least one stride in the given numpy array is negative, and tensors with negative strides are not currently supported. (You can probably work around this by making a copy of your array  with array.copy().)
# fix: copy it first: torch.asarray(array[::-1].copy())
torch.asarray(array[::-1], copy=True)
#! raises ValueError: At least one stride in the given numpy array is negative, and tensors with negative strides are not currently supported. (You can probably work around this by making a copy of your array  with array.copy().)
# --8<-- [end:negative_strides]

# --8<-- [start:negative_strides_fixes]
import numpy as np
import torch

array = np.arange(4.0)
copied = torch.from_numpy(array[::-1].copy())  # always works
copied
#> tensor([3., 2., 1., 0.], dtype=torch.float64)
np.shares_memory(array, copied.numpy())
#> False
contiguous = torch.from_numpy(np.ascontiguousarray(array[::-1]))  # copies when the array is not contiguous
np.shares_memory(array, contiguous.numpy())
#> False
flipped = torch.flip(torch.from_numpy(array), dims=[0])  # or flip on the torch side
flipped
#> tensor([3., 2., 1., 0.], dtype=torch.float64)
np.shares_memory(array, flipped.numpy())  # torch.flip copies too
#> False
# --8<-- [end:negative_strides_fixes]

# --8<-- [start:one_channel]
import numpy as np
import torch

gray = np.zeros((2, 2, 1), dtype=np.uint8)  # a one-channel image
reversed_channels = gray[..., ::-1]  # a no-op reversal, yet the stride is negative
fixed = np.ascontiguousarray(reversed_channels)  # a length-1 axis counts as contiguous: no copy
fixed.strides
#> (2, 1, -1)
# fix: use .copy(), which always gives positive strides: torch.from_numpy(reversed_channels.copy())
torch.from_numpy(fixed)
#! raises ValueError: At least one stride in the given numpy array is negative, and tensors with negative strides are not currently supported. (You can probably work around this by making a copy of your array  with array.copy().)
torch.from_numpy(reversed_channels.copy()).stride()
#> (2, 1, 1)
# --8<-- [end:one_channel]

# --8<-- [start:bgr_to_rgb]
import numpy as np
import torch

bgr = np.zeros((2, 2, 3), dtype=np.uint8)
bgr[..., 0] = 255  # blue, in OpenCV's channel order
rgb = np.ascontiguousarray(bgr[..., ::-1])  # reversing channels makes a negative stride; copy it
torch.from_numpy(rgb)[0, 0]
#> tensor([  0,   0, 255], dtype=torch.uint8)
np.shares_memory(bgr, rgb)
#> False
# --8<-- [end:bgr_to_rgb]

# --8<-- [start:transposed_view]
import numpy as np
import torch

array = np.arange(6).reshape(2, 3)
tensor = torch.from_numpy(array.T)  # positive strides in another order are fine: still shared
np.shares_memory(array, tensor.numpy())
#> True
tensor.stride()
#> (1, 3)
tensor.is_contiguous()
#> False
# fix: Use `.reshape(...)` instead, as the message says, or call `.contiguous()` before `.view(...)`.
tensor.view(6)
#! raises RuntimeError: view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.
# --8<-- [end:transposed_view]

# --8<-- [start:reshape_instead]
import numpy as np
import torch

array = np.arange(6).reshape(2, 3)
tensor = torch.from_numpy(array.T)
flat = tensor.reshape(6)  # reshape copies when a view is impossible
flat
#> tensor([0, 3, 1, 4, 2, 5])
np.shares_memory(array, flat.numpy())
#> False
np.shares_memory(array, tensor.contiguous().numpy())  # .contiguous() is the same copy, made explicit
#> False
# --8<-- [end:reshape_instead]

# --8<-- [start:read_only]
import numpy as np
import torch

array = np.arange(3)
array.setflags(write=False)
# fix: Convert a writable copy: `torch.from_numpy(array.copy())`, or use `torch.tensor(array)`.
torch.from_numpy(array)
#! warns UserWarning: The given NumPy array is not writable, and PyTorch does not support non-writable tensors. This means writing to this tensor will result in undefined behavior. You may want to copy the array to protect its data or make it writable before converting it to a tensor. This type of warning will be suppressed for the rest of this program.
#> tensor([0, 1, 2])
torch.from_numpy(array.copy())  # a writable copy converts quietly
#> tensor([0, 1, 2])
# --8<-- [end:read_only]

# --8<-- [start:frombuffer]
import numpy as np
import torch

array = np.frombuffer(b"\x01\x02\x03", dtype=np.uint8)  # bytes are immutable, so the array is read-only
array.flags.writeable
#> False
copied = torch.tensor(array)  # torch.tensor copies, so there is nothing to warn about
copied
#> tensor([1, 2, 3], dtype=torch.uint8)
np.shares_memory(array, copied.numpy())
#> False
# --8<-- [end:frombuffer]

# --8<-- [start:broadcast_to]
import numpy as np
import torch

row = np.broadcast_to(np.arange(3), (2, 3))  # read-only, and its first stride is 0
row.strides
#> (0, 8)
# fix: Convert a writable copy: `torch.from_numpy(array.copy())`, or use `torch.tensor(array)`.
torch.from_numpy(row)
#! warns UserWarning: The given NumPy array is not writable, and PyTorch does not support non-writable tensors. This means writing to this tensor will result in undefined behavior. You may want to copy the array to protect its data or make it writable before converting it to a tensor. This type of warning will be suppressed for the rest of this program.
#> tensor([[0, 1, 2],
#>         [0, 1, 2]])
# fix: for a read-only view from np.broadcast_to, write to a copy: row = row.copy()
row[0, 0] = 5  # NumPy itself refuses to write to it
#! raises ValueError: assignment destination is read-only
row = row.copy()  # a writable array of its own
row[0, 0] = 5
row
#> array([[5, 1, 2],
#>        [0, 1, 2]])
# --8<-- [end:broadcast_to]

# --8<-- [start:check_sharing]
import numpy as np
import torch

array = np.arange(3.0)
tensor = torch.from_numpy(array)
np.shares_memory(array, tensor.numpy())
#> True
np.shares_memory(array, torch.tensor(array).numpy())
#> False
tail = torch.from_numpy(array[1:])  # a view that starts one item in
tail.data_ptr() == array.ctypes.data  # different start addresses...
#> False
np.shares_memory(array, tail.numpy())  # ...yet the memory is shared
#> True
# --8<-- [end:check_sharing]

# --8<-- [start:packed_record]
import numpy as np
import torch

packed = np.zeros(2, dtype=[("x", "f4"), ("flag", "u1")])  # records 5 bytes apart
packed["x"].strides  # not a multiple of float32's 4 bytes
#> (5,)
# fix: copy the field first: torch.from_numpy(packed["x"].copy())
torch.from_numpy(packed["x"])
#! raises ValueError: given numpy array strides not a multiple of the element byte size. Copy the numpy array to reallocate the memory.
# fix: copy the field first: torch.tensor(packed["x"].copy())
torch.tensor(packed["x"])  # torch.tensor refuses it too
#! raises ValueError: given numpy array strides not a multiple of the element byte size. Copy the numpy array to reallocate the memory.
# fix: copy the field first: torch.from_dlpack(packed["x"].copy())
torch.from_dlpack(packed["x"])  # DLPack refuses it with its own message
#! raises BufferError: DLPack only supports strides which are a multiple of itemsize.
torch.from_dlpack(packed["x"].copy())
#> tensor([0., 0.])
torch.from_numpy(packed["x"].copy())
#> tensor([0., 0.])
# --8<-- [end:packed_record]
