"""Which conversions copy: checked by comparing memory, on arrays the size of those in the chart."""

# --8<-- [start:zero_copy_at_scale]
import numpy as np
import torch

array = np.ones(10_000_000, dtype=np.float32)  # 40 MB
tensor = torch.from_numpy(array)
tensor.data_ptr() == array.ctypes.data  # the same buffer: nothing was copied
#> True
back = tensor.numpy()
np.shares_memory(back, array)
#> True
np.shares_memory(torch.tensor(array).numpy(), array)  # torch.tensor copies all 40 MB
#> False
# --8<-- [end:zero_copy_at_scale]

# --8<-- [start:dtype_change_copies]
import torch

tensor = torch.ones(1_000_000)
tensor.to(torch.float32) is tensor  # already float32: the tensor itself, no copy
#> True
tensor.to(torch.float64).data_ptr() == tensor.data_ptr()  # a new 8 MB buffer
#> False
# --8<-- [end:dtype_change_copies]
