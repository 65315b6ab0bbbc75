"""NumPy habits on tensors and torch habits on arrays: the messages they give, their fixes,
and what each NumPy name's torch counterpart does to memory."""

# --8<-- [start:astype]
import numpy as np
import torch

boxes = torch.tensor([[0.5, 1.5], [2.5, 3.5]])
# fix: Use `.to(dtype)` (or `.long()`, `.float()`) on a tensor: `boxes.to(torch.int64)`; `astype` is NumPy's.
boxes.astype(np.int64)
#! raises AttributeError: 'Tensor' object has no attribute 'astype'
boxes.to(torch.int64)  # truncates towards zero, as astype does
#> tensor([[0, 1],
#>         [2, 3]])
boxes.long()  # the same conversion, by its short name
#> tensor([[0, 1],
#>         [2, 3]])
boxes.numpy().astype(np.int64)  # or leave torch first, where NumPy code follows
#> array([[0, 1],
#>        [2, 3]])
# --8<-- [end:astype]

# --8<-- [start:astype_numpy_dtype]
import numpy as np
import torch

boxes = torch.tensor([0.5, 1.5])
try:  # torch lists every signature of .to(); the first line says what went wrong
    boxes.to(np.int64)
except TypeError as error:
    print(str(error).splitlines()[0])
#> to() received an invalid combination of arguments - got (type), but expected one of:

boxes.to(torch.int64)
#> tensor([0, 1])
# --8<-- [end:astype_numpy_dtype]

# --8<-- [start:module_input]
import numpy as np
import torch

_ = torch.manual_seed(0)  # manual_seed returns the generator; _ keeps it from showing
layer = torch.nn.Linear(3, 1)
features = np.ones((2, 3), dtype=np.float32)
# fix: Convert the array first: `layer(torch.from_numpy(features))`.
layer(features)
#! raises TypeError: linear(): argument 'input' (position 1) must be Tensor, not numpy.ndarray
layer(torch.from_numpy(features))
#> tensor([[-0.5947],
#>         [-0.5947]], grad_fn=<AddmmBackward0>)
# --8<-- [end:module_input]

# --8<-- [start:conv_input]
import numpy as np
import torch

_ = torch.manual_seed(0)  # manual_seed returns the generator; _ keeps it from showing
conv = torch.nn.Conv2d(1, 1, kernel_size=3)
image = np.zeros((1, 1, 4, 4), dtype=np.float32)
try:  # conv2d's message goes on to list both signatures, marking every argument
    conv(image)
except TypeError as error:
    print(str(error).splitlines()[0])
#> conv2d() received an invalid combination of arguments - got (numpy.ndarray, Parameter, Parameter, tuple, tuple, tuple, int), but expected one of:

conv(torch.from_numpy(image)).shape
#> torch.Size([1, 1, 2, 2])
# --8<-- [end:conv_input]

# --8<-- [start:assign]
import numpy as np
import torch

buffer = torch.zeros(3)
row = np.array([1.0, 2.0])
# fix: Convert the right-hand side: `buffer[:2] = torch.from_numpy(row)`.
buffer[:2] = row
#! raises TypeError: can't assign a numpy.ndarray to a torch.FloatTensor
buffer[:2] = torch.from_numpy(row)  # float64 values are cast to the tensor's float32
buffer[2] = 3  # a Python number is fine
buffer
#> tensor([1., 2., 3.])
# fix: Convert the argument: `buffer.copy_(torch.from_numpy(values))`.
buffer.copy_(np.array([4.0, 5.0, 6.0]))
#! raises TypeError: copy_(): argument 'other' (position 1) must be Tensor, not numpy.ndarray
buffer.copy_(torch.from_numpy(np.array([4.0, 5.0, 6.0])))
#> tensor([4., 5., 6.])
# --8<-- [end:assign]

# --8<-- [start:copy]
import torch

