"""Autograd and special tensors: what .numpy() refuses, and the call that fixes each."""

# --8<-- [start:no_grad]
import torch

weights = torch.ones(2, requires_grad=True)
with torch.no_grad():
    scaled = weights * 2  # nothing is recorded inside no_grad

scaled.requires_grad
#> False
scaled.numpy()
#> array([2., 2.], dtype=float32)
# --8<-- [end:no_grad]

# --8<-- [start:numpy_inside_no_grad]
import torch

weights = torch.ones(2, requires_grad=True)
with torch.no_grad():
    array = weights.numpy()  # accepted: grad mode is off, though weights still requires grad

weights.requires_grad
#> True
array[0] = 5.0
weights  # the array shares the tensor's memory
#> tensor([5., 1.], requires_grad=True)
with torch.inference_mode():
    also_accepted = weights.numpy()

also_accepted
#> array([5., 1.], dtype=float32)
# --8<-- [end:numpy_inside_no_grad]

# --8<-- [start:force]
import torch

layer = torch.nn.Linear(2, 1)
array = layer.weight.numpy(force=True)  # only a detach was needed: no copy
array[0, 0] = 5.0
layer.weight[0, 0].item()  # so writing to the array changed the parameter
#> 5.0
z = torch.tensor([1 + 2j])
resolved = z.conj().numpy(force=True)  # resolving the conjugate bit copies
resolved[0] = 0
z  # untouched
#> tensor([1.+2.j])
# --8<-- [end:force]

# --8<-- [start:force_limits]
import torch

# fix: densify first: t.to_dense().numpy()
torch.tensor([0.0, 2.0]).to_sparse().numpy(force=True)
#! raises TypeError: can't convert Sparse layout tensor to numpy. Use Tensor.to_dense() first.
# fix: widen first: t.float().numpy()
torch.ones(2, dtype=torch.bfloat16).numpy(force=True)
#! raises TypeError: Got unsupported ScalarType BFloat16
# --8<-- [end:force_limits]

# --8<-- [start:np_asarray]
import numpy as np
import torch

np.asarray(torch.arange(3))  # goes through Tensor.__array__, so the same rules apply
#> array([0, 1, 2])
# fix: Call `.detach()` first: `tensor.detach().numpy()`, or let `tensor.numpy(force=True)` do it.
np.asarray(torch.ones(2, requires_grad=True))
#! raises RuntimeError: Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.
# --8<-- [end:np_asarray]

# --8<-- [start:parameter]
import torch

layer = torch.nn.Linear(2, 1)
layer.weight.requires_grad  # parameters require grad unless you freeze them
#> True
# fix: detach first: layer.weight.detach().numpy()
layer.weight.numpy()
#! raises RuntimeError: Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.
layer.weight.detach().numpy().shape
#> (1, 2)
layer.weight.requires_grad = False  # frozen, as when fine-tuning
layer.weight.numpy().shape  # a frozen parameter converts directly
#> (1, 2)
# --8<-- [end:parameter]

# --8<-- [start:conjugate_bit]
import torch

z = torch.tensor([1 + 2j])
conjugated = z.conj()  # a lazy view: only a flag is set
conjugated.is_conj()
#> True
conjugated.data_ptr() == z.data_ptr()  # nothing computed: the same memory
#> True
# fix: Resolve the conjugate bit first: `tensor.resolve_conj().numpy()`.
conjugated.numpy()
#! raises RuntimeError: Can't call numpy() on Tensor that has conjugate bit set. Use tensor.resolve_conj().numpy() instead.
conjugated.resolve_conj().numpy()
#> array([1.-2.j], dtype=complex64)
# --8<-- [end:conjugate_bit]

# --8<-- [start:negative_bit]
import torch

imaginary = torch.tensor([1 + 2j]).conj().imag  # a view with the negative bit set
imaginary
#> tensor([-2.])
imaginary.is_neg()
#> True
# fix: Resolve the negative bit first: `tensor.resolve_neg().numpy()`.
imaginary.numpy()
#! raises RuntimeError: Can't call numpy() on Tensor that has negative bit set. Use tensor.resolve_neg().numpy() instead.
imaginary.resolve_neg().numpy()
#> array([-2.], dtype=float32)
# --8<-- [end:negative_bit]

# --8<-- [start:sparse]
import torch

sparse = torch.tensor([0.0, 2.0, 0.0]).to_sparse()
# fix: Make the tensor dense first: `tensor.to_dense().numpy()`.
sparse.numpy()
#! raises TypeError: can't convert Sparse layout tensor to numpy. Use Tensor.to_dense() first.
sparse.to_dense().numpy()
#> array([0., 2., 0.], dtype=float32)
# --8<-- [end:sparse]

# --8<-- [start:meta]
import torch

shape_only = torch.ones(2, 3, device="meta")  # a shape and dtype, but no data
shape_only
#> tensor(..., device='meta', size=(2, 3))
# fix: A meta tensor holds no data to convert: create the tensor on the CPU (`device="cpu"`) instead.
shape_only.numpy()
#! raises TypeError: can't convert meta device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# fix: none: create the tensor on a real device, e.g. device="cpu"
shape_only.cpu()  # the advice in that message cannot work either
#! raises NotImplementedError: Cannot copy out of meta tensor; no data!
# fix: none: create the tensor on a real device, e.g. device="cpu"
shape_only.numpy(force=True)  # force=True cannot help: there is no data to copy
#! raises NotImplementedError: Cannot copy out of meta tensor; no data!
# --8<-- [end:meta]
