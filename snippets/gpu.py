"""Moving tensors to a CUDA GPU and back. Every section needs a GPU."""

# --8<-- [start:to_cuda]
# requires: cuda
import numpy as np
import torch

torch.cuda.is_available()
#> True
tensor = torch.from_numpy(np.eye(3)).to("cuda")
tensor  # still float64: moving changes the device, not the dtype
#> tensor([[1., 0., 0.],
#>         [0., 1., 0.],
#>         [0., 0., 1.]], device='cuda:0', dtype=torch.float64)
# --8<-- [end:to_cuda]

# --8<-- [start:numpy_on_cuda_error]
# requires: cuda
import torch

tensor = torch.ones(2, device="cuda")
# fix: Move the tensor to the CPU first: `tensor.cpu().numpy()`.
tensor.numpy()
#! raises TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# --8<-- [end:numpy_on_cuda_error]

# --8<-- [start:back_to_cpu]
# requires: cuda
import torch

tensor = torch.ones(2, device="cuda")
tensor.to("cpu").numpy()
#> array([1., 1.], dtype=float32)
# --8<-- [end:back_to_cpu]

# --8<-- [start:full_chain]
# requires: cuda
import torch

weights = torch.ones(2, device="cuda", requires_grad=True)
weights.detach().to("cpu").numpy()  # detach first, so the copy is not recorded by autograd
#> array([1., 1.], dtype=float32)
# --8<-- [end:full_chain]
