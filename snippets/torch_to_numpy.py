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
weights.detach().numpy()
#> array([1., 1., 1.], dtype=float32)
# --8<-- [end:detach]

# --8<-- [start:detach_result]
import torch

weights = torch.ones(3, requires_grad=True)
scaled = weights * 2  # the result of an operation on weights also requires grad
scaled
#> tensor([2., 2., 2.], grad_fn=<MulBackward0>)
scaled.detach().numpy()
#> array([2., 2., 2.], dtype=float32)
# --8<-- [end:detach_result]

# --8<-- [start:harmless_on_cpu]
import torch

tensor = torch.arange(4)  # on the CPU, no grad
tensor.detach().to("cpu").numpy()  # both calls cost nothing here, so one line serves every tensor
#> array([0, 1, 2, 3])
tensor.to("cpu") is tensor  # already on the CPU: .to returns the tensor itself
#> True
tensor.cpu() is tensor
#> True
# --8<-- [end:harmless_on_cpu]

# --8<-- [start:item_and_tolist]
import torch

tensor = torch.tensor([0.1, 0.2])
tensor.tolist()  # Python floats, with float32's rounding visible
#> [0.10000000149011612, 0.20000000298023224]
tensor[0].item()
#> 0.10000000149011612
# --8<-- [end:item_and_tolist]