weights = torch.ones(3)
# fix: Use `.clone()`: `weights.clone()` (and `.detach().clone()` for a copy outside autograd).
weights.copy()
#! raises AttributeError: 'Tensor' object has no attribute 'copy'
snapshot = weights.clone()
weights += 1
snapshot  # the clone kept the old values
#> tensor([1., 1., 1.])
snapshot.data_ptr() == weights.data_ptr()
#> False
tracked = torch.ones(2, requires_grad=True)
tracked.clone()  # clone is part of the graph
#> tensor([1., 1.], grad_fn=<CloneBackward0>)
tracked.detach().clone().requires_grad  # a copy outside it
#> False
# --8<-- [end:copy]

# --8<-- [start:size]
import numpy as np
import torch

array = np.zeros((2, 3))
tensor = torch.zeros(2, 3)
# fix: On an array, `.size` is an attribute: `array.size`; for the shape, `array.shape`.
array.size()
#! raises TypeError: 'int' object is not callable
array.size  # NumPy: the number of elements, an int
#> 6
tensor.size()  # torch: a method that returns the shape
#> torch.Size([2, 3])
tensor.numel()  # torch's count of elements
#> 6
array.shape, tensor.shape  # .shape works on both
#> ((2, 3), torch.Size([2, 3]))
# --8<-- [end:size]

# --8<-- [start:transpose]
import numpy as np
import torch

batch = torch.zeros(2, 3, 4)
np.zeros((2, 3, 4)).T.shape  # NumPy reverses every dimension, silently
#> (4, 3, 2)
# fix: Say what you mean: `batch.mT` transposes a batch of matrices, `batch.permute(2, 1, 0)` reverses every dimension.
batch.T.shape  # torch reverses them too, and warns
#! warns UserWarning: The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated and it will throw an error in a future release. Consider `x.mT` to transpose batches of matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a tensor.
#> torch.Size([4, 3, 2])
batch.T.shape  # torch gives this warning once per process: the second time, nothing
#> torch.Size([4, 3, 2])
batch.mT.shape
#> torch.Size([2, 4, 3])
batch.permute(2, 1, 0).shape
#> torch.Size([4, 3, 2])
# --8<-- [end:transpose]

# --8<-- [start:transpose_other_dims]
import torch

vector = torch.arange(3)
# fix: Drop `.T` on a 1-D tensor, which it leaves as it is; for a column, use `vector.unsqueeze(1)`.
vector.T  # one dimension: the same warning, and the same tensor
#! warns UserWarning: The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated and it will throw an error in a future release. Consider `x.mT` to transpose batches of matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a tensor.
#> tensor([0, 1, 2])
vector.unsqueeze(1).shape
#> torch.Size([3, 1])
# fix: Drop `.T` on a 0-D tensor: it returns the tensor as it is.
torch.tensor(5.0).T  # no dimensions: a warning of its own
#! warns UserWarning: Tensor.T is deprecated on 0-D tensors. This function is the identity in these cases.
#> tensor(5.)
# --8<-- [end:transpose_other_dims]

# --8<-- [start:concatenate]
import numpy as np
import torch

arrays = [np.ones(2), np.zeros(2)]
# fix: Join arrays with NumPy, then convert once: `torch.from_numpy(np.concatenate(arrays))`.
torch.cat(arrays)
#! raises TypeError: expected Tensor as element 0 in argument 0, but got numpy.ndarray
torch.from_numpy(np.concatenate(arrays))
#> tensor([1., 1., 0., 0.], dtype=torch.float64)
rows = torch.arange(6).reshape(2, 3)
np.concatenate(rows.numpy())  # NumPy iterates over the first axis of an array
#> array([0, 1, 2, 3, 4, 5])
# fix: Give `torch.cat` a sequence: `torch.cat(tuple(rows))`, or use `rows.flatten()`.
torch.cat(rows)
#! raises TypeError: cat(): argument 'tensors' (position 1) must be tuple of Tensors, not Tensor
torch.cat(tuple(rows))
#> tensor([0, 1, 2, 3, 4, 5])
tensors = [torch.ones(2), torch.zeros(2)]
np.concatenate(tensors)  # NumPy converts each tensor: the result is an array, float32
#> array([1., 1., 0., 0.], dtype=float32)
weights = [torch.ones(2, requires_grad=True)]
# fix: Use `torch.cat(weights)`, which keeps the graph (or detach first: `np.concatenate([w.detach().numpy() for w in weights])`).
np.concatenate(weights)
#! raises RuntimeError: Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.
torch.cat(weights)
#> tensor([1., 1.], grad_fn=<CatBackward0>)
# --8<-- [end:concatenate]

