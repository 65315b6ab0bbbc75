"""Saving and loading NumPy data with torch, memory-mapped and masked arrays, and big-endian data."""

# --8<-- [start:load_fails]
# requires: numpy>=2
import numpy as np
import torch

checkpoint = {"mean": np.zeros(2), "epoch": 3}
torch.save(checkpoint, "checkpoint.pt")
# fix: save tensors instead (torch.from_numpy(array)); to load a file you trust, allow its NumPy names: torch.serialization.safe_globals([np.ndarray, np.dtype, np.dtypes.Float64DType, np._core.multiarray._reconstruct])
torch.load("checkpoint.pt")
#! raises UnpicklingError: Weights only load failed. This file can still be loaded, to do so you have two options, do those steps only if you trust the source of the checkpoint.
#! 	(1) In PyTorch 2.6, we changed the default value of the `weights_only` argument in `torch.load` from `False` to `True`. Re-running `torch.load` with `weights_only` set to `False` will likely succeed, but it can result in arbitrary code execution. Do it only if you got the file from a trusted source.
#! 	(2) Alternatively, to load with `weights_only=True` please check the recommended steps in the following error message.
#! 	WeightsUnpickler error: Unsupported global: GLOBAL numpy._core.multiarray._reconstruct was not an allowed global by default. Please use `torch.serialization.add_safe_globals([numpy._core.multiarray._reconstruct])` or the `torch.serialization.safe_globals([numpy._core.multiarray._reconstruct])` context manager to allowlist this global if you trust this class/function.
#!
#! Check the documentation of torch.load to learn more about types accepted by default with weights_only https://pytorch.org/docs/stable/generated/torch.load.html.
allowed = [np.ndarray, np.dtype, np.dtypes.Float64DType, np._core.multiarray._reconstruct]
with torch.serialization.safe_globals(allowed):
    torch.load("checkpoint.pt")  # still weights_only: nothing else may run
#> {'mean': array([0., 0.]), 'epoch': 3}
# --8<-- [end:load_fails]

# --8<-- [start:load_fails_numpy1]
# requires: numpy<2
import numpy as np
import torch

checkpoint = {"mean": np.zeros(2), "epoch": 3}
torch.save(checkpoint, "checkpoint.pt")
# fix: save tensors instead (torch.from_numpy(array)); to load a file you trust on NumPy 1.x, allow its names: torch.serialization.safe_globals([np.ndarray, np.dtype, np.dtypes.Float64DType, np.core.multiarray._reconstruct])
torch.load("checkpoint.pt")
#! raises UnpicklingError: Weights only load failed. This file can still be loaded, to do so you have two options, do those steps only if you trust the source of the checkpoint.
#! 	(1) In PyTorch 2.6, we changed the default value of the `weights_only` argument in `torch.load` from `False` to `True`. Re-running `torch.load` with `weights_only` set to `False` will likely succeed, but it can result in arbitrary code execution. Do it only if you got the file from a trusted source.
#! 	(2) Alternatively, to load with `weights_only=True` please check the recommended steps in the following error message.
#! 	WeightsUnpickler error: Unsupported global: GLOBAL numpy.core.multiarray._reconstruct was not an allowed global by default. Please use `torch.serialization.add_safe_globals([numpy.core.multiarray._reconstruct])` or the `torch.serialization.safe_globals([numpy.core.multiarray._reconstruct])` context manager to allowlist this global if you trust this class/function.
#!
#! Check the documentation of torch.load to learn more about types accepted by default with weights_only https://pytorch.org/docs/stable/generated/torch.load.html.
allowed = [np.ndarray, np.dtype, np.dtypes.Float64DType, np.core.multiarray._reconstruct]
with torch.serialization.safe_globals(allowed):
    torch.load("checkpoint.pt")  # still weights_only: nothing else may run
#> {'mean': array([0., 0.]), 'epoch': 3}
# --8<-- [end:load_fails_numpy1]

# --8<-- [start:load_fails_scalar]
# requires: numpy>=2
import numpy as np
import torch

