"""When a tensor and an array share memory: snapshots that move, writes autograd cannot see, and resizing."""

# --8<-- [start:snapshot_moves]
import numpy as np
import torch

weights = torch.nn.Parameter(torch.ones(2))
optimizer = torch.optim.SGD([weights], lr=0.5)
before = weights.detach().numpy()  # a view of the weights, not a snapshot
saved = weights.detach().numpy().copy()  # a snapshot: its own memory
weights.sum().backward()
optimizer.step()  # updates the weights in place
before  # moved with the weights
#> array([0.5, 0.5], dtype=float32)
saved
#> array([1., 1.], dtype=float32)
np.shares_memory(before, weights.detach().numpy())
#> True
np.shares_memory(saved, weights.detach().numpy())
#> False
# --8<-- [end:snapshot_moves]

# --8<-- [start:snapshot_clone]
import numpy as np
import torch

weights = torch.nn.Parameter(torch.ones(2))
saved = weights.detach().clone().numpy()  # clone in torch, then share with the clone
np.shares_memory(saved, weights.detach().numpy())
#> False
# --8<-- [end:snapshot_clone]

# --8<-- [start:inplace_checked]
import torch

inputs = torch.tensor([0.0, 1.0], requires_grad=True)
outputs = inputs.exp()  # exp saves its output for the backward pass
outputs.detach()[0] = 100.0  # a torch write: the tensor's version counter goes up
# fix: write into a copy (outputs = outputs.clone()) or change values before the graph uses them
outputs.sum().backward()
#! raises RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [2]], which is output 0 of Exp, is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False).
# --8<-- [end:inplace_checked]

# --8<-- [start:inplace_unchecked]
import torch

inputs = torch.tensor([0.0, 1.0], requires_grad=True)
outputs = inputs.exp()
outputs.detach().numpy()[0] = 100.0  # a NumPy write: torch's version counter never sees it
outputs.sum().backward()  # no error
inputs.grad  # exp's gradient is exp(x): the first should be 1.0
#> tensor([100.0000,   2.7183])
# --8<-- [end:inplace_unchecked]

# --8<-- [start:resize_array]
# requires: numpy>=2
import numpy as np
import torch

array = np.arange(3.0)
tensor = torch.from_numpy(array)
# fix: for an array a tensor shares, make a new one: np.pad(array, (0, 2)) zero-fills as resize would
array.resize(5)
#! raises ValueError: cannot resize an array that references or is referenced
#! by another object in this way.
#! Use the np.resize function to get a new resized copy or
#!  set refcheck=False to disable this check
np.pad(array, (0, 2))  # a new array, zero-filled like ndarray.resize
#> array([0., 1., 2., 0., 0.])
np.resize(array, 5)  # the function the message names repeats the values instead
#> array([0., 1., 2., 0., 1.])
plain = np.arange(3.0)
view = plain[1:]  # no tensor, but a NumPy view references it
# fix: for an array a NumPy view references, drop the view first (del view), or make a new array with np.pad
plain.resize(5)
#! raises ValueError: cannot resize an array that references or is referenced
#! by another object in this way.
#! Use the np.resize function to get a new resized copy or
#!  set refcheck=False to disable this check
del view
plain.resize(5)  # nothing references it now
plain
#> array([0., 1., 2., 0., 0.])
# --8<-- [end:resize_array]

# --8<-- [start:resize_array_numpy1]
# requires: numpy<2
import numpy as np
import torch

array = np.arange(3.0)
tensor = torch.from_numpy(array)
# fix: for an array a tensor shares, make a new one: np.pad(array, (0, 2)) zero-fills as resize would
array.resize(5)
#! raises ValueError: cannot resize an array that references or is referenced
#! by another array in this way.
#! Use the np.resize function or refcheck=False
np.pad(array, (0, 2))  # a new array, zero-filled like ndarray.resize
#> array([0., 1., 2., 0., 0.])
np.resize(array, 5)  # the function the message names repeats the values instead
#> array([0., 1., 2., 0., 1.])
plain = np.arange(3.0)
view = plain[1:]  # no tensor, but a NumPy view references it
# fix: for an array a NumPy view references, drop the view first (del view), or make a new array with np.pad
plain.resize(5)
#! raises ValueError: cannot resize an array that references or is referenced
#! by another array in this way.
#! Use the np.resize function or refcheck=False
del view
plain.resize(5)  # nothing references it now
plain
#> array([0., 1., 2., 0., 0.])
# --8<-- [end:resize_array_numpy1]

# --8<-- [start:resize_refcheck]
import numpy as np
import torch

array = np.zeros(1_000_000)
tensor = torch.from_numpy(array)
array.resize(4_000_000, refcheck=False)  # what NumPy's message suggests: NumPy moves the data
np.shares_memory(array, tensor.numpy())  # the tensor still points at the old memory, which NumPy freed
#> False
# --8<-- [end:resize_refcheck]

# --8<-- [start:resize_tensor]
import numpy as np
import torch

array = np.zeros(3)
tensor = torch.from_numpy(array)
# fix: for a tensor from torch.from_numpy, build a new one: torch.cat([torch.from_numpy(array), torch.zeros(2, dtype=torch.float64)])
tensor.resize_(5)  # the memory belongs to NumPy, so torch cannot grow it
#! raises RuntimeError: Trying to resize storage that is not resizable
tensor.shape  # yet the failed call kept the new shape: the tensor now reaches past the array's memory
#> torch.Size([5])
torch.cat([torch.from_numpy(array), torch.zeros(2, dtype=torch.float64)])  # a new tensor with defined values
#> tensor([0., 0., 0., 0., 0.], dtype=torch.float64)
# --8<-- [end:resize_tensor]

# --8<-- [start:reused_buffer]
import numpy as np
import torch

buffer = np.zeros(2)  # a reader that fills the same buffer for every frame
frames = []
for step in range(3):
    buffer[:] = step
    frames.append(torch.from_numpy(buffer))  # every frame shares the one buffer

torch.stack(frames)  # all three show the last frame
#> tensor([[2., 2.],
#>         [2., 2.],
#>         [2., 2.]], dtype=torch.float64)
frames = []
for step in range(3):
    buffer[:] = step
    frames.append(torch.tensor(buffer))  # torch.tensor copies each frame

torch.stack(frames)
#> tensor([[0., 0.],
#>         [1., 1.],
#>         [2., 2.]], dtype=torch.float64)
# --8<-- [end:reused_buffer]
