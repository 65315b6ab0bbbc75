"""Bugs in torch 2.13 that a reader can hit when converting. Each one is checked on every test run."""

# --8<-- [start:read_only_through_dlpack]
# requires: numpy>=2
import numpy as np
import torch

array = np.arange(3.0)
array.setflags(write=False)
tensor = torch.from_dlpack(array)  # no warning, unlike torch.from_numpy
tensor[0] = 5.0  # and the write goes through
array
#> array([5., 1., 2.])
row = np.broadcast_to(np.arange(3.0), (2, 3))  # read-only, with a stride of 0
torch.from_dlpack(row)  # no warning either
#> tensor([[0., 1., 2.],
#>         [0., 1., 2.]], dtype=torch.float64)
# --8<-- [end:read_only_through_dlpack]

# --8<-- [start:read_only_dlpack_numpy1]
# requires: numpy<2
import numpy as np
import torch

array = np.arange(3.0)
array.setflags(write=False)
# fix: On NumPy 2.0 and earlier, use `torch.from_numpy(array)`, or `array.copy()` before `torch.from_dlpack`.
torch.from_dlpack(array)  # NumPy 2.0 and earlier refuse to export a read-only array
#! raises BufferError: Cannot export readonly array since signalling readonly is unsupported by DLPack.
# --8<-- [end:read_only_dlpack_numpy1]

# --8<-- [start:negative_bit_through_dlpack]
import numpy as np
import torch

imaginary = torch.tensor([1 + 2j]).conj().imag
imaginary  # the right value: the imaginary part of 1-2j
#> tensor([-2.])
np.from_dlpack(imaginary)  # the negative bit is dropped: the sign flips
#> array([2.], dtype=float32)
np.from_dlpack(imaginary.resolve_neg())  # resolve it first
#> array([-2.], dtype=float32)
# --8<-- [end:negative_bit_through_dlpack]

# --8<-- [start:negative_strides_abort]
import subprocess
import sys

# Run in a separate interpreter: this call aborts the process instead of raising.
code = "import numpy as np, torch; torch.from_dlpack(np.arange(4.0)[::-1])"
result = subprocess.run([sys.executable, "-c", code], capture_output=True)
result.returncode  # a negative return code is the signal: 6 is SIGABRT
#> -6
# --8<-- [end:negative_strides_abort]

# --8<-- [start:shared_memory_resize_segfault]
import signal
import subprocess
import sys

import torch

# Run in a separate interpreter: growing a tensor in shared memory kills the process instead of raising.
code = "import torch; torch.zeros(5).share_memory_().resize_(6)"
# fix: Make a new shared tensor of the new size and copy the values in: `bigger = torch.zeros(6).share_memory_(); bigger[:5] = shared`.
result = subprocess.run([sys.executable, "-c", code], capture_output=True)
result.returncode  # a negative return code is the signal: 11 is SIGSEGV
#> -11
signal.Signals(-result.returncode)
#> <Signals.SIGSEGV: 11>
storage_code = "import torch; torch.zeros(5).share_memory_().untyped_storage().resize_(24)"  # 20 bytes to 24
subprocess.run([sys.executable, "-c", storage_code], capture_output=True).returncode  # the storage crashes too
#> -11
shared = torch.arange(5.0).share_memory_()
bigger = torch.zeros(6).share_memory_()  # a new tensor in shared memory, of the new size
bigger[:5] = shared  # copy the old values in
bigger
#> tensor([0., 1., 2., 3., 4., 0.])
bigger.is_shared()
#> True
shared.resize_(5, 1).shape  # keeping the number of elements does not crash
#> torch.Size([5, 1])
shared.resize_(2, 2).shape  # nor does shrinking
#> torch.Size([2, 2])
# --8<-- [end:shared_memory_resize_segfault]

# --8<-- [start:array_copy_false]
# requires: numpy>=2
import numpy as np
import torch

tensor = torch.arange(3.0)
# fix: For `np.array(tensor, copy=False)` (NumPy 2.0 and later), use `np.asarray(tensor)`, as NumPy's message recommends.
np.array(tensor, copy=False)  # sharing is possible, yet NumPy 2 cannot ask torch 2.13 for it
#! warns DeprecationWarning: __array__ implementation doesn't accept a copy keyword, so passing copy=False failed. __array__ must implement 'dtype' and 'copy' keyword arguments. To learn more, see the migration guide https://numpy.org/devdocs/numpy_2_0_migration_guide.html#adapting-to-changes-in-the-copy-keyword
#! raises ValueError: Unable to avoid copy while creating an array as requested.
#! If using `np.array(obj, copy=False)` replace it with `np.asarray(obj)` to allow a copy when needed (no behavior change in NumPy 1.x).
#! For more details, see https://numpy.org/devdocs/numpy_2_0_migration_guide.html#adapting-to-changes-in-the-copy-keyword.
np.asarray(tensor)  # what NumPy's message recommends: shares when it can
#> array([0., 1., 2.], dtype=float32)
# fix: for plain np.array(tensor) (NumPy 2.1 and later warn; 2.0 does not), use np.asarray(tensor) to share, or tensor.numpy().copy() for a copy
copied = np.array(tensor)  # even without copy=False, NumPy 2.1 and later warn (with a message about copy=False)
#! warns DeprecationWarning: __array__ implementation doesn't accept a copy keyword, so passing copy=False failed. __array__ must implement 'dtype' and 'copy' keyword arguments. To learn more, see the migration guide https://numpy.org/devdocs/numpy_2_0_migration_guide.html#adapting-to-changes-in-the-copy-keyword
np.shares_memory(copied, tensor.numpy())  # and it copies
#> False
# --8<-- [end:array_copy_false]

# --8<-- [start:array_copy_false_numpy1]
# requires: numpy<2
import numpy as np
import torch

tensor = torch.arange(3.0)
np.array(tensor, copy=False)  # NumPy 1.26 reads copy=False as "copy only if needed"
#> array([0., 1., 2.], dtype=float32)
np.array(tensor)  # no warning with NumPy 1.26
#> array([0., 1., 2.], dtype=float32)
np.asarray(tensor)
#> array([0., 1., 2.], dtype=float32)
# --8<-- [end:array_copy_false_numpy1]
