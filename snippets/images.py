"""Images: NumPy's height x width x channels uint8 to a channels-first float tensor, and back."""

# --8<-- [start:hwc_to_chw]
import numpy as np
import torch

image = np.zeros((4, 6, 3), dtype=np.uint8)  # height, width, RGB channels
image[..., 0] = 255  # a red picture
tensor = torch.from_numpy(image).permute(2, 0, 1)  # channels first, still shared memory
tensor.shape
#> torch.Size([3, 4, 6])
tensor.stride()  # permute only reorders strides; nothing is copied yet
#> (1, 18, 3)
scaled = tensor.float() / 255  # the copy happens here, into float32 in [0, 1]
scaled[:, 0, 0]
#> tensor([1., 0., 0.])
# --8<-- [end:hwc_to_chw]

# --8<-- [start:chw_to_hwc]
import torch

scaled = torch.tensor([[[1.2]], [[0.5]], [[-0.1]]])  # 3 x 1 x 1, out of range after some processing
pixels = (scaled * 255).clamp(0, 255).round().to(torch.uint8)  # clamp before the cast, or values wrap
pixels.permute(1, 2, 0).numpy()
#> array([[[255, 128,   0]]], dtype=uint8)
# --8<-- [end:chw_to_hwc]
