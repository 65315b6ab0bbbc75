"""Tensors handed to NumPy-based code: matplotlib and NumPy on a list of losses, json, and dtype checks."""

# --8<-- [start:list_of_losses]
import numpy as np
import torch

weights = torch.ones(2, requires_grad=True)
losses = []
for step in range(3):
    loss = (weights * step).sum()  # a 0-d tensor that requires grad
    losses.append(loss)  # keeps the tensor, and its graph

losses[0]
#> tensor(0., grad_fn=<SumBackward0>)
# fix: append `loss.item()` (a Python float) instead of `loss`
np.asarray(losses)  # what plt.plot(losses) and np.sum(losses) do first
#! raises RuntimeError: Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.
losses = []
for step in range(3):
    loss = (weights * step).sum()
    losses.append(loss.item())  # a Python float: no graph, no tensor

losses
#> [0.0, 2.0, 4.0]
np.asarray(losses)  # matplotlib and NumPy take a list of floats
#> array([0., 2., 4.])
# --8<-- [end:list_of_losses]

# --8<-- [start:list_of_losses_kept]
import numpy as np
import torch

weights = torch.ones(2, requires_grad=True)
losses = [(weights * step).sum() for step in range(3)]  # already collected as tensors
np.asarray([loss.detach() for loss in losses])  # detach each one
#> array([0., 2., 4.], dtype=float32)
torch.stack(losses).detach().numpy()  # or stack them into one tensor first
#> array([0., 2., 4.], dtype=float32)
# --8<-- [end:list_of_losses_kept]

# --8<-- [start:json_tensor]
import json

import torch

stats = {"epoch": 1, "loss": torch.tensor(0.25)}
# fix: store Python numbers: `loss.item()` for one value, `t.tolist()` for several
json.dumps(stats)
#! raises TypeError: Object of type Tensor is not JSON serializable
stats = {"epoch": 1, "loss": torch.tensor(0.25).item(), "scores": torch.tensor([0.5, 1.0]).tolist()}
json.dumps(stats)
#> '{"epoch": 1, "loss": 0.25, "scores": [0.5, 1.0]}'
weights = torch.ones(2, requires_grad=True)
weights.tolist(), weights.sum().item()  # no .detach() needed: both leave autograd
#> ([1.0, 1.0], 2.0)
# --8<-- [end:json_tensor]

# --8<-- [start:json_numpy_scalar]
import json

import numpy as np
import torch

scores = torch.tensor([0.25, 0.75]).numpy()  # a float32 array
best = scores.max()  # a NumPy float32 scalar, not a Python float
type(best)
#> <class 'numpy.float32'>
# fix: convert with `.item()` (or `float(...)`) before json.dumps
json.dumps({"best": best})
#! raises TypeError: Object of type float32 is not JSON serializable
# fix: `.tolist()` turns an array into Python numbers
json.dumps({"scores": scores})
#! raises TypeError: Object of type ndarray is not JSON serializable
# fix: `.item()` again: argmax gives a NumPy int64
json.dumps({"best_index": scores.argmax()})
#! raises TypeError: Object of type int64 is not JSON serializable
json.dumps({"mean": scores.astype(np.float64).mean()})  # a NumPy float64 is a Python float, so it passes
#> '{"mean": 0.5}'
json.dumps({"best": best.item(), "scores": scores.tolist(), "best_index": scores.argmax().item()})
#> '{"best": 0.75, "scores": [0.25, 0.75], "best_index": 1}'
# --8<-- [end:json_numpy_scalar]

# --8<-- [start:torch_dtype_in_numpy]
import numpy as np
import torch

attention = torch.rand(4, 4)  # a tensor where a NumPy-based library expects an array
attention.dtype  # a torch dtype, which NumPy cannot read
#> torch.float32
# fix: hand the library an array: `attention.detach().cpu().numpy()`
np.issubdtype(attention.dtype, np.integer)  # the check skimage.transform.resize makes
#! raises TypeError: Cannot interpret 'torch.float32' as a data type
array = attention.detach().cpu().numpy()
np.issubdtype(array.dtype, np.integer)
#> False
# fix: use the NumPy dtype: `np.zeros(3, dtype=np.float32)`
np.zeros(3, dtype=torch.float32)
#! raises TypeError: Cannot interpret 'torch.float32' as a data type
np.zeros(3, dtype=np.float32)
#> array([0., 0., 0.], dtype=float32)
# fix: use the torch dtype: `torch.zeros(3, dtype=torch.float32)`
torch.zeros(3, dtype=np.float32)
#! raises TypeError: zeros(): argument 'dtype' must be torch.dtype, not type
torch.zeros(3, dtype=torch.float32)
#> tensor([0., 0., 0.])
# --8<-- [end:torch_dtype_in_numpy]

# --8<-- [start:gpu_tensor_in_numpy]
# requires: cuda
import numpy as np
import torch

scores = torch.tensor([0.25, 0.75], device="cuda")  # a model's outputs, on the GPU
# fix: copy to host memory first: `np.asarray(scores.detach().cpu())`
np.asarray(scores)  # what roc_curve, accuracy_score and plt.plot do with their inputs
#! raises TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
np.asarray(scores.detach().cpu())
#> array([0.25, 0.75], dtype=float32)
# --8<-- [end:gpu_tensor_in_numpy]