best_accuracy = np.mean([0.5, 1.0])  # a NumPy float64, not a Python float
torch.save({"best_accuracy": best_accuracy}, "checkpoint.pt")
# fix: save float(best_accuracy), or best_accuracy.item()
torch.load("checkpoint.pt")
#! raises UnpicklingError: Weights only load failed. This file can still be loaded, to do so you have two options, do those steps only if you trust the source of the checkpoint.
#! 	(1) In PyTorch 2.6, we changed the default value of the `weights_only` argument in `torch.load` from `False` to `True`. Re-running `torch.load` with `weights_only` set to `False` will likely succeed, but it can result in arbitrary code execution. Do it only if you got the file from a trusted source.
#! 	(2) Alternatively, to load with `weights_only=True` please check the recommended steps in the following error message.
#! 	WeightsUnpickler error: Unsupported global: GLOBAL numpy._core.multiarray.scalar was not an allowed global by default. Please use `torch.serialization.add_safe_globals([numpy._core.multiarray.scalar])` or the `torch.serialization.safe_globals([numpy._core.multiarray.scalar])` context manager to allowlist this global if you trust this class/function.
#!
#! Check the documentation of torch.load to learn more about types accepted by default with weights_only https://pytorch.org/docs/stable/generated/torch.load.html.
# --8<-- [end:load_fails_scalar]

# --8<-- [start:save_tensors]
import numpy as np
import torch

mean = np.zeros(2)
best_accuracy = np.mean([0.5, 1.0])
checkpoint = {"mean": torch.from_numpy(mean), "best_accuracy": float(best_accuracy), "epoch": 3}
torch.save(checkpoint, "checkpoint.pt")
loaded = torch.load("checkpoint.pt")  # loads with the weights_only default
loaded
#> {'mean': tensor([0., 0.], dtype=torch.float64), 'best_accuracy': 0.75, 'epoch': 3}
loaded["mean"].numpy()  # back to NumPy when needed
#> array([0., 0.])
# --8<-- [end:save_tensors]

# --8<-- [start:load_old_safely]
# requires: numpy>=2
import numpy as np
import torch

torch.save({"mean": np.zeros(2), "best_accuracy": np.float64(0.75)}, "old.pt")
sorted(torch.serialization.get_unsafe_globals_in_checkpoint("old.pt"))  # names the file needs, without loading it
#> ['numpy._core.multiarray._reconstruct', 'numpy._core.multiarray.scalar', 'numpy.dtype', 'numpy.ndarray']
listed = [np.ndarray, np.dtype, np._core.multiarray._reconstruct, np._core.multiarray.scalar]
# fix: allow the class of each array's dtype as well, here np.dtypes.Float64DType
with torch.serialization.safe_globals(listed):
    old = torch.load("old.pt")
#! raises UnpicklingError: Weights only load failed. In PyTorch 2.6, we changed the default value of the `weights_only` argument in `torch.load` from `False` to `True`. Re-running `torch.load` with `weights_only` set to `False` will likely succeed, but it can result in arbitrary code execution. Do it only if you got the file from a trusted source.
#! Please file an issue with the following so that we can make `weights_only=True` compatible with your use case: WeightsUnpickler error:
#!
#! Can only build Tensor, Parameter, OrderedDict or types allowlisted via `add_safe_globals`, but got <class 'numpy.dtypes.Float64DType'>
#!
#! Check the documentation of torch.load to learn more about types accepted by default with weights_only https://pytorch.org/docs/stable/generated/torch.load.html.

allowed = [*listed, np.dtypes.Float64DType]
with torch.serialization.safe_globals(allowed):
    old = torch.load("old.pt")  # still weights_only: nothing else may run

old
#> {'mean': array([0., 0.]), 'best_accuracy': np.float64(0.75)}
# --8<-- [end:load_old_safely]

# --8<-- [start:load_old_safely_numpy1]
# requires: numpy<2
import numpy as np
import torch

torch.save({"mean": np.zeros(2), "best_accuracy": np.float64(0.75)}, "old.pt")
sorted(torch.serialization.get_unsafe_globals_in_checkpoint("old.pt"))
#> ['numpy.core.multiarray._reconstruct', 'numpy.core.multiarray.scalar', 'numpy.dtype', 'numpy.ndarray']
listed = [np.ndarray, np.dtype, np.core.multiarray._reconstruct, np.core.multiarray.scalar]
# fix: allow the class of each array's dtype as well, here np.dtypes.Float64DType
with torch.serialization.safe_globals(listed):
    old = torch.load("old.pt")
#! raises UnpicklingError: Weights only load failed. In PyTorch 2.6, we changed the default value of the `weights_only` argument in `torch.load` from `False` to `True`. Re-running `torch.load` with `weights_only` set to `False` will likely succeed, but it can result in arbitrary code execution. Do it only if you got the file from a trusted source.
#! Please file an issue with the following so that we can make `weights_only=True` compatible with your use case: WeightsUnpickler error:
#!
#! Can only build Tensor, Parameter, OrderedDict or types allowlisted via `add_safe_globals`, but got <class 'numpy.dtypes.Float64DType'>
#!
#! Check the documentation of torch.load to learn more about types accepted by default with weights_only https://pytorch.org/docs/stable/generated/torch.load.html.