# --8<-- [start:array_methods]
import numpy as np
import torch

spectrum = np.zeros((3, 4), dtype=np.float32)
# fix: Convert first: `torch.from_numpy(spectrum).unsqueeze(0)`, or stay in NumPy: `spectrum[np.newaxis]`.
spectrum.unsqueeze(0)
#! raises AttributeError: 'numpy.ndarray' object has no attribute 'unsqueeze'
torch.from_numpy(spectrum).unsqueeze(0).shape
#> torch.Size([1, 3, 4])
spectrum[np.newaxis].shape  # NumPy's own way, still an array
#> (1, 3, 4)
np.expand_dims(spectrum, 0).shape
#> (1, 3, 4)
# --8<-- [end:array_methods]

# --8<-- [start:flip]
import torch

row = torch.tensor([[1, 2, 3]])
# fix: Give a tuple of dimensions: `torch.flip(row, (1,))`, or use the method: `row.flip(1)`.
torch.flip(row, 1)
#! raises TypeError: flip(): argument 'dims' (position 2) must be tuple of ints, not int
torch.flip(row, (1,))
#> tensor([[3, 2, 1]])
# fix: torch has no negative steps: flip instead, `row.flip(1)` (a copy).
row[:, ::-1]  # NumPy's way to flip
#! raises ValueError: step must be greater than zero
row.flip(1)  # the method takes separate ints too
#> tensor([[3, 2, 1]])
# --8<-- [end:flip]

# --8<-- [start:repeat]
import numpy as np
import torch

pair = torch.tensor([[5, 2]])
np.repeat(pair.numpy(), 2, axis=0)  # NumPy: each row twice, along axis 0
#> array([[5, 2],
#>        [5, 2]])
pair.repeat(2, 0)  # torch: counts per dimension, so 0 copies of dimension 1: empty
#> tensor([], size=(2, 0), dtype=torch.int64)
pair.repeat(2, 1)  # two copies along dimension 0, one along dimension 1: NumPy's tile
#> tensor([[5, 2],
#>         [5, 2]])
torch.repeat_interleave(pair, 2, dim=0)  # NumPy's repeat
#> tensor([[5, 2],
#>         [5, 2]])
np.repeat(np.array([1, 2]), 2), torch.repeat_interleave(torch.tensor([1, 2]), 2)
#> (array([1, 1, 2, 2]), tensor([1, 1, 2, 2]))
# fix: For NumPy's `repeat`, use `torch.repeat_interleave(values, 2)`; `.repeat` needs one count per dimension.
torch.tensor([[1, 2]]).repeat(2)
#! raises RuntimeError: Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor
# --8<-- [end:repeat]

# --8<-- [start:where]
import numpy as np
import torch

mask = torch.tensor([[True, False], [False, True]])
torch.where(mask)  # one argument: the indices of True, a tuple like np.where's
#> (tensor([0, 1]), tensor([0, 1]))
np.where(mask.numpy())
#> (array([0, 1]), array([0, 1]))
torch.nonzero(mask)  # one row per True element, like np.argwhere
#> tensor([[0, 0],
#>         [1, 1]])
torch.where(mask, torch.tensor(1.0), torch.tensor(0.0))  # three arguments: choose elementwise
#> tensor([[1., 0.],
#>         [0., 1.]])
# --8<-- [end:where]

# --8<-- [start:np_float]
import numpy as np
import torch

