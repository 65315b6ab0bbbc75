"""Reading a repr: dtype, device and grad, summaries, and print options."""

# --8<-- [start:suffixes]
import torch

torch.tensor([1.0, 2.0])  # float32: the default, no suffix
#> tensor([1., 2.])
torch.tensor([1, 2])  # int64: no suffix either
#> tensor([1, 2])
torch.tensor([1.0, 2.0], dtype=torch.float64)
#> tensor([1., 2.], dtype=torch.float64)
torch.tensor([1, 2], dtype=torch.int32)
#> tensor([1, 2], dtype=torch.int32)
torch.tensor([1j])  # complex64, the default float's complex partner: no suffix
#> tensor([0.+1.j])
torch.tensor([], dtype=torch.int64)  # an empty tensor names every dtype but the default float
#> tensor([], dtype=torch.int64)
torch.nonzero(torch.zeros(3))  # so an empty result names its int64
#> tensor([], size=(0, 1), dtype=torch.int64)
torch.tensor([])  # empty float32: no suffix
#> tensor([])
# --8<-- [end:suffixes]

# --8<-- [start:numpy_suffixes]
import numpy as np

np.array([1.0, 2.0])  # float64: NumPy's default, no suffix
#> array([1., 2.])
np.array([1.0, 2.0], dtype=np.float32)
#> array([1., 2.], dtype=float32)
np.array([])  # an empty array always names its dtype
#> array([], dtype=float64)
np.float64(2.5)  # NumPy 2 shows the type of a scalar; NumPy 1.26 printed just 2.5
#> np.float64(2.5)
# --8<-- [end:numpy_suffixes]

# --8<-- [start:default_dtype]
import torch

torch.set_default_dtype(torch.float64)  # changes what the repr leaves out
wide = torch.tensor([1.0])
wide.dtype
#> torch.float64
repr(wide)  # float64 is now the default: no suffix
#> 'tensor([1.])'
repr(torch.tensor([1.0], dtype=torch.float32))
#> 'tensor([1.], dtype=torch.float32)'
torch.set_default_dtype(torch.float32)  # back to torch's default
# --8<-- [end:default_dtype]

# --8<-- [start:summaries]
import numpy as np
import torch

torch.arange(10_000)
#> tensor([   0,    1,    2,  ..., 9997, 9998, 9999])
np.arange(10_000)  # NumPy 2.2 and later add shape= to a summary
#> array([   0,    1,    2, ..., 9997, 9998, 9999], shape=(10000,))
# --8<-- [end:summaries]

# --8<-- [start:scientific]
import numpy as np
import torch

values = [1e-5, 1e3]
torch.tensor(values)  # one value needs it, so the whole tensor prints in scientific notation
#> tensor([1.0000e-05, 1.0000e+03])
np.array(values)  # NumPy too, with as few digits as each value needs
#> array([1.e-05, 1.e+03])
torch.tensor([1e-5]), np.array([1e-5])  # one small value alone is enough
#> (tensor([1.0000e-05]), array([1.e-05]))
torch.tensor([1e9]), np.array([1e9])  # and so is one large value
#> (tensor([1.0000e+09]), array([1.e+09]))
torch.tensor([1 / 3])  # torch prints 4 decimals by default
#> tensor([0.3333])
np.array([1 / 3])  # NumPy up to 8
#> array([0.33333333])
torch.set_printoptions(sci_mode=False)
torch.tensor(values)  # fixed notation, at 4 decimals: 1e-5 now shows as 0.0000
#> tensor([   0.0000, 1000.0000])
torch.set_printoptions(profile="default")  # back to the defaults, sci_mode included
torch.tensor(values)
#> tensor([1.0000e-05, 1.0000e+03])
with np.printoptions(suppress=True):  # NumPy's switch, for one block
    shown = repr(np.array(values))

shown
#> 'array([   0.00001, 1000.     ])'
# --8<-- [end:scientific]

# --8<-- [start:print_options]
import numpy as np
import torch

torch.set_printoptions(precision=2)  # stays in force for the rest of the session
third = torch.tensor([1 / 3])
third
#> tensor([0.33])
third.item()  # the value itself is not rounded
#> 0.3333333432674408
torch.set_printoptions(profile="default")  # back to torch's defaults
with np.printoptions(precision=3):  # NumPy can limit the change to a block
    shown = repr(np.array([1 / 3]))

shown
#> 'array([0.333])'
# --8<-- [end:print_options]

# --8<-- [start:grad]
import torch

weights = torch.ones(2, requires_grad=True)  # a leaf: created by you, tracked by autograd
weights
#> tensor([1., 1.], requires_grad=True)
weights.sum()  # a result: its repr names the operation that made it
#> tensor(2., grad_fn=<SumBackward0>)
torch.ones(2, dtype=torch.float64, requires_grad=True)  # dtype= comes before requires_grad=
#> tensor([1., 1.], dtype=torch.float64, requires_grad=True)
# fix: detach first: weights.sum().detach().numpy()
weights.sum().numpy()  # a grad_fn in the repr means .numpy() needs a .detach()
#! raises RuntimeError: Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.
# --8<-- [end:grad]
