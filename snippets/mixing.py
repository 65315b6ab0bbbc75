"""Mixing NumPy arrays and torch tensors in one expression: who computes it, and what comes back."""

# --8<-- [start:tensor_times_array]
# requires: numpy>=2
import warnings

import numpy as np
import torch

tensor = torch.ones(2)  # float32
array = np.ones(2)  # float64
# fix: convert the array first: tensor * torch.from_numpy(array).float()
tensor * array  # torch declines the array, so NumPy computes this and wraps the result
#! warns DeprecationWarning: __array_wrap__ must accept context and return_scalar arguments (positionally) in the future. (Deprecated NumPy 2.0)
#> tensor([1., 1.], dtype=torch.float64)
# fix: convert the array first: torch.from_numpy(array).float() * tensor
array * tensor
#! raises TypeError: unsupported operand type(s) for *: 'numpy.ndarray' and 'Tensor'
array / tensor  # the exception: torch's reflected / computes tensor.reciprocal() * array, inside torch
#> tensor([1., 1.], dtype=torch.float64)
third = np.array([1.0]) / torch.tensor([3.0])  # the reciprocal is float32: 1/3 to float32's precision
third.item()
#> 0.3333333432674408
(torch.from_numpy(np.array([1.0])) / torch.tensor([3.0])).item()  # converted first: float64's 1/3
#> 0.3333333333333333
warnings.simplefilter("always")  # show every warning, not only those raised in __main__
# fix: convert the array first: torch.from_numpy(array) / tensor
array / tensor  # the default filters hid this one: it is raised inside torch
#! warns DeprecationWarning: __array_wrap__ must accept context and return_scalar arguments (positionally) in the future. (Deprecated NumPy 2.0)
#> tensor([1., 1.], dtype=torch.float64)
# --8<-- [end:tensor_times_array]

# --8<-- [start:tensor_times_array_numpy1]
# requires: numpy<2
import numpy as np
import torch

tensor = torch.ones(2)  # float32
array = np.ones(2)  # float64
tensor * array  # the same float64 result, without the warning
#> tensor([1., 1.], dtype=torch.float64)
# fix: convert the array first: torch.from_numpy(array).float() * tensor
array * tensor
#! raises TypeError: unsupported operand type(s) for *: 'numpy.ndarray' and 'Tensor'
array / tensor  # the exception: torch's reflected / computes tensor.reciprocal() * array
#> tensor([1., 1.], dtype=torch.float64)
# --8<-- [end:tensor_times_array_numpy1]

# --8<-- [start:convert_first]
import numpy as np
import torch

tensor = torch.ones(2)
array = np.ones(2)
torch.Tensor.__array_priority__  # higher than an array's, so NumPy steps aside for a tensor
#> 1000
tensor * torch.from_numpy(array).float()  # torch computes it: float32, like the tensor
#> tensor([1., 1.])
torch.from_numpy(array).float() * tensor  # and in either order
#> tensor([1., 1.])
# --8<-- [end:convert_first]

# --8<-- [start:array_plus_tensor]
import numpy as np
import torch

array = np.ones(2)
tensor = torch.ones(2)
# fix: torch.from_numpy(array) + tensor
array + tensor
#! raises TypeError: Concatenation operation is not implemented for NumPy arrays, use np.concatenate() instead. Please do not rely on this error; it may not be given on all Python implementations.
# --8<-- [end:array_plus_tensor]

# --8<-- [start:comparisons]
import numpy as np
import torch

tensor = torch.ones(2)
array = np.ones(2)
tensor == array  # torch compares these itself
#> tensor([True, True])
tensor != np.zeros(2)  # neither side handles !=: Python falls back to identity, a plain True
#> True
tensor != array  # True again, though every element is equal: `assert tensor != array` passes
#> True
tensor != torch.from_numpy(array)  # converted first: element by element
#> tensor([False, False])
# fix: convert the array first: tensor < torch.from_numpy(array)
tensor < array
#! raises TypeError: '<' not supported between instances of 'Tensor' and 'numpy.ndarray'
tensor < torch.from_numpy(array)
#> tensor([False, False])
# --8<-- [end:comparisons]

