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

array = np.zeros(3)
tensor = torch.from_numpy(array)
# fix: make a new array (np.resize(array, 5) or np.pad), then convert it again
array.resize(5)
#! raises ValueError: cannot resize an array that references or is referenced
#! by another object in this way.
#! Use the np.resize function to get a new resized copy or
#!  set refcheck=False to disable this check
# --8<-- [end:resize_array]

# --8<-- [start:resize_array_numpy1]
# requires: numpy<2
import numpy as np
import torch

array = np.zeros(3)
tensor = torch.from_numpy(array)
# fix: make a new array (np.resize(array, 5) or np.pad), then convert it again
array.resize(5)
#! raises ValueError: cannot resize an array that references or is referenced
#! by another array in this way.
#! Use the np.resize function or refcheck=False
# --8<-- [end:resize_array_numpy1]

# --8<-- [start:resize_tensor]
import numpy as np
import torch

array = np.zeros(3)
tensor = torch.from_numpy(array)
# fix: build a new tensor (torch.cat, or tensor.clone().resize_(5))
tensor.resize_(5)  # the memory belongs to NumPy, so torch cannot grow it
#! raises RuntimeError: Trying to resize storage that is not resizable
tensor.clone().resize_(5).shape  # a clone owns its memory
#> torch.Size([5])
# --8<-- [end:resize_tensor]
