"""Problems readers hit when converting: lists of tensors and arrays, legacy constructors, scalars,
the default dtype, DataLoader batches and GPU synchronisation."""

# --8<-- [start:list_of_tensors]
import torch

rows = [torch.ones(2), torch.zeros(2)]
# fix: for torch.tensor(list_of_tensors), join them instead: torch.stack(rows)
torch.tensor(rows)  # torch.tensor reads a list as Python numbers, one per element
#! raises ValueError: only one element tensors can be converted to Python scalars
torch.stack(rows)  # joins the tensors along a new first dimension
#> tensor([[1., 1.],
#>         [0., 0.]])
# --8<-- [end:list_of_tensors]

# --8<-- [start:python_scalars]
import torch

per_sample = torch.tensor([0.5, 0.25])  # a loss with reduction="none": one value per sample
# fix: for float(t) or int(t) on a tensor of several elements, reduce it first: float(t.mean()), or t.tolist()
float(per_sample)
#! raises ValueError: only one element tensors can be converted to Python scalars
float(per_sample.mean())
#> 0.375
per_sample.tolist()  # or every value, as Python floats
#> [0.5, 0.25]
loss = (torch.ones(2, requires_grad=True) * 2).sum()
# fix: for float(loss) on a loss that requires grad, take loss.item(): the same number, without the warning
float(loss)
#! warns UserWarning: Converting a tensor with requires_grad=True to a scalar may lead to unexpected behavior.
#! Consider using tensor.detach() first.
#> 4.0
loss.item()
#> 4.0
f"{loss:.3f}"  # formatting does not warn either
#> '4.000'
# --8<-- [end:python_scalars]

# --8<-- [start:list_of_scalar_tensors]
import torch

losses = [torch.tensor(0.5), torch.tensor(0.25)]
torch.tensor(losses)  # one-element tensors do convert, each through a Python float
#> tensor([0.5000, 0.2500])
torch.stack(losses)  # the same values, without the round trip
#> tensor([0.5000, 0.2500])
tracked = [torch.tensor(0.5, requires_grad=True), torch.tensor(0.25, requires_grad=True)]
# fix: for torch.tensor(list of tensors that require grad), use torch.stack(tracked), which keeps the graph
torch.tensor(tracked)  # each becomes a Python float, so the graph is lost
#! warns UserWarning: Converting a tensor with requires_grad=True to a scalar may lead to unexpected behavior.
#! Consider using tensor.detach() first.
#> tensor([0.5000, 0.2500])
torch.stack(tracked).requires_grad
#> True
batch_losses = [torch.tensor([0.5]), torch.tensor([0.25])]  # one element each, but shape (1,)
torch.tensor(batch_losses)
#> tensor([0.5000, 0.2500])
torch.stack(batch_losses).shape  # stack adds a dimension
#> torch.Size([2, 1])
torch.cat(batch_losses)  # cat joins along the existing one, like torch.tensor
#> tensor([0.5000, 0.2500])
# --8<-- [end:list_of_scalar_tensors]

# --8<-- [start:list_of_arrays]
import numpy as np
import torch

rows = [np.ones(2), np.zeros(2)]
# fix: stack first: torch.from_numpy(np.stack(rows))
torch.tensor(rows)
#! warns UserWarning: Creating a tensor from a list of numpy.ndarrays is extremely slow. Please consider converting the list to a single numpy.ndarray with numpy.array() before converting to a tensor.
#> tensor([[1., 1.],
#>         [0., 0.]], dtype=torch.float64)
torch.tensor(rows)  # the same call again: torch warns once per process
#> tensor([[1., 1.],
#>         [0., 0.]], dtype=torch.float64)
torch.from_numpy(np.stack(rows))  # NumPy builds one array, and torch converts it in one step
#> tensor([[1., 1.],
#>         [0., 0.]], dtype=torch.float64)
# --8<-- [end:list_of_arrays]

# --8<-- [start:legacy_dtype]
import numpy as np
import torch

array = np.arange(3)  # int64
torch.Tensor(array)  # the legacy constructor always makes the default float dtype
#> tensor([0., 1., 2.])
torch.tensor(array)  # keeps the array's dtype
#> tensor([0, 1, 2])
# --8<-- [end:legacy_dtype]

# --8<-- [start:legacy_shares]
import numpy as np
import torch