# --8<-- [start:in_place]
# requires: numpy>=2
import numpy as np
import torch

counts = torch.ones(2, dtype=torch.int64)
original = counts
# fix: for tensor += array, convert the array first, to the tensor's dtype: tensor += torch.from_numpy(array).to(tensor.dtype)
counts += np.ones(2)  # NumPy computes counts + array: a new float64 tensor, bound to the name
#! warns DeprecationWarning: __array_wrap__ must accept context and return_scalar arguments (positionally) in the future. (Deprecated NumPy 2.0)
counts
#> tensor([2., 2.], dtype=torch.float64)
original  # the tensor itself is unchanged, so a function doing buf += delta changes nothing outside
#> tensor([1, 1])
original += torch.from_numpy(np.ones(2)).to(original.dtype)  # converted first: a true in-place add
original
#> tensor([2, 2])
# --8<-- [end:in_place]

# --8<-- [start:meta_device]
import numpy as np
import torch

tensor = torch.ones(2, device="meta")  # a tensor that is not on the CPU, like one on a GPU
# fix: for a tensor not on the CPU, convert the array to a tensor on its device: tensor * torch.from_numpy(array).to(tensor.device)
tensor * np.ones(2)  # NumPy needs the tensor's values in CPU memory
#! raises TypeError: can't convert meta device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
(tensor * torch.from_numpy(np.ones(2)).to(tensor.device)).device
#> device(type='meta')
# --8<-- [end:meta_device]

# --8<-- [start:whose_rules]
# requires: numpy>=2
import numpy as np
import torch

counts = torch.arange(3)  # int64
scale = np.ones(3, dtype=np.float32)
# fix: convert the array, and torch's rule applies: counts * torch.from_numpy(scale)
counts * scale  # NumPy's rule: int64 with float32 gives float64
#! warns DeprecationWarning: __array_wrap__ must accept context and return_scalar arguments (positionally) in the future. (Deprecated NumPy 2.0)
#> tensor([0., 1., 2.], dtype=torch.float64)
counts * torch.from_numpy(scale)  # torch's rule: int64 with float32 gives float32
#> tensor([0., 1., 2.])
# --8<-- [end:whose_rules]

# --8<-- [start:zero_d_numpy2]
# requires: numpy>=2
import numpy as np
import torch

tensor = torch.ones(2)  # float32
# fix: use a Python number (tensor * 1.5) or a tensor, and torch keeps float32
tensor * np.array(1.5)  # a 0-d float64 array: NumPy 2 promotes by dtype alone
#! warns DeprecationWarning: __array_wrap__ must accept context and return_scalar arguments (positionally) in the future. (Deprecated NumPy 2.0)
#> tensor([1.5000, 1.5000], dtype=torch.float64)
tensor * torch.tensor(1.5, dtype=torch.float64)  # torch lets a 0-d tensor keep the float32
#> tensor([1.5000, 1.5000])
torch.tensor(1.0) * torch.tensor(1.5, dtype=torch.float64)  # but two 0-d tensors promote as usual
#> tensor(1.5000, dtype=torch.float64)
# --8<-- [end:zero_d_numpy2]

# --8<-- [start:zero_d_numpy1]
# requires: numpy<2
import numpy as np
import torch

tensor = torch.ones(2)  # float32
tensor * np.array(1.5)  # NumPy 1.26 looked at the value 1.5, which fits in float32
#> tensor([1.5000, 1.5000])
# --8<-- [end:zero_d_numpy1]

# --8<-- [start:numpy_scalars]
import numpy as np
import torch

