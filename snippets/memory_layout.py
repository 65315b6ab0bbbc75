"""Memory layout: strides, views, read-only arrays, and checking what is shared."""

# --8<-- [start:negative_strides]
import numpy as np
import torch

array = np.arange(4.0)
# fix: Copy first: `torch.from_numpy(array[::-1].copy())` or `np.ascontiguousarray(array[::-1])`.
torch.from_numpy(array[::-1])  # np.flip and [::-1] make negative strides
#! raises ValueError: At least one stride in the given numpy array is negative, and tensors with negative strides are not currently supported. (You can probably work around this by making a copy of your array  with array.copy().)
# --8<-- [end:negative_strides]

# --8<-- [start:negative_strides_fixes]
import numpy as np
import torch

array = np.arange(4.0)
torch.from_numpy(array[::-1].copy())
#> tensor([3., 2., 1., 0.], dtype=torch.float64)
torch.from_numpy(np.ascontiguousarray(array[::-1]))
#> tensor([3., 2., 1., 0.], dtype=torch.float64)
torch.flip(torch.from_numpy(array), dims=[0])  # or flip on the torch side
#> tensor([3., 2., 1., 0.], dtype=torch.float64)
# --8<-- [end:negative_strides_fixes]

# --8<-- [start:bgr_to_rgb]
import numpy as np
import torch

bgr = np.zeros((2, 2, 3), dtype=np.uint8)
bgr[..., 0] = 255  # blue, in OpenCV's channel order
rgb = np.ascontiguousarray(bgr[..., ::-1])  # reversing channels makes a negative stride; copy it
torch.from_numpy(rgb)[0, 0]
#> tensor([  0,   0, 255], dtype=torch.uint8)
# --8<-- [end:bgr_to_rgb]

# --8<-- [start:transposed_view]
import numpy as np
import torch

array = np.arange(6).reshape(2, 3)
tensor = torch.from_numpy(array.T)  # positive strides in another order are fine: still shared
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

tensor = torch.from_numpy(np.arange(6).reshape(2, 3).T)
tensor.reshape(6)  # reshape copies when a view is impossible
#> tensor([0, 3, 1, 4, 2, 5])
tensor.contiguous().view(6)
#> tensor([0, 3, 1, 4, 2, 5])
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
torch.tensor(array)  # torch.tensor copies, so there is nothing to warn about
#> tensor([1, 2, 3], dtype=torch.uint8)
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
# --8<-- [end:broadcast_to]

# --8<-- [start:check_sharing]
import numpy as np
import torch

array = np.arange(3.0)
tensor = torch.from_numpy(array)
np.shares_memory(array, tensor.numpy())
#> True
tensor.data_ptr() == array.ctypes.data
#> True
np.shares_memory(array, torch.tensor(array).numpy())
#> False
# --8<-- [end:check_sharing]
