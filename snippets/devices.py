"""Devices: writing code that runs with or without a GPU, and what each build says."""

# --8<-- [start:device_agnostic]
import numpy as np
import torch

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
batch = torch.from_numpy(np.ones(3, dtype=np.float32)).to(device)  # a no-op on the CPU
result = (batch * 2).cpu().numpy()  # back to host memory, whichever device did the work
result
#> array([2., 2., 2.], dtype=float32)
on_cpu = torch.ones(2)
on_cpu.cpu() is on_cpu  # already on the CPU: .cpu() returns the tensor itself
#> True
# --8<-- [end:device_agnostic]

# --8<-- [start:which_device_cpu]
# requires: cpu-only-torch
import torch

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
torch.ones(2, device=device)
#> tensor([1., 1.])
torch.accelerator.is_available()  # also covers Apple's MPS and Intel's XPU
#> False
torch.accelerator.current_accelerator(check_available=True) is None  # no usable accelerator of any kind
#> True
# --8<-- [end:which_device_cpu]

# --8<-- [start:which_device_cuda]
# requires: cuda
import torch

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
torch.ones(2, device=device)
#> tensor([1., 1.], device='cuda:0')
# --8<-- [end:which_device_cuda]

# --8<-- [start:cpu_only_build]
# requires: cpu-only-torch
import torch

torch.version.cuda is None  # this torch was built without CUDA
#> True
# fix: Choose the device at run time: `torch.device("cuda" if torch.cuda.is_available() else "cpu")`, or install a CUDA build of torch.
torch.ones(2).to("cuda")
#! raises AssertionError: Torch not compiled with CUDA enabled
# --8<-- [end:cpu_only_build]

# --8<-- [start:cuda_shorthands]
# requires: cuda
import torch

tensor = torch.arange(3)
on_gpu = tensor.cuda()  # the same as .to("cuda")
on_gpu.device
#> device(type='cuda', index=0)
on_gpu.cpu()  # the same as .to("cpu")
#> tensor([0, 1, 2])
# --8<-- [end:cuda_shorthands]

# --8<-- [start:pinned_memory]
# requires: cuda
import numpy as np
import torch

array = np.ones((2, 2), dtype=np.float32)
batch = torch.from_numpy(array).pin_memory()  # copies into page-locked host memory
batch.is_pinned()
#> True
np.shares_memory(array, batch.numpy())  # a copy: no longer the array's memory
#> False
on_gpu = batch.to("cuda", non_blocking=True)  # returns at once; the GPU runs the copy in stream order
on_gpu.sum().item()  # .item() waits for the copy and the sum to finish
#> 4.0
back = on_gpu.to("cpu", non_blocking=True)  # device to host: the array may be read too early
torch.cuda.synchronize()  # so wait for the copy before reading it
back.numpy()
#> array([[1., 1.],
#>        [1., 1.]], dtype=float32)
# --8<-- [end:pinned_memory]

# --8<-- [start:pinned_memory_without_gpu]
# requires: cpu-only-torch
import torch

# fix: Pin memory only when a GPU is there: `if torch.cuda.is_available(): tensor = tensor.pin_memory()`.
torch.ones(2).pin_memory()  # pinning only makes sense with a GPU to copy to
#! raises RuntimeError: Cannot access accelerator device when none is available.
# --8<-- [end:pinned_memory_without_gpu]

# --8<-- [start:float32_before_moving]
import numpy as np
import torch

# Apple's MPS backend has no float64, so cast while the data is still on the CPU.
device = torch.device("mps" if torch.backends.mps.is_available() else "cpu")
batch = torch.from_numpy(np.ones(2)).to(torch.float32).to(device)
batch.dtype
#> torch.float32
# --8<-- [end:float32_before_moving]
