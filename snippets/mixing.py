"""Mixing NumPy arrays and torch tensors in one expression: who computes it, and what comes back."""

# --8<-- [start:tensor_times_array]
# requires: numpy>=2
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
array / tensor  # the exception: torch's reflected / computes tensor.reciprocal() * array, inside torch: no warning shown
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
