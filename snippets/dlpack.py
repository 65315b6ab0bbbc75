"""DLPack: zero-copy exchange in both directions, and where it stops."""

# --8<-- [start:both_ways]
import numpy as np
import torch

array = np.arange(3.0)
tensor = torch.from_dlpack(array)  # NumPy arrays export DLPack directly
back = np.from_dlpack(tensor)
array[0] = 7.0
tensor
#> tensor([7., 1., 2.], dtype=torch.float64)
back
#> array([7., 1., 2.])
# --8<-- [end:both_ways]

# --8<-- [start:read_only_numpy1]
# requires: numpy<2
import numpy as np
import torch

tensor = torch.zeros(2)
array = np.from_dlpack(tensor)  # NumPy 2.1 and earlier mark the result read-only
array.flags.writeable
#> False
# fix: for np.from_dlpack(tensor) on NumPy 2.1 and earlier, take a writable view with tensor.numpy(), or write through the tensor
array[0] = 1.0
#! raises ValueError: assignment destination is read-only
tensor[0] = 1.0  # the memory is still shared
array
#> array([1., 0.], dtype=float32)
tensor.numpy().flags.writeable  # the writable view of the same memory
#> True
# --8<-- [end:read_only_numpy1]

# --8<-- [start:requires_grad]
import numpy as np
import torch

weights = torch.ones(2, requires_grad=True)
# fix: Detach first: `np.from_dlpack(tensor.detach())`.
np.from_dlpack(weights)
#! raises BufferError: Can't export tensors that require gradient, use tensor.detach()
np.from_dlpack(weights.detach())
#> array([1., 1.], dtype=float32)
# --8<-- [end:requires_grad]

# --8<-- [start:bfloat16]
import numpy as np
import torch

# fix: Cast to a dtype NumPy has first, e.g. `np.from_dlpack(tensor.float())`.
np.from_dlpack(torch.ones(2, dtype=torch.bfloat16))
#! raises RuntimeError: Unsupported dtype in DLTensor.
# --8<-- [end:bfloat16]
