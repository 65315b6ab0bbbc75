"""PyTorch to NumPy: getting a tensor out as an array."""

# --8<-- [start:numpy_float32]
import torch

array = torch.eye(3).numpy()
array  # torch's float32 stays float32, so NumPy prints the dtype
#> array([[1., 0., 0.],
#>        [0., 1., 0.],
#>        [0., 0., 1.]], dtype=float32)
# --8<-- [end:numpy_float32]

# --8<-- [start:numpy_shares_memory]
import torch

tensor = torch.zeros(3)
array = tensor.numpy()
tensor[0] = 7.0
array  # the array is a view of the tensor's memory
#> array([7., 0., 0.], dtype=float32)
# --8<-- [end:numpy_shares_memory]

# --8<-- [start:requires_grad_error]
import torch

weights = torch.ones(3, requires_grad=True)
# fix: Call `.detach()` first: `tensor.detach().numpy()`, or let `tensor.numpy(force=True)` do it.
weights.numpy()
#! raises RuntimeError: Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.
# --8<-- [end:requires_grad_error]

# --8<-- [start:detach]
import torch

weights = torch.ones(3, requires_grad=True)
array = weights.detach().numpy()
array
#> array([1., 1., 1.], dtype=float32)
optimizer = torch.optim.SGD([weights], lr=0.5)
weights.sum().backward()
optimizer.step()  # updates weights in place...
array  # ...so the array, which shares their memory, changed too
#> array([0.5, 0.5, 0.5], dtype=float32)
# --8<-- [end:detach]

# --8<-- [start:snapshot]
import numpy as np
import torch

weights = torch.ones(3, requires_grad=True)
snapshot = weights.detach().numpy().copy()  # a copy keeps today's values
np.shares_memory(snapshot, weights.detach().numpy())
#> False
kept = weights.detach().clone()  # the same, kept as a tensor
np.shares_memory(kept.numpy(), weights.detach().numpy())
#> False
# --8<-- [end:snapshot]

# --8<-- [start:write_through_numpy]
import torch

x = torch.ones(2, requires_grad=True)
y = (x * x).sum()  # autograd saves x to compute the gradient 2 * x later
x.detach().numpy()[:] = 3.0  # a write autograd does not see
y.backward()
x.grad  # 2 * 3, not 2 * 1: silently wrong
#> tensor([6., 6.])
x = torch.ones(2, requires_grad=True)
y = (x * x).sum()
x.detach().fill_(3.0)  # the same write as a torch in-place operation: autograd counts it
#> tensor([3., 3.])
# fix: do not modify a tensor autograd saved; work on a copy (x.detach().clone()) instead
y.backward()
#! raises RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [2]] is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False).
# --8<-- [end:write_through_numpy]

# --8<-- [start:detach_result]
import torch

weights = torch.ones(3, requires_grad=True)
scaled = weights * 2  # the result of an operation on weights also requires grad
scaled
#> tensor([2., 2., 2.], grad_fn=<MulBackward0>)
scaled.requires_grad
#> True
# fix: detach first: scaled.detach().numpy()
scaled.numpy()
#! raises RuntimeError: Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.
scaled.detach().numpy()
#> array([2., 2., 2.], dtype=float32)
# --8<-- [end:detach_result]

# --8<-- [start:harmless_on_cpu]
import torch

tensor = torch.arange(4)  # on the CPU, no grad
array = tensor.detach().to("cpu").numpy()  # the same line serves a plain CPU tensor
array[0] = 9
tensor  # nothing was copied: the array is the tensor's memory
#> tensor([9, 1, 2, 3])
tensor.to("cpu") is tensor  # already on the CPU: .to returns the tensor itself
#> True
tensor.cpu() is tensor
#> True
# --8<-- [end:harmless_on_cpu]

# --8<-- [start:one_line_limits]
import torch

# fix: widen first: t.detach().cpu().float().numpy()
torch.ones(2, dtype=torch.bfloat16).detach().to("cpu").numpy()
#! raises TypeError: Got unsupported ScalarType BFloat16
# fix: densify first: t.detach().cpu().to_dense().numpy()
torch.tensor([0.0, 2.0]).to_sparse().detach().to("cpu").numpy()
#! raises TypeError: can't convert Sparse layout tensor to numpy. Use Tensor.to_dense() first.
conjugated = torch.tensor([1 + 2j]).conj()  # the conjugate bit
# fix: resolve it first: t.detach().cpu().resolve_conj().numpy()
conjugated.detach().to("cpu").numpy()
#! raises RuntimeError: Can't call numpy() on Tensor that has conjugate bit set. Use tensor.resolve_conj().numpy() instead.
conjugated.detach().to("cpu").resolve_conj().numpy()
#> array([1.-2.j], dtype=complex64)
negated = conjugated.imag  # the negative bit
# fix: resolve it first: t.detach().cpu().resolve_neg().numpy()
negated.detach().to("cpu").numpy()
#! raises RuntimeError: Can't call numpy() on Tensor that has negative bit set. Use tensor.resolve_neg().numpy() instead.
negated.detach().to("cpu").resolve_neg().numpy()
#> array([-2.], dtype=float32)
# --8<-- [end:one_line_limits]

# --8<-- [start:item_and_tolist]
import torch

tensor = torch.tensor([0.1, 0.2])
tensor.tolist()  # Python floats, with float32's rounding visible
#> [0.10000000149011612, 0.20000000298023224]
tensor[0].item()
#> 0.10000000149011612
weights = torch.ones(2, requires_grad=True)
weights.sum().item()  # no .detach() needed: a Python number has no graph
#> 2.0
weights.tolist()
#> [1.0, 1.0]
# --8<-- [end:item_and_tolist]

# --8<-- [start:model_output_requires_grad]
import torch

model = torch.nn.Linear(2, 1)
model.eval()  # changes how dropout and batch norm behave, not autograd
#> Linear(in_features=2, out_features=1, bias=True)
predictions = model(torch.ones(3, 2))
predictions.requires_grad  # computed from parameters that require grad
#> True
# fix: run the model under `torch.no_grad()` or `torch.inference_mode()`, or call `.detach()` first
predictions.cpu().numpy()
#! raises RuntimeError: Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.
with torch.inference_mode():
    predictions = model(torch.ones(3, 2))

predictions.requires_grad  # nothing was recorded
#> False
predictions.cpu().numpy().shape
#> (3, 1)
# --8<-- [end:model_output_requires_grad]

# --8<-- [start:asscalar]
import numpy as np
import torch

loss = torch.tensor(0.5)
# fix: `loss.item()` gives the Python number directly
np.asscalar(loss.numpy())  # removed in NumPy 1.23
#! raises AttributeError: module 'numpy' has no attribute 'asscalar'
loss.item()
#> 0.5
loss.numpy().item()  # the replacement NumPy's deprecation note named, on an array
#> 0.5
# --8<-- [end:asscalar]
