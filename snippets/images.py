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
np.shares_memory(image, tensor.numpy())
#> True
scaled = tensor.float() / 255  # the copy happens here, into float32 in [0, 1]
scaled[:, 0, 0]
#> tensor([1., 0., 0.])
np.shares_memory(image, scaled.numpy())
#> False
mean = torch.tensor([0.485, 0.456, 0.406]).view(3, 1, 1)  # ImageNet statistics, per channel
std = torch.tensor([0.229, 0.224, 0.225]).view(3, 1, 1)
normalized = (scaled - mean) / std  # what torchvision's pretrained models expect
normalized[:, 0, 0]
#> tensor([ 2.2489, -2.0357, -1.8044])
# --8<-- [end:hwc_to_chw]

# --8<-- [start:chw_to_hwc]
import torch

scaled = torch.tensor([[[1.2]], [[0.5]], [[-0.1]]])  # 3 x 1 x 1, out of range after some processing
pixels = (scaled * 255).clamp(0, 255).round().to(torch.uint8)  # clamp first: out-of-range casts are undefined
pixels.permute(1, 2, 0).numpy()
#> array([[[255, 128,   0]]], dtype=uint8)
# --8<-- [end:chw_to_hwc]

# --8<-- [start:variants]
import numpy as np
import torch

gray = np.zeros((4, 6), dtype=np.uint8)  # a grayscale image has no channel axis
# fix: add the channel axis instead of permuting: torch.from_numpy(gray)[None]
torch.from_numpy(gray).permute(2, 0, 1)
#! raises RuntimeError: permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = 2 is not equal to len(dims) = 3
torch.from_numpy(gray)[None].shape  # one channel first
#> torch.Size([1, 4, 6])
deep = np.full((4, 6, 3), 65535, dtype=np.uint16)  # 16 bits per channel, as OpenCV's IMREAD_UNCHANGED gives
top = np.iinfo(deep.dtype).max  # the dtype's maximum: 65535 here, 255 for uint8
top
#> 65535
(torch.from_numpy(deep).permute(2, 0, 1).float() / top).max()  # divide by it, not by 255
#> tensor(1.)
chw = torch.from_numpy(np.zeros((4, 6, 3), dtype=np.uint8)).permute(2, 0, 1)
batch = chw.float().unsqueeze(0)  # models take a batch: N x C x H x W
batch.shape
#> torch.Size([1, 3, 4, 6])
batch.is_contiguous()  # the values are still in HWC order in memory
#> False
batch.contiguous().is_contiguous()  # .contiguous() reorders them, where a .view() needs it
#> True
# --8<-- [end:variants]
