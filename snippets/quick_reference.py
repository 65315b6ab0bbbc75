"""The home page's quick-reference table, row by row: what shares memory and what copies."""

# --8<-- [start:table_checked]
import numpy as np
import torch

a = np.zeros(3)  # float64, NumPy's default
np.shares_memory(a, torch.from_numpy(a).numpy())  # torch.from_numpy(a)
#> True
np.shares_memory(a, torch.tensor(a).numpy())  # torch.tensor(a)
#> False
np.shares_memory(a, torch.as_tensor(a, dtype=torch.float32).numpy())  # float64 to float32: a copy
#> False
a32 = np.zeros(3, dtype=np.float32)
np.shares_memory(a32, torch.as_tensor(a32, dtype=torch.float32).numpy())  # already float32: shared
#> True
np.shares_memory(a, torch.from_numpy(a).float().numpy())  # t.float() on a float64 tensor
#> False
np.shares_memory(a, torch.from_numpy(a).to(torch.float32).numpy())  # t.to(torch.float32): the same
#> False
plain = torch.zeros(3)
plain.numpy()[0] = 1.0  # t.numpy(): a write to the array reaches the tensor
plain
#> tensor([1., 0., 0.])
values = plain.tolist()  # t.tolist(): Python floats, not a view
first = plain[0].item()  # t.item(): one Python float
plain[0] = 5.0
values
#> [1.0, 0.0, 0.0]
first
#> 1.0
snapshot = plain.detach().cpu().numpy().copy()  # t.detach().cpu().numpy().copy(): an independent array
plain[0] = 6.0
snapshot
#> array([5., 0., 0.], dtype=float32)
np.shares_memory(snapshot, plain.numpy())
#> False
weights = torch.zeros(3, requires_grad=True)
weights.detach().numpy()[0] = 1.0  # t.detach().numpy()
weights.detach().to("cpu").numpy()[1] = 2.0  # t.detach().to("cpu").numpy(), on the CPU
weights.numpy(force=True)[2] = 3.0  # t.numpy(force=True), on the CPU
weights
#> tensor([1., 2., 3.], requires_grad=True)
np.shares_memory(a, torch.from_numpy(a[::-1].copy()).numpy())  # a reversed array, copied
#> False
mixed = np.array([1, 2.5, None], dtype=object)  # an object array: cast it first
torch.from_numpy(mixed[:2].astype(np.float64))
#> tensor([1.0000, 2.5000], dtype=torch.float64)
half = torch.zeros(2, dtype=torch.bfloat16)
half.float().numpy()[0] = 1.0  # bfloat16 widened to float32: new memory
half
#> tensor([0., 0.], dtype=torch.bfloat16)
image = np.zeros((2, 2, 3), dtype=np.uint8)
np.shares_memory(image, (torch.from_numpy(image).permute(2, 0, 1).float() / 255).numpy())
#> False
# --8<-- [end:table_checked]