tensor = torch.ones(2)  # float32
isinstance(np.float64(1.5), float)  # a NumPy float64 scalar is a Python float
#> True
tensor * np.float64(1.5)  # so torch computes it, as with 1.5: float32
#> tensor([1.5000, 1.5000])
np.float64(1.5) * tensor
#> tensor([1.5000, 1.5000])
isinstance(np.float32(1.5), float)  # not a Python float, yet torch treats it as a number too
#> False
tensor * np.float32(1.5)
#> tensor([1.5000, 1.5000])
# fix: for a np.complex64 scalar, pass a Python complex instead: tensor * complex(scalar)
tensor * np.complex64(1j)  # but a complex64 scalar loses its imaginary part
#! warns ComplexWarning: Casting complex values to real discards the imaginary part
#> tensor([0., 0.])
tensor * complex(np.complex64(1j))  # a Python complex, like np.complex128, is kept
#> tensor([0.+1.j, 0.+1.j])
torch.ones(2, dtype=torch.float16) * np.float64(1.5)  # the scalar's float64 does not widen the tensor
#> tensor([1.5000, 1.5000], dtype=torch.float16)
# --8<-- [end:numpy_scalars]

# --8<-- [start:numpy_functions]
# requires: numpy>=2
import numpy as np
import torch

tensor = torch.tensor([0.0, 1.0])
# fix: call torch's function: torch.sin(tensor)
np.sin(tensor)  # a ufunc converts, computes in NumPy and wraps the result
#! warns DeprecationWarning: __array_wrap__ must accept context and return_scalar arguments (positionally) in the future. (Deprecated NumPy 2.0)
#> tensor([0.0000, 0.8415])
# fix: call torch's function: torch.isnan(tensor) gives a bool tensor
np.isnan(tensor)  # a bool result comes back as uint8
#! warns DeprecationWarning: __array_wrap__ must accept context and return_scalar arguments (positionally) in the future. (Deprecated NumPy 2.0)
#> tensor([0, 0], dtype=torch.uint8)
# fix: call torch's function: torch.sum(tensor), or np.sum(tensor.numpy())
np.sum(tensor)  # np.sum calls tensor.sum(axis=None, out=None): torch refuses out=None, naming axis
#! raises TypeError: sum() got an unexpected keyword argument 'axis'
# fix: call torch's function: torch.mean(tensor), or np.mean(tensor.numpy())
np.mean(tensor)  # the same for np.mean
#! raises TypeError: mean() got an unexpected keyword argument 'axis'
tensor.sum(axis=0)  # torch does accept axis= alone, as a name for dim=
#> tensor(1.)
# fix: call torch's function: torch.max(tensor), or np.max(tensor.numpy())
np.max(tensor)  # np.max, np.min and np.prod fail with another message
#! raises TypeError: max(): argument 'dim' must be int, not NoneType
torch.max(tensor)
#> tensor(1.)
np.concatenate([tensor, tensor])  # other functions convert and return a plain array
#> array([0., 1., 0., 1.], dtype=float32)
np.nonzero(tensor)  # and a few return torch's own result: tensor.nonzero(), not NumPy's tuple
#> tensor([[1]])
torch.sin(tensor)
#> tensor([0.0000, 0.8415])
torch.sum(tensor)
#> tensor(1.)
torch.isnan(tensor)
#> tensor([False, False])
# --8<-- [end:numpy_functions]

# --8<-- [start:np_array]
# requires: numpy>=2
import numpy as np
import torch

tensor = torch.arange(3.0)
# fix: for plain np.array(tensor) (NumPy 2.1 and later warn; 2.0 does not), use tensor.numpy() to share, or tensor.numpy().copy() for a copy
copied = np.array(tensor)
#! warns DeprecationWarning: __array__ implementation doesn't accept a copy keyword, so passing copy=False failed. __array__ must implement 'dtype' and 'copy' keyword arguments. To learn more, see the migration guide https://numpy.org/devdocs/numpy_2_0_migration_guide.html#adapting-to-changes-in-the-copy-keyword
np.shares_memory(copied, tensor.numpy())
#> False
np.shares_memory(np.asarray(tensor), tensor.numpy())  # asarray: no warning, and it shares
#> True
# --8<-- [end:np_array]

