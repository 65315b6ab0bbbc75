# --8<-- [start:from_numpy]
import numpy as np
import torch

array = np.eye(3)
tensor = torch.from_numpy(array)
tensor
#> tensor([[1., 0., 0.],
#>         [0., 1., 0.],
#>         [0., 0., 1.]], dtype=torch.float64)
# --8<-- [end:from_numpy]