# fix: Use `float` (or `np.float64`, the same dtype); for `np.int`, use `int` (or `np.int64`).
np.arange(3, dtype=np.float)
#! raises AttributeError: module 'numpy' has no attribute 'float'.
#! `np.float` was a deprecated alias for the builtin `float`. To avoid this error in existing code, use `float` by itself. Doing this will not modify any behavior and is safe. If you specifically wanted the numpy scalar type, use `np.float64` here.
#! The aliases was originally deprecated in NumPy 1.20; for more details and guidance see the original release note at:
#!     https://numpy.org/devdocs/release/1.20.0-notes.html#deprecations
np.arange(3, dtype=float)
#> array([0., 1., 2.])
torch.float  # torch.float still exists, and is float32, not float64
#> torch.float32
torch.float is torch.float32
#> True
# fix: Use `int` (or name the width: `np.int64`).
np.arange(3, dtype=np.int)
#! raises AttributeError: module 'numpy' has no attribute 'int'.
#! `np.int` was a deprecated alias for the builtin `int`. To avoid this error in existing code, use `int` by itself. Doing this will not modify any behavior and is safe. When replacing `np.int`, you may wish to use e.g. `np.int64` or `np.int32` to specify the precision. If you wish to review your current use, check the release note link for additional information.
#! The aliases was originally deprecated in NumPy 1.20; for more details and guidance see the original release note at:
#!     https://numpy.org/devdocs/release/1.20.0-notes.html#deprecations
np.arange(3, dtype=int)
#> array([0, 1, 2])
# --8<-- [end:np_float]

# --8<-- [start:np_bool]
# requires: numpy>=2
import numpy as np

np.zeros(2, dtype=np.bool)  # NumPy 2.0 and later: np.bool is NumPy's own bool type again
#> array([False, False])
np.bool is np.bool_
#> True
# --8<-- [end:np_bool]

# --8<-- [start:np_bool_1x]
# requires: numpy<2
import numpy as np

# fix: On NumPy 1.24 to 1.26, use `bool` (or `np.bool_`); NumPy 2.0 brought `np.bool` back.
np.zeros(2, dtype=np.bool)
#! warns FutureWarning: In the future `np.bool` will be defined as the corresponding NumPy scalar.
#! raises AttributeError: module 'numpy' has no attribute 'bool'.
#! `np.bool` was a deprecated alias for the builtin `bool`. To avoid this error in existing code, use `bool` by itself. Doing this will not modify any behavior and is safe. If you specifically wanted the numpy scalar type, use `np.bool_` here.
#! The aliases was originally deprecated in NumPy 1.20; for more details and guidance see the original release note at:
#!     https://numpy.org/devdocs/release/1.20.0-notes.html#deprecations
np.zeros(2, dtype=bool)
#> array([False, False])
# --8<-- [end:np_bool_1x]

# --8<-- [start:seeds]
import numpy as np
import torch

np.random.seed(0)
first = torch.rand(2)
np.random.seed(0)
second = torch.rand(2)
torch.equal(first, second)  # NumPy's seed does not reach torch's generator
#> False
_ = torch.manual_seed(0)
first = torch.rand(2), np.random.rand()
_ = torch.manual_seed(0)
second = torch.rand(2), np.random.rand()
torch.equal(first[0], second[0]), first[1] == second[1]  # nor torch's seed NumPy's
#> (True, False)
np.random.seed(0)
_ = torch.manual_seed(0)
first = torch.rand(2), np.random.rand()
np.random.seed(0)
_ = torch.manual_seed(0)
second = torch.rand(2), np.random.rand()
torch.equal(first[0], second[0]), first[1] == second[1]  # seed both
#> (True, True)
# --8<-- [end:seeds]

# --8<-- [start:dtype_argument]
import numpy as np
import torch

# fix: Pass a torch dtype: `torch.zeros(3, dtype=torch.float32)`.
torch.zeros((3,), dtype=np.float32)
#! raises TypeError: zeros(): argument 'dtype' must be torch.dtype, not type
torch.zeros((3,), dtype=torch.float32)
#> tensor([0., 0., 0.])
# fix: Pass a torch dtype: here the type `str` came from a dict's keys, where a tensor's `.dtype` was meant.
torch.zeros((0, 3), dtype=str)  # any Python class gives the same message
#! raises TypeError: zeros(): argument 'dtype' must be torch.dtype, not type
torch.zeros((0, 3), dtype=torch.int64)
#> tensor([], size=(0, 3), dtype=torch.int64)
torch.from_numpy(np.zeros(3, dtype=np.float32))  # or make the array, then convert
#> tensor([0., 0., 0.])
# --8<-- [end:dtype_argument]