floats = np.zeros(3, dtype=np.float32)
legacy = torch.Tensor(floats)  # already float32: no conversion needed, so it shares
np.shares_memory(legacy.numpy(), floats)
#> True
doubles = np.zeros(3)
np.shares_memory(torch.Tensor(doubles).numpy(), doubles)  # float64 had to be converted: a copy
#> False
np.shares_memory(torch.tensor(floats).numpy(), floats)  # torch.tensor always copies
#> False
# --8<-- [end:legacy_shares]

# --8<-- [start:legacy_zero_d]
import numpy as np
import torch

count = np.array(3)  # a 0-d int64 array
torch.Tensor(count).shape  # read as a size: three uninitialised floats
#> torch.Size([3])
torch.tensor(count)  # the value 3
#> tensor(3)
torch.Tensor(np.arange(3).sum()).shape  # an integer NumPy scalar is read as a size too
#> torch.Size([3])
# --8<-- [end:legacy_zero_d]

# --8<-- [start:from_numpy_scalar]
import numpy as np
import torch

total = np.arange(3.0).sum()  # a NumPy scalar, not an array
type(total)
#> <class 'numpy.float64'>
# fix: torch.tensor(total), or torch.from_numpy(np.asarray(total))
torch.from_numpy(total)
#! raises TypeError: expected np.ndarray (got numpy.float64)
torch.tensor(total)  # keeps the float64
#> tensor(3., dtype=torch.float64)
torch.from_numpy(np.asarray(total))  # a 0-d array is an array
#> tensor(3., dtype=torch.float64)
values = np.arange(3.0)
first = values[0]  # a NumPy scalar holds a copy of the value
values[0] = 7.0
torch.from_numpy(np.asarray(first))  # still 0: nothing is shared with values
#> tensor(0., dtype=torch.float64)
# --8<-- [end:from_numpy_scalar]

# --8<-- [start:default_dtype]
import numpy as np
import torch

torch.set_default_dtype(torch.float64)
torch.tensor([1.5]).dtype  # Python floats follow the default dtype
#> torch.float64
torch.ones(2).dtype  # and so do factory functions
#> torch.float64
torch.tensor([1]).dtype  # integers do not
#> torch.int64
floats = np.ones(2, dtype=np.float32)
torch.from_numpy(floats).dtype  # an array keeps its own dtype
#> torch.float32
torch.tensor(floats).dtype
#> torch.float32
torch.Tensor(floats).dtype  # except through the legacy constructor
#> torch.float64
torch.set_default_dtype(torch.float32)  # back to torch's default: it stays in force for the session
# --8<-- [end:default_dtype]

# --8<-- [start:default_dtype_untouched]
import numpy as np
import torch

torch.get_default_dtype()
#> torch.float32
torch.from_numpy(np.ones(2)).dtype  # float64 from NumPy, whatever the default says
#> torch.float64
# --8<-- [end:default_dtype_untouched]

# --8<-- [start:collate_keeps_float64]
import numpy as np
import torch
from torch.utils.data import DataLoader

features = np.ones((4, 3))  # float64, NumPy's default
batch = next(iter(DataLoader(features, batch_size=2)))
batch.dtype  # default_collate stacks with torch.stack: the dtype stays
#> torch.float64
model = torch.nn.Linear(3, 1)  # float32 parameters
# fix: convert the data once: features.astype(np.float32), or batch.float() in the loop
model(batch)
#! raises RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
float_batch = next(iter(DataLoader(features.astype(np.float32), batch_size=2)))
model(float_batch).dtype
#> torch.float32
# --8<-- [end:collate_keeps_float64]

# --8<-- [start:collate_scalars]
import numpy as np
from torch.utils.data import default_collate

default_collate([np.float64(0.5), np.float64(1.5)])  # NumPy scalars: their own dtype
#> tensor([0.5000, 1.5000], dtype=torch.float64)
default_collate([0.5, 1.5])  # Python floats become float64 too, not the default dtype
#> tensor([0.5000, 1.5000], dtype=torch.float64)
default_collate([np.int32(1), np.int32(2)])
#> tensor([1, 2], dtype=torch.int32)
# --8<-- [end:collate_scalars]

# --8<-- [start:collate_strings]
import numpy as np
from torch.utils.data import DataLoader

pairs = [(np.ones(2), np.array(["cat"])), (np.zeros(2), np.array(["dog"]))]
# fix: return labels as str (label.item()) or as integer class ids
next(iter(DataLoader(pairs, batch_size=2)))
#! raises TypeError: default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found <U3
fixed = [(features, label.item()) for features, label in pairs]
next(iter(DataLoader(fixed, batch_size=2)))  # strings are collected into a tuple
#> [tensor([[1., 1.],
#>         [0., 0.]], dtype=torch.float64), ('cat', 'dog')]
next(iter(DataLoader(["cat", "dog"], batch_size=2)))  # a dataset of bare strings gives a list
#> ['cat', 'dog']
# --8<-- [end:collate_strings]

