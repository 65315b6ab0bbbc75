"""NumPy to PyTorch: getting an array into a tensor, and choosing its dtype."""

# --8<-- [start:from_numpy]
import numpy as np
import torch

array = np.eye(3)  # NumPy's default float is float64
tensor = torch.from_numpy(array)
tensor
#> tensor([[1., 0., 0.],
#>         [0., 1., 0.],
#>         [0., 0., 1.]], dtype=torch.float64)
tensor.dtype
#> torch.float64
# --8<-- [end:from_numpy]

# --8<-- [start:from_numpy_shares_memory]
import numpy as np
import torch

array = np.zeros(3)
tensor = torch.from_numpy(array)
array[0] = 7.0  # change the array...
tensor  # ...and the tensor sees it: they share one buffer
#> tensor([7., 0., 0.], dtype=torch.float64)
tensor[1] = -1.0  # it works the other way round too
array
#> array([ 7., -1.,  0.])
# --8<-- [end:from_numpy_shares_memory]

# --8<-- [start:tensor_copies]
import numpy as np
import torch

array = np.zeros(3)
copied = torch.tensor(array)  # torch.tensor always copies
array[0] = 7.0
copied
#> tensor([0., 0., 0.], dtype=torch.float64)
# --8<-- [end:tensor_copies]

# --8<-- [start:default_dtypes]
import numpy as np
import torch

np.ones(2).dtype
#> dtype('float64')
torch.ones(2).dtype
#> torch.float32
torch.from_numpy(np.ones(2)).dtype  # from_numpy keeps NumPy's float64
#> torch.float64
# --8<-- [end:default_dtypes]

# --8<-- [start:type_float32]
import numpy as np
import torch

tensor = torch.from_numpy(np.eye(3)).type(torch.float32)
tensor  # float32 is torch's default dtype, so the repr shows no dtype=
#> tensor([[1., 0., 0.],
#>         [0., 1., 0.],
#>         [0., 0., 1.]])
tensor.dtype
#> torch.float32
# --8<-- [end:type_float32]

# --8<-- [start:to_float32]
import numpy as np
import torch

float64_tensor = torch.from_numpy(np.eye(2))
float64_tensor.to(torch.float32)
#> tensor([[1., 0.],
#>         [0., 1.]])
float64_tensor.float()  # shorthand for .to(torch.float32)
#> tensor([[1., 0.],
#>         [0., 1.]])
float64_tensor.to(torch.float64) is float64_tensor  # no change needed: the same tensor comes back
#> True
# --8<-- [end:to_float32]

# --8<-- [start:same_or_copy]
import torch

float64_tensor = torch.ones(2, dtype=torch.float64)
float64_tensor.double() is float64_tensor  # already float64: the same tensor
#> True
float64_tensor.type(torch.float64) is float64_tensor
#> True
float64_tensor.float() is float64_tensor  # a conversion: a new tensor with its own memory
#> False
float64_tensor.double().data_ptr() == float64_tensor.data_ptr()
#> True
# --8<-- [end:same_or_copy]

# --8<-- [start:float64_meets_float32]
import numpy as np
import torch

weights = torch.ones(3, 2)  # float32, like every nn.Module's parameters
batch = torch.from_numpy(np.ones((4, 3)))  # float64, from NumPy
# fix: Cast one side so the dtypes match, usually the NumPy data: `batch.float() @ weights`.
batch @ weights
#! raises RuntimeError: expected m1 and m2 to have the same dtype, but got: double != float
batch.float() @ weights
#> tensor([[3., 3.],
#>         [3., 3.],
#>         [3., 3.],
#>         [3., 3.]])
# --8<-- [end:float64_meets_float32]

# --8<-- [start:as_tensor]
import numpy as np
import torch

array = np.arange(3.0)
shared = torch.as_tensor(array)  # same dtype and device: shares, like from_numpy
converted = torch.as_tensor(array, dtype=torch.float32)  # a dtype change forces a copy
array[0] = 7.0
shared
#> tensor([7., 1., 2.], dtype=torch.float64)
converted
#> tensor([0., 1., 2.])
# --8<-- [end:as_tensor]

# --8<-- [start:asarray_copy]
import numpy as np
import torch

array = np.arange(3.0)
torch.asarray(array, copy=False)  # share, or raise if sharing is impossible
#> tensor([0., 1., 2.], dtype=torch.float64)
# fix: Drop `copy=False`, or ask for the array's own dtype.
torch.asarray(array, dtype=torch.float32, copy=False)
#! raises ValueError: can't alias tensor with dtype 'Double' into dtype 'Float'.
# --8<-- [end:asarray_copy]

# --8<-- [start:asarray_copy_none]
import numpy as np
import torch

array = np.arange(3.0)
torch.asarray(array).data_ptr() == array.ctypes.data  # copy=None, the default: share when possible
#> True
torch.asarray(array, dtype=torch.float32).data_ptr() == array.ctypes.data  # and copy when not
#> False
# --8<-- [end:asarray_copy_none]

# --8<-- [start:asarray_copy_true]
import numpy as np
import torch

array = np.arange(3.0)
copied = torch.asarray(array, copy=True)  # always a copy
array[0] = 7.0
copied
#> tensor([0., 1., 2.], dtype=torch.float64)
# --8<-- [end:asarray_copy_true]