# --8<-- [start:axis_keepdims]
import numpy as np
import torch

grid = torch.ones(2, 3)
grid.sum(dim=1, keepdim=True)  # torch's own names
#> tensor([[3.],
#>         [3.]])
grid.sum(axis=1, keepdims=True)  # NumPy's names are accepted too
#> tensor([[3.],
#>         [3.]])
grid.mean(axis=0), grid.argmax(axis=1)  # other reductions too
#> (tensor([1., 1., 1.]), tensor([0, 0]))
np.sum(grid.numpy(), axis=1, keepdims=True)
#> array([[3.],
#>        [3.]], dtype=float32)
# fix: NumPy takes `axis=`, not `dim=`: `np.sum(values, axis=1)`.
np.sum(grid.numpy(), dim=1)
#! raises TypeError: sum() got an unexpected keyword argument 'dim'
# --8<-- [end:axis_keepdims]

# --8<-- [start:memory_always_copies]
import numpy as np
import torch

array = np.arange(6.0).reshape(2, 3)
tensor = torch.arange(6.0).reshape(2, 3)


def shares(a, b):
    """Whether two tensors use the same storage."""
    return a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()


np.shares_memory(array.copy(), array), shares(tensor.clone(), tensor)
#> (False, False)
np.shares_memory(array.astype(np.float32), array), shares(tensor.to(torch.float64), tensor)
#> (False, False)
np.shares_memory(np.concatenate([array, array]), array), shares(torch.cat([tensor, tensor]), tensor)
#> (False, False)
np.shares_memory(np.stack([array, array]), array), shares(torch.stack([tensor, tensor]), tensor)
#> (False, False)
np.shares_memory(np.repeat(array, 2), array), shares(torch.repeat_interleave(tensor, 2), tensor)
#> (False, False)
np.shares_memory(np.tile(array, 2), array), shares(tensor.repeat(1, 2), tensor)
#> (False, False)
np.shares_memory(np.clip(array, 0, 1), array), shares(torch.clamp(tensor, 0, 1), tensor)
#> (False, False)
np.shares_memory(np.where(array > 2, array, 0), array), shares(torch.where(tensor > 2, tensor, 0), tensor)
#> (False, False)
shares(tensor.long(), tensor), shares(torch.tile(tensor, (1, 2)), tensor), shares(torch.clip(tensor, 0, 1), tensor)
#> (False, False, False)
np.shares_memory(np.argmax(array, axis=1), array), shares(torch.argmax(tensor, dim=1), tensor)
#> (False, False)
np.shares_memory(np.argwhere(array > 2), array), shares(torch.argwhere(tensor > 2), tensor)
#> (False, False)
np.shares_memory(np.where(array > 2)[0], array), shares(torch.where(tensor > 2)[0], tensor)
#> (False, False)
shares(torch.nonzero(tensor > 2), tensor), shares(torch.nonzero(tensor > 2, as_tuple=True)[0], tensor)
#> (False, False)
np.shares_memory(array.astype(np.float64), array)  # astype copies even to the dtype the array has
#> False
np.shares_memory(array.flatten(), array)  # NumPy's flatten always copies...
#> False
shares(tensor.flatten(), tensor)  # ...torch's gives a view where it can, like reshape
#> True
shares(tensor.T.flatten(), tensor)  # and a copy where it cannot
#> False
# --8<-- [end:memory_always_copies]

# --8<-- [start:memory_views]
import numpy as np
import torch

array = np.arange(6.0).reshape(2, 3)
tensor = torch.arange(6.0).reshape(2, 3)


def shares(a, b):
    """Whether two tensors use the same storage."""
    return a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()


