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

# --8<-- [start:numpy_scalar]
import numpy as np
import torch

total = np.ones(3).sum()  # a reduction gives a NumPy scalar, not an array
type(total)
#> <class 'numpy.float64'>
# fix: use torch.tensor(total) or torch.as_tensor(total) for a scalar
torch.from_numpy(total)
#! raises TypeError: expected np.ndarray (got numpy.float64)
torch.tensor(total)
#> tensor(3., dtype=torch.float64)
# --8<-- [end:numpy_scalar]

# --8<-- [start:tensor_copies]
import numpy as np
import torch

array = np.zeros(3)
copied = torch.tensor(array)  # torch.tensor always copies
np.shares_memory(array, copied.numpy())
#> False
array[0] = 7.0
copied
#> tensor([0., 0., 0.], dtype=torch.float64)
# fix: copy the reversed array with NumPy first: torch.tensor(array[::-1].copy())
torch.tensor(array[::-1])  # yet it refuses a negative stride instead of copying
#! raises ValueError: At least one stride in the given numpy array is negative, and tensors with negative strides are not currently supported. (You can probably work around this by making a copy of your array  with array.copy().)
# fix: copy the reversed array with NumPy first: torch.as_tensor(array[::-1].copy())
torch.as_tensor(array[::-1])  # so does torch.as_tensor
#! raises ValueError: At least one stride in the given numpy array is negative, and tensors with negative strides are not currently supported. (You can probably work around this by making a copy of your array  with array.copy().)
# fix: copy the reversed array with NumPy first: torch.asarray(array[::-1].copy())
torch.asarray(array[::-1], copy=True)  # and torch.asarray, even when told to copy
#! raises ValueError: At least one stride in the given numpy array is negative, and tensors with negative strides are not currently supported. (You can probably work around this by making a copy of your array  with array.copy().)
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

tensor = torch.from_numpy(np.eye(3)).to(torch.float32)  # or .float(), or the older .type(torch.float32)
tensor  # float32 is torch's default dtype, so the repr shows no dtype=
#> tensor([[1., 0., 0.],
#>         [0., 1., 0.],
#>         [0., 0., 1.]])
tensor.dtype
#> torch.float32
# --8<-- [end:type_float32]

# --8<-- [start:same_or_copy]
import numpy as np
import torch

float64_tensor = torch.ones(2, dtype=torch.float64)
float64_tensor.to(torch.float64) is float64_tensor  # already float64: the same tensor
#> True
float64_tensor.double() is float64_tensor
#> True
float64_tensor.type(torch.float64) is float64_tensor
#> True
float64_tensor.float() is float64_tensor  # a conversion: a new tensor
#> False
np.shares_memory(float64_tensor.float().numpy(), float64_tensor.numpy())  # with its own memory
#> False
array = np.zeros(3, dtype=np.float32)
same = torch.from_numpy(array).float()  # already float32: still the array's memory
array[0] = 7.0
same
#> tensor([7., 0., 0.])
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
model = torch.nn.Linear(3, 2)  # an nn.Module's parameters are float32 by default
# fix: convert the batch once, where it enters the model: model(batch.float())
model(batch)
#! raises RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
model(batch.float()).dtype
#> torch.float32
conv = torch.nn.Conv2d(1, 1, kernel_size=1)
images = torch.from_numpy(np.ones((1, 1, 2, 2)))  # float64 images, from NumPy
# fix: convert the images once: conv(images.float())
conv(images)
#! raises RuntimeError: Input type (double) and bias type (float) should be the same
(batch * weights[:, 0]).dtype  # element-wise operations do not fail: they promote to float64
#> torch.float64
labels = torch.from_numpy(np.array([0, 1], dtype=np.int32))  # class labels must be int64
# fix: convert the labels once: labels.long()
torch.nn.functional.cross_entropy(torch.zeros(2, 3), labels)
#! raises RuntimeError: expected target dtype to be Long or Byte, but got Int
# --8<-- [end:float64_meets_float32]

# --8<-- [start:as_tensor]
import numpy as np
import torch

array = np.arange(3.0)
shared = torch.as_tensor(array)  # same dtype and device: shares, like from_numpy
converted = torch.as_tensor(array, dtype=torch.float32)  # a dtype change forces a copy
np.shares_memory(array, converted.numpy())
#> False
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
shared = torch.asarray(array, copy=False)  # share, or raise if sharing is impossible
np.shares_memory(array, shared.numpy())
#> True
# fix: Drop `copy=False`, or ask for the array's own dtype.
torch.asarray(array, dtype=torch.float32, copy=False)
#! raises ValueError: can't alias tensor with dtype 'Double' into dtype 'Float'.
# --8<-- [end:asarray_copy]

# --8<-- [start:asarray_copy_none]
import numpy as np
import torch

array = np.arange(3.0)
np.shares_memory(array, torch.asarray(array).numpy())  # copy=None, the default: share when possible
#> True
np.shares_memory(array, torch.asarray(array, dtype=torch.float32).numpy())  # and copy when not
#> False
# --8<-- [end:asarray_copy_none]

# --8<-- [start:asarray_copy_true]
import numpy as np
import torch

array = np.arange(3.0)
copied = torch.asarray(array, copy=True)  # a copy, even where sharing was possible
np.shares_memory(array, copied.numpy())
#> False
array[0] = 7.0
copied
#> tensor([0., 1., 2.], dtype=torch.float64)
# --8<-- [end:asarray_copy_true]

# --8<-- [start:already_a_tensor]
import numpy as np
import torch

batch = torch.ones(2)  # code written for arrays, handed a tensor (a DataLoader batch, say)
# fix: `torch.as_tensor(batch)` takes an array or a tensor
torch.from_numpy(batch)
#! raises TypeError: expected np.ndarray (got Tensor)
# fix: `torch.as_tensor(batch)`, or `batch.detach().clone()` for a copy
torch.tensor(batch)
#! warns UserWarning: To copy construct from a tensor, it is recommended to use sourceTensor.detach().clone() or sourceTensor.detach().clone().requires_grad_(True), rather than torch.tensor(sourceTensor).
#> tensor([1., 1.])
torch.as_tensor(batch) is batch  # a tensor already: returned as it is, nothing copied
#> True
torch.as_tensor(np.ones(2), dtype=torch.float32)  # an array: converted, as from_numpy would
#> tensor([1., 1.])
batch.detach().clone()  # a copy, when you want one
#> tensor([1., 1.])
# --8<-- [end:already_a_tensor]

# --8<-- [start:stack_mixed]
import numpy as np
import torch

images = [torch.zeros(2), torch.zeros(2), np.zeros(2, dtype=np.float32)]  # one sample missed its transform
# fix: convert every element first: `torch.stack([torch.as_tensor(x) for x in images])`
torch.stack(images)
#! raises TypeError: expected Tensor as element 2 in argument 0, but got numpy.ndarray
# fix: the same for torch.cat: `torch.cat([torch.as_tensor(x) for x in images])`
torch.cat(images)
#! raises TypeError: expected Tensor as element 2 in argument 0, but got numpy.ndarray
torch.stack([torch.as_tensor(image) for image in images])
#> tensor([[0., 0.],
#>         [0., 0.],
#>         [0., 0.]])
# --8<-- [end:stack_mixed]