allowed = [*listed, np.dtypes.Float64DType]
with torch.serialization.safe_globals(allowed):
    old = torch.load("old.pt")

old
#> {'mean': array([0., 0.]), 'best_accuracy': 0.75}
# --8<-- [end:load_old_safely_numpy1]

# --8<-- [start:load_numpy1_file]
# requires: numpy>=2
import io
from pathlib import Path

import numpy as np
import torch

# Make a file as NumPy 1.x saves it: the same pickle, with its names under numpy.core.
buffer = io.BytesIO()
torch.save({"mean": np.zeros(2)}, buffer, _use_new_zipfile_serialization=False)
size = Path("numpy1.pt").write_bytes(buffer.getvalue().replace(b"numpy._core.", b"numpy.core."))
# fix: import from numpy._core (or the public API) instead; NumPy 2 keeps numpy.core only as a deprecated alias
old_name = np.core.multiarray._reconstruct  # NumPy 2 still has the old name
#! warns DeprecationWarning: numpy.core is deprecated and has been renamed to numpy._core. The numpy._core namespace contains private NumPy internals and its use is discouraged, as NumPy internals can change without warning in any release. In practice, most real-world usage of numpy.core is to access functionality in the public NumPy API. If that is the case, use the public NumPy API. If not, you are using NumPy internals. If you would still like to access an internal attribute, use numpy._core.multiarray.
old_name is np._core.multiarray._reconstruct, old_name.__module__  # the same function, under its NumPy 2 module
#> (True, 'numpy._core.multiarray')
# fix: for a file saved under NumPy 1.x and loaded under NumPy 2, allow the old name as a pair: (np._core.multiarray._reconstruct, "numpy.core.multiarray._reconstruct")
with torch.serialization.safe_globals([np.ndarray, np.dtype, np.dtypes.Float64DType, old_name]):
    torch.load("numpy1.pt")  # torch allows a function under the name its __module__ gives: allowing the old name does not help
#! raises UnpicklingError: Weights only load failed. This file can still be loaded, to do so you have two options, do those steps only if you trust the source of the checkpoint.
#! 	(1) In PyTorch 2.6, we changed the default value of the `weights_only` argument in `torch.load` from `False` to `True`. Re-running `torch.load` with `weights_only` set to `False` will likely succeed, but it can result in arbitrary code execution. Do it only if you got the file from a trusted source.
#! 	(2) Alternatively, to load with `weights_only=True` please check the recommended steps in the following error message.
#! 	WeightsUnpickler error: Unsupported global: GLOBAL numpy.core.multiarray._reconstruct was not an allowed global by default. Please use `torch.serialization.add_safe_globals([numpy.core.multiarray._reconstruct])` or the `torch.serialization.safe_globals([numpy.core.multiarray._reconstruct])` context manager to allowlist this global if you trust this class/function.
#!
#! Check the documentation of torch.load to learn more about types accepted by default with weights_only https://pytorch.org/docs/stable/generated/torch.load.html.

renamed = [np.ndarray, np.dtype, np.dtypes.Float64DType]
renamed.append((np._core.multiarray._reconstruct, "numpy.core.multiarray._reconstruct"))
with torch.serialization.safe_globals(renamed):
    torch.load("numpy1.pt")  # the function NumPy 2 has, under the name the file uses
#> {'mean': array([0., 0.])}
# --8<-- [end:load_numpy1_file]

# --8<-- [start:load_numpy2_file]
# requires: numpy<2
import io
from pathlib import Path

import numpy as np
import torch

# Make a file as NumPy 2 saves it: the same pickle, with its names under numpy._core.
buffer = io.BytesIO()
torch.save({"mean": np.zeros(2)}, buffer, _use_new_zipfile_serialization=False)
size = Path("numpy2.pt").write_bytes(buffer.getvalue().replace(b"numpy.core.", b"numpy._core."))
renamed = [np.ndarray, np.dtype, np.dtypes.Float64DType]
renamed.append((np.core.multiarray._reconstruct, "numpy._core.multiarray._reconstruct"))
with torch.serialization.safe_globals(renamed):
    torch.load("numpy2.pt")
#> {'mean': array([0., 0.])}
# --8<-- [end:load_numpy2_file]

# --8<-- [start:mmap_read_only]
import numpy as np
import torch