# --8<-- [start:np_array_numpy1]
# requires: numpy<2
import numpy as np
import torch

tensor = torch.arange(3.0)
copied = np.array(tensor)  # no warning with NumPy 1.26
np.shares_memory(copied, tensor.numpy())
#> False
# --8<-- [end:np_array_numpy1]

# --8<-- [start:autograd]
import numpy as np
import torch

weights = torch.ones(2, requires_grad=True)
array = np.ones(2, dtype=np.float32)
# fix: torch.from_numpy(array) * weights keeps the graph
weights * array  # NumPy would need the values, and .numpy() refuses a tensor that requires grad
#! raises RuntimeError: Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.
product = weights * torch.from_numpy(array)
product.requires_grad
#> True
product.sum().backward()
weights.grad
#> tensor([1., 1.])
with torch.no_grad():
    values = weights.numpy()  # with grad mode off, .numpy() does not refuse

values.dtype
#> dtype('float32')
# --8<-- [end:autograd]

# --8<-- [start:no_history]
import numpy as np
import torch

weights = torch.ones(2, requires_grad=True)
values = np.exp(weights.detach().numpy())  # NumPy computes: nothing is recorded
torch.from_numpy(values).requires_grad
#> False
torch.exp(weights).requires_grad  # torch computes: the graph goes on
#> True
# --8<-- [end:no_history]

# --8<-- [start:warning_in_a_module]
import sys
from pathlib import Path

import torch

source = "import numpy as np\n\n\ndef scale(tensor):\n    return tensor * np.ones(2)\n"
Path("scaling.py").write_text(source)  # a module of your own; write_text returns the length
#> 71
sys.path.insert(0, ".")
import scaling

scaling.scale(torch.ones(2))  # float64 and no warning: the multiplication is in a module, not in __main__
#> tensor([1., 1.], dtype=torch.float64)
# --8<-- [end:warning_in_a_module]

# --8<-- [start:torch_function_array_argument]
import numpy as np
import torch

features = torch.ones(2)
weights = np.full(2, 0.5, dtype=np.float32)
# fix: convert the array first: `features.mul(torch.from_numpy(weights))`
features.mul(weights)
#! raises TypeError: mul(): argument 'other' (position 1) must be Tensor, not numpy.ndarray
# fix: the same for every torch function: `torch.matmul(features, torch.from_numpy(weights))`
torch.matmul(features, weights)
#! raises TypeError: matmul(): argument 'other' (position 2) must be Tensor, not numpy.ndarray
features.mul(torch.from_numpy(weights))
#> tensor([0.5000, 0.5000])
torch.matmul(features, torch.from_numpy(weights))
#> tensor(1.)
# --8<-- [end:torch_function_array_argument]

# --8<-- [start:numpy_numbers_as_sizes]
import numpy as np
import torch
import torch.nn.functional as F

image = torch.ones(1, 1, 2, 2)
side = np.int64(3)  # from an array's shape or np.argmax, say
F.interpolate(image, size=(side, side)).shape  # NumPy integers are accepted
#> torch.Size([1, 1, 3, 3])
height = np.round(2 * np.float64(1.5))  # NumPy arithmetic gives NumPy floats, even for whole numbers
type(height)
#> <class 'numpy.float64'>
# fix: convert to a Python int: `size=(int(height), int(height))`
F.interpolate(image, size=(height, height))
#! raises TypeError: expected size to be one of int or Tuple[int] or Tuple[int, int] or Tuple[int, int, int], but got size with types [<class 'numpy.float64'>, <class 'numpy.float64'>]
F.interpolate(image, size=(int(height), int(height))).shape
#> torch.Size([1, 1, 3, 3])
hidden = np.float64(6) / 2  # a division gives a float, whole or not
# fix: use integer division (`//`) or `int(...)`: `torch.nn.Linear(int(hidden), 1)`
torch.nn.Linear(hidden, 1)
#! raises TypeError: empty(): argument 'size' failed to unpack the object at pos 2 with error "type must be tuple of ints,but got numpy.float64"
torch.nn.Linear(int(hidden), 1)
#> Linear(in_features=3, out_features=1, bias=True)
# fix: `.tolist()` gives Python ints, which torch takes anywhere
torch.zeros(np.array([2, 3]))  # a shape held in an array
#! raises TypeError: zeros(): argument 'size' (position 1) must be tuple of ints, not numpy.ndarray
torch.zeros(np.array([2, 3]).tolist()).shape
#> torch.Size([2, 3])
# --8<-- [end:numpy_numbers_as_sizes]