np.shares_memory(array.T, array), shares(tensor.T, tensor)
#> (True, True)
np.shares_memory(array.transpose(1, 0), array), shares(tensor.permute(1, 0), tensor)
#> (True, True)
shares(tensor.mT, tensor), shares(tensor.transpose(0, 1), tensor)
#> (True, True)
np.shares_memory(array[np.newaxis], array), shares(tensor[None], tensor)
#> (True, True)
np.shares_memory(np.expand_dims(array, 0), array), shares(tensor.unsqueeze(0), tensor)
#> (True, True)
np.shares_memory(np.expand_dims(array, 0).squeeze(0), array), shares(tensor.unsqueeze(0).squeeze(0), tensor)
#> (True, True)
np.shares_memory(np.broadcast_to(array, (4, 2, 3)), array), shares(tensor.expand(4, 2, 3), tensor)
#> (True, True)
np.broadcast_to(array, (4, 2, 3)).flags.writeable  # NumPy's broadcast view is read-only
#> False
np.shares_memory(array[:, 1], array), shares(tensor[:, 1], tensor)
#> (True, True)
np.shares_memory(array.view(np.int64), array), shares(tensor.view(torch.int32), tensor)  # same item size
#> (True, True)
tensor.to(torch.float32) is tensor  # .to() with the dtype it already has returns the tensor itself
#> True
tensor.float() is tensor  # and so do the short names
#> True
base = torch.zeros(3)
base.unsqueeze(0)._base is base  # a view records the tensor it looks into
#> True
# --8<-- [end:memory_views]

# --8<-- [start:memory_expand]
import numpy as np
import torch

row = np.zeros(3)
# fix: Copy first: `np.broadcast_to(row, (2, 3)).copy()` is an array you can write to.
np.broadcast_to(row, (2, 3))[0, 0] = 5
#! raises ValueError: assignment destination is read-only
writable = np.broadcast_to(row, (2, 3)).copy()
writable[0, 0] = 5
writable
#> array([[5., 0., 0.],
#>        [0., 0., 0.]])
expanded = torch.zeros(3).expand(2, 3)  # both rows are the same three numbers in memory
# fix: Clone first: `expanded.clone().add_(1)` gives each row memory of its own.
expanded.add_(1)
#! raises RuntimeError: unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.
expanded.clone().add_(1)
#> tensor([[1., 1., 1.],
#>         [1., 1., 1.]])
expanded[0, 0] = 5  # a write to one element goes through...
expanded  # ...and shows in every row
#> tensor([[5., 0., 0.],
#>         [5., 0., 0.]])
# --8<-- [end:memory_expand]

# --8<-- [start:memory_if_possible]
import numpy as np
import torch

array = np.arange(6.0).reshape(2, 3)
tensor = torch.arange(6.0).reshape(2, 3)


def shares(a, b):
    """Whether two tensors use the same storage."""
    return a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()


np.shares_memory(array.reshape(3, 2), array), shares(tensor.reshape(3, 2), tensor)  # contiguous: a view
#> (True, True)
shares(tensor.view(3, 2), tensor)  # view never copies...
#> True
np.shares_memory(array.T.reshape(6), array), shares(tensor.T.reshape(6), tensor)  # transposed: a copy
#> (False, False)
np.shares_memory(array.ravel(), array), shares(tensor.ravel(), tensor)
#> (True, True)
np.shares_memory(array.T.ravel(), array), shares(tensor.T.ravel(), tensor)
#> (False, False)
np.shares_memory(np.ascontiguousarray(array), array), shares(tensor.contiguous(), tensor)  # already contiguous
#> (True, True)
np.shares_memory(np.ascontiguousarray(array.T), array), shares(tensor.T.contiguous(), tensor)
#> (False, False)
# fix: Use `.reshape(...)`, which copies when it must, or `.contiguous()` first (see Memory layout).
tensor.T.view(6)  # ...and refuses where a copy is needed
#! raises RuntimeError: view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.
# --8<-- [end:memory_if_possible]

# --8<-- [start:memory_flip]
import numpy as np
import torch

array = np.arange(6.0).reshape(2, 3)
tensor = torch.arange(6.0).reshape(2, 3)
np.shares_memory(np.flip(array, 1), array)  # NumPy flips with a negative stride: a view
#> True
np.flip(array, 1).strides
#> (24, -8)
flipped = torch.flip(tensor, (1,))  # torch has no negative strides: a copy
flipped.untyped_storage().data_ptr() == tensor.untyped_storage().data_ptr()
#> False
flipped.stride()
#> (3, 1)
# --8<-- [end:memory_flip]