np.save("data.npy", np.arange(4.0))
mapped = np.load("data.npy", mmap_mode="r")  # reads pages from the file as they are used
# fix: for a memory map opened with mmap_mode="r", open it with mmap_mode="c" (copy-on-write), or read it all into memory with np.array(mapped)
tensor = torch.from_numpy(mapped)
#! warns UserWarning: The given NumPy array is not writable, and PyTorch does not support non-writable tensors. This means writing to this tensor will result in undefined behavior. You may want to copy the array to protect its data or make it writable before converting it to a tensor. This type of warning will be suppressed for the rest of this program.
np.shares_memory(tensor.numpy(), mapped)  # the tensor reads the file's pages too
#> True
# fix: for an array opened with mmap_mode="r", open it with mmap_mode="c" to change it in memory, or "r+" to change the file
mapped[0] = 9.0
#! raises ValueError: assignment destination is read-only
writable = np.load("data.npy", mmap_mode="c")  # copy-on-write: changes stay in memory
writable[0] = 9.0
writable[0]
#> np.float64(9.0)
# --8<-- [end:mmap_read_only]

# --8<-- [start:mmap_write_crash]
import subprocess
import sys

# Run in a separate interpreter: the write kills the process instead of raising.
code = """
import numpy as np, torch
np.save("data.npy", np.arange(4.0))
tensor = torch.from_numpy(np.load("data.npy", mmap_mode="r"))
tensor[0] = 9.0
"""
result = subprocess.run([sys.executable, "-c", code], capture_output=True)
result.returncode  # a negative return code is the signal: 11 is SIGSEGV, a segmentation fault
#> -11
# --8<-- [end:mmap_write_crash]

# --8<-- [start:mmap_copy_on_write]
import numpy as np
import torch

np.save("data.npy", np.arange(4.0))
mapped = np.load("data.npy", mmap_mode="c")  # writable; writes stay in this process
tensor = torch.from_numpy(mapped)  # no warning
tensor[0] = 9.0
mapped[0]
#> np.float64(9.0)
np.load("data.npy")  # the file is unchanged
#> array([0., 1., 2., 3.])
# --8<-- [end:mmap_copy_on_write]

# --8<-- [start:mmap_write_through]
import numpy as np
import torch

np.save("data.npy", np.arange(4.0))
mapped = np.load("data.npy", mmap_mode="r+")  # writes go to the file
tensor = torch.from_numpy(mapped)
tensor[0] = 9.0
mapped.flush()
np.load("data.npy")  # the tensor wrote into the file
#> array([9., 1., 2., 3.])
# --8<-- [end:mmap_write_through]

# --8<-- [start:masked]
import numpy as np
import torch

readings = np.ma.masked_array([1.0, -999.0, 3.0], mask=[False, True, False])
readings.mean()  # NumPy skips the masked value
#> np.float64(2.0)
torch.from_numpy(readings)  # the mask is dropped without a warning
#> tensor([   1., -999.,    3.], dtype=torch.float64)
torch.from_numpy(readings).mean()
#> tensor(-331.6667, dtype=torch.float64)
# --8<-- [end:masked]

# --8<-- [start:masked_fixes]
import numpy as np
import torch

readings = np.ma.masked_array([1.0, -999.0, 3.0], mask=[False, True, False])
values = torch.from_numpy(readings.filled(np.nan))  # mark missing values as NaN
values
#> tensor([1., nan, 3.], dtype=torch.float64)
values.nanmean()
#> tensor(2., dtype=torch.float64)
valid = torch.from_numpy(~np.ma.getmaskarray(readings))  # or keep the mask as a bool tensor
torch.from_numpy(readings.data)[valid].mean()
#> tensor(2., dtype=torch.float64)
# --8<-- [end:masked_fixes]

# --8<-- [start:big_endian_file]
import numpy as np
import torch

np.arange(3, dtype=">i4").tofile("counts.bin")  # as written by a big-endian format
counts = np.fromfile("counts.bin", dtype=">i4")
# fix: convert to the machine's byte order: counts.astype(counts.dtype.newbyteorder("="))
torch.from_numpy(counts)
#! raises ValueError: given numpy array has byte order different from the native byte order. Conversion between byte orders is currently not supported.
native = counts.astype(counts.dtype.newbyteorder("="))
np.shares_memory(native, counts)  # astype made a copy in the new byte order
#> False
torch.from_numpy(native)
#> tensor([0, 1, 2], dtype=torch.int32)
# --8<-- [end:big_endian_file]
