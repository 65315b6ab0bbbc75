"""Test your own documentation this way: a first example in the snippet format."""

# --8<-- [start:first_example]
import numpy as np
import torch

counts = np.array([3, 1, 2], dtype=np.int32)
counts
#> array([3, 1, 2], dtype=int32)
torch.from_numpy(counts)
#> tensor([3, 1, 2], dtype=torch.int32)
torch.from_numpy(counts).float().mean()
#> tensor(2.)
# --8<-- [end:first_example]

# --8<-- [start:messages]
import warnings

import numpy as np
import torch

weights = torch.ones(2, requires_grad=True)
# fix: detach first: weights.detach().numpy()
weights.numpy()
#! raises RuntimeError: Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.
# fix: silence a warning you have read with warnings.filterwarnings
warnings.warn("this value is approximate", stacklevel=1)
#! warns UserWarning: this value is approximate
print(np.float32(0.1).dtype)
#> float32
# --8<-- [end:messages]

# --8<-- [start:repl_rules]
import numpy as np


def total(values):
    print(f"adding {len(values)} values")
    return np.sum(values)


row = np.arange(3)
row
#> array([0, 1, 2])
for k in range(2):
    k * 10
#> 0
#> 10

total(row)
#> adding 3 values
#> np.int64(3)
# fix: name an axis the array has: axis=0
np.sum(row, axis=1)
#! raises AxisError: axis 1 is out of bounds for array of dimension 1
# --8<-- [end:repl_rules]

# --8<-- [start:terminal_output]
import os
import subprocess
import sys

import torch


def mean_of(values):
    print("mean of", len(values), "values:", end=" ")
    return torch.tensor(values).mean()


mean_of([1.0, 2.0, 4.5])
#> mean of 3 values: tensor(2.5000)
for step in range(1, 4):
    print(f"\rstep {step}/3", end="")
#> step 3/3

print("a note on stderr", file=sys.stderr)
#> a note on stderr
os.write(1, b"straight to file descriptor 1\n")
#> straight to file descriptor 1
#> 30
subprocess.run([sys.executable, "-c", "print('from a child process')"]).returncode
#> from a child process
#> 0
os.write(2, b"a native notice\n")  # descriptor 2 itself: only the count shows
#> 16
# --8<-- [end:terminal_output]

# --8<-- [start:on_gpu]
# requires: cuda
import torch

torch.ones(2, device="cuda").device
#> device(type='cuda', index=0)
# --8<-- [end:on_gpu]