# --8<-- [start:split_numpy_integer]
import numpy as np
import torch

batch = torch.arange(6)
size = np.int64(2)  # a size computed with NumPy: len(array) // 3, say
# fix: convert to a Python int: `batch.split(int(size))` (a NumPy integer is not an `int` to `split`)
batch.split(size)
#! raises TypeError: split_with_sizes(): argument 'split_sizes' (position 2) must be tuple of ints, not numpy.int64
batch.split(int(size))
#> (tensor([0, 1]), tensor([2, 3]), tensor([4, 5]))
# fix: the same for torch.split: `torch.split(batch, int(size))`
torch.split(batch, size)
#! raises TypeError: split_with_sizes(): argument 'split_sizes' (position 2) must be tuple of ints, not numpy.int64
batch.split([size, size, size])  # a list of NumPy integers is taken
#> (tensor([0, 1]), tensor([2, 3]), tensor([4, 5]))
batch.chunk(np.int64(3))  # and chunk takes a NumPy integer
#> (tensor([0, 1]), tensor([2, 3]), tensor([4, 5]))
# --8<-- [end:split_numpy_integer]

# --8<-- [start:numpy_shuffle_tensor]
import numpy as np
import torch

rng = np.random.default_rng(0)
values = torch.arange(6)
# fix: index with a permutation: `values[torch.from_numpy(rng.permutation(len(values)))]`
rng.shuffle(values)  # swaps rows through views of the tensor: values get lost
#! warns UserWarning: you are shuffling a 'Tensor' object which is not a subclass of 'Sequence'; `shuffle` is not guaranteed to behave correctly. E.g., non-numpy array/tensor objects with view semantics may contain duplicates after shuffling.
values  # duplicates, and some values are gone
#> tensor([0, 1, 1, 0, 0, 1])
import random

values = torch.arange(6)
random.Random(0).shuffle(values)  # Python's own shuffle swaps the same way, without a warning
values
#> tensor([0, 1, 1, 0, 3, 3])
values = torch.arange(6)
shuffled = values[torch.from_numpy(rng.permutation(len(values)))]  # a new tensor, every value once
shuffled.sort().values
#> tensor([0, 1, 2, 3, 4, 5])
generator = torch.Generator().manual_seed(0)
values[torch.randperm(len(values), generator=generator)].sort().values  # the same with torch's generator
#> tensor([0, 1, 2, 3, 4, 5])
# --8<-- [end:numpy_shuffle_tensor]

# --8<-- [start:loss_through_numpy]
import numpy as np
import torch

model = torch.nn.Linear(2, 1)
predictions = model(torch.ones(4, 2))
errors = predictions.detach().numpy() - 1.0  # NumPy needs the values, so the graph ends here
loss = torch.tensor(np.mean(errors**2))  # a new tensor, with no history
# fix: compute the loss with torch operations: `((predictions - 1.0) ** 2).mean()`
loss.backward()
#! raises RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn
loss = torch.tensor(np.mean(errors**2), requires_grad=True)  # the usual workaround: no error...
loss.backward()
model.weight.grad is None  # ...and no gradient for the model either: it never learns
#> True
loss = ((predictions - 1.0) ** 2).mean()  # torch operations keep the graph
loss.backward()
model.weight.grad is None
#> False
# --8<-- [end:loss_through_numpy]