# --8<-- [start:collate_ragged]
import gc

import numpy as np
import torch
from torch.utils.data import DataLoader

ragged = [np.ones(2), np.ones(3)]
# fix: pad to one length, or pass collate_fn=list to keep the arrays apart
next(iter(DataLoader(ragged, batch_size=2)))
#! raises RuntimeError: stack expects each tensor to be equal size, but got [2] at entry 0 and [3] at entry 1
next(iter(DataLoader(ragged, batch_size=2, collate_fn=list)))
#> [array([1., 1.]), array([1., 1., 1.])]
longest_first = [np.ones(3), np.ones(2)]
next(iter(DataLoader(longest_first, batch_size=2, num_workers=1, collate_fn=list)))  # in a worker: the same fix
#> [array([1., 1., 1.]), array([1., 1.])]
try:
    next(iter(DataLoader(longest_first, batch_size=2, num_workers=1)))  # without it, the worker fails
except RuntimeError as error:  # a worker's error carries the worker's traceback; its last line:
    print(str(error).strip().splitlines()[-1])
#> RuntimeError: Trying to resize storage that is not resizable

# The worker's own step (torch's collate.py, the last line of its traceback): it stacks into shared memory
# sized for all the values (3 + 2), shaped from the first sample (2 samples of 3); shared memory cannot grow.
first = torch.as_tensor(longest_first[0])
storage = first._typed_storage()._new_shared(5)
# fix: for a DataLoader with num_workers and samples of different lengths, pad them to one length or pass collate_fn=list
first.new(storage).resize_(2, 3)
#! raises RuntimeError: Trying to resize storage that is not resizable
found = gc.collect()  # the failed loader keeps its worker process until it is collected
# --8<-- [end:collate_ragged]

# --8<-- [start:running_loss]
import torch

weights = torch.ones(2, requires_grad=True)
loss = (weights * 3).sum()
running = 0.0
running = running + loss  # keeps the whole graph of every step alive
running.requires_grad
#> True
running = 0.0
running = running + loss.detach()  # no graph
running.requires_grad
#> False
running.device  # still a tensor on the loss's device
#> device(type='cpu')
type(loss.item())  # a Python float, in the CPU's memory
#> <class 'float'>
# --8<-- [end:running_loss]

# --8<-- [start:sync_points]
# requires: cuda
import torch

loss = torch.ones((), device="cuda")
# fix: nothing to fix: the notice says only that the mode is a prototype
torch.cuda.set_sync_debug_mode("warn")  # warn whenever the CPU has to wait for the GPU
#! warns UserWarning: Synchronization debug mode is a prototype feature and does not yet detect all synchronizing operations
running = loss.detach() + loss.detach()  # queued on the GPU: no waiting
# fix: for loss.item() in a loop, call it once per epoch, not per step: accumulate loss.detach() on the GPU
loss.item()
#! warns UserWarning: called a synchronizing CUDA operation
#> 1.0
# fix: for tensor.cpu() in a loop, move a tensor to the CPU only when you need its values there
loss.cpu()
#! warns UserWarning: called a synchronizing CUDA operation
#> tensor(1.)
# fix: for tensor.tolist() in a loop, call it once, on everything you need
loss.tolist()
#! warns UserWarning: called a synchronizing CUDA operation
#> 1.0
# --8<-- [end:sync_points]

# --8<-- [start:float_tensor_index]
import numpy as np
import torch

labels = ["cat", "dog", "bird"]
position = torch.tensor(4.0) / 2  # `/` gives a float tensor, even for a whole number
# fix: an integer: `labels[int(position)]` (or divide integer tensors with `//`)
labels[position]
#! raises TypeError: only integer tensors of a single element can be converted to an index
labels[int(position)]
#> 'bird'
image = np.arange(10)
# fix: the same for slice bounds: `image[int(position) : int(position) + 3]`
image[position : position + 3]
#! raises TypeError: only integer tensors of a single element can be converted to an index
image[int(position) : int(position) + 3]
#> array([2, 3, 4])
# fix: an integer again: NumPy words the same problem differently
image[position]
#! raises IndexError: only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices
image[torch.tensor(4) // 2]  # an integer tensor indexes a list or an array like an int
#> np.int64(2)
# --8<-- [end:float_tensor_index]
