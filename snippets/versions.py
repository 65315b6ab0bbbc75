"""When torch and NumPy don't fit together: what torch says when it cannot use NumPy, and how to check a pair."""

# --8<-- [start:numpy_not_available]
import subprocess
import sys

# A fresh interpreter where `import numpy` fails, as it does (for torch) when the two don't fit.
hidden = "import sys; sys.modules['numpy'] = None; import torch; torch.zeros(2).numpy()"
result = subprocess.run([sys.executable, "-c", hidden], capture_output=True, text=True)
print(result.stderr.strip().splitlines()[-1])
#> RuntimeError: Numpy is not available
"Failed to initialize NumPy" in result.stderr  # the warning torch gave first
#> True
# The same call where NumPy loads:
working = "import torch; print(torch.zeros(2).numpy())"
print(subprocess.run([sys.executable, "-c", working], capture_output=True, text=True).stdout.strip())
#> [0. 0.]
# --8<-- [end:numpy_not_available]

# --8<-- [start:check_pair]
import importlib.metadata

import numpy as np
import torch

[r for r in importlib.metadata.requires("torch") if r.lower().startswith("numpy")]  # torch does not pin NumPy
#> []
torch.from_numpy(np.arange(3))  # this pair works: converting is the test
#> tensor([0, 1, 2])
np.asarray(torch.arange(3))
#> array([0, 1, 2])
# --8<-- [end:check_pair]

# --8<-- [start:abi_version]
# requires: numpy>=2
import numpy as np

hex(np._core._multiarray_umath._get_ndarray_c_version())  # the ABI this NumPy offers to compiled modules
#> '0x2000000'
# --8<-- [end:abi_version]

# --8<-- [start:abi_version_1x]
# requires: numpy<2
import numpy as np

hex(np.core._multiarray_umath._get_ndarray_c_version())  # the ABI of NumPy 1.x (1.26.4 here)
#> '0x1000009'
# --8<-- [end:abi_version_1x]
