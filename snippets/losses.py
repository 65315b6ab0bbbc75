"""The dtypes and shapes each loss expects of its targets, and what NumPy data brings instead."""

# --8<-- [start:class_index_dtype]
import numpy as np
import torch
import torch.nn.functional as F

logits = torch.zeros(4, 3)  # a batch of 4, 3 classes: float32, from the model
labels = np.array([0, 2, 1, 2], dtype=np.int32)  # int32: astype(np.int32), or NumPy 1.x's default int on Windows
# fix: class indices must be int64: torch.from_numpy(labels).long()
F.cross_entropy(logits, torch.from_numpy(labels))
#! raises RuntimeError: expected target dtype to be Long or Byte, but got Int
F.cross_entropy(logits, torch.from_numpy(labels).long())
#> tensor(1.0986)
float_labels = np.array([0.0, 2.0, 1.0, 2.0])  # labels read from a CSV of floats
# fix: class indices must be int64: torch.from_numpy(float_labels).long()
F.cross_entropy(logits, torch.from_numpy(float_labels))
#! raises RuntimeError: expected target dtype to be Long or Byte, but got Double
F.cross_entropy(logits, torch.from_numpy(float_labels).long())
#> tensor(1.0986)
F.cross_entropy(logits, torch.from_numpy(labels.astype(np.uint8)))  # uint8 ("Byte") is the one other dtype it takes
#> tensor(1.0986)
# fix: class indices must be int64 here too: torch.from_numpy(labels).long()
F.multi_margin_loss(logits, torch.from_numpy(labels))  # other losses still give the older message
#! raises RuntimeError: expected scalar type Long but found Int
F.multi_margin_loss(logits, torch.from_numpy(labels).long())
#> tensor(0.6667)
# --8<-- [end:class_index_dtype]

# --8<-- [start:class_index_shape]
import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F

logits = torch.zeros(4, 3)
column = np.array([[0], [2], [1], [2]])  # a label column, shape (4, 1): df[["label"]].to_numpy()
# fix: class indices are one number per sample, shape (4,): column.ravel()
F.cross_entropy(logits, torch.from_numpy(column))
#! raises RuntimeError: 0D or 1D target tensor expected, multi-target not supported
F.cross_entropy(logits, torch.from_numpy(column.ravel()))
#> tensor(1.0986)
one_hot = np.eye(3, dtype=np.int64)[[0, 2, 1, 2]]  # one-hot rows, shape (4, 3)
# fix: pass the indices (one_hot.argmax(1)), or the rows as float probabilities (.float())
F.cross_entropy(logits, torch.from_numpy(one_hot))
#! raises RuntimeError: Expected floating point type for target with class probabilities, got Long
F.cross_entropy(logits, torch.from_numpy(one_hot.argmax(1)))
#> tensor(1.0986)
F.cross_entropy(logits, torch.from_numpy(one_hot).float())  # rows of probabilities: the same loss
#> tensor(1.0986)
dummies = pd.get_dummies(pd.Series(["a", "c", "b", "c"]))  # one-hot columns from pandas 2.0 and later are bool
# fix: make the rows float: torch.tensor(dummies.to_numpy(dtype=np.float32))
F.cross_entropy(logits, torch.tensor(dummies.to_numpy()))  # torch.tensor copies: no read-only warning with pandas 3.1.1
#! raises RuntimeError: Expected floating point type for target with class probabilities, got Bool
F.cross_entropy(logits, torch.tensor(dummies.to_numpy(dtype=np.float32)))
#> tensor(1.0986)
F.cross_entropy(logits, torch.from_numpy(np.eye(3)[[0, 2, 1, 2]]))  # np.eye's rows are float64: taken, a float64 loss
#> tensor(1.0986, dtype=torch.float64)
pixel_logits = torch.zeros(2, 3, 4, 4)  # a segmentation model's output: (batch, classes, height, width)
mask = torch.from_numpy(np.zeros((2, 1, 4, 4), dtype=np.int64))  # masks loaded with a channel axis: (2, 1, 4, 4)
# fix: one class index per pixel, shape (batch, height, width): mask.squeeze(1)
F.cross_entropy(pixel_logits, mask)
#! raises RuntimeError: only batches of spatial targets supported (3D tensors) but got targets of dimension: 4
F.cross_entropy(pixel_logits, mask.squeeze(1))
#> tensor(1.0986)
# --8<-- [end:class_index_shape]

# --8<-- [start:out_of_bounds]
import numpy as np
import torch
import torch.nn.functional as F

logits = torch.zeros(4, 4)  # 4 classes: the indices are 0, 1, 2 and 3
labels = np.array([1, 2, 3, 4])  # labels numbered from 1
# fix: number the classes from 0: labels - 1
F.cross_entropy(logits, torch.from_numpy(labels))
#! raises IndexError: Target 4 is out of bounds.
F.cross_entropy(logits, torch.from_numpy(labels - 1))
#> tensor(1.3863)
marked = np.array([0, 3, -1, 2])  # -1 marks a sample without a label
try:
    F.cross_entropy(logits, torch.from_numpy(marked))
except IndexError as error:  # the same IndexError, for the -1
    print("IndexError:", error)
#> IndexError: Target -1 is out of bounds.

F.cross_entropy(logits, torch.from_numpy(marked), ignore_index=-1)  # fix: skip the marked sample
#> tensor(1.3863)
# --8<-- [end:out_of_bounds]

# --8<-- [start:class_weights]
import numpy as np
import torch

counts = np.array([90, 10])
weights = counts.sum() / (len(counts) * counts)  # "balanced" class weights come out float64
weights.dtype
#> dtype('float64')
loss = torch.nn.CrossEntropyLoss(weight=torch.from_numpy(weights))
# fix: make the weights float32 like the logits: torch.tensor(weights, dtype=torch.float32)
loss(torch.zeros(2, 2), torch.tensor([0, 1]))
#! raises RuntimeError: expected scalar type Float but found Double
loss = torch.nn.CrossEntropyLoss(weight=torch.tensor(weights, dtype=torch.float32))
loss(torch.zeros(2, 2), torch.tensor([0, 1]))
#> tensor(0.6931)
# --8<-- [end:class_weights]

# --8<-- [start:binary_targets]
import numpy as np
import torch

scores = torch.zeros(4, requires_grad=True)  # one logit per sample, float32
targets = np.array([0, 1, 1, 0])  # int64 0/1 labels
# fix: binary targets are floats: torch.from_numpy(targets).float()
torch.nn.BCEWithLogitsLoss()(scores, torch.from_numpy(targets))
#! raises RuntimeError: result type Float can't be cast to the desired output type Long
torch.nn.BCEWithLogitsLoss()(scores, torch.from_numpy(targets).float())
#> tensor(0.6931, grad_fn=<BinaryCrossEntropyWithLogitsBackward0>)
probabilities = torch.sigmoid(scores)
# fix: binary targets are floats: torch.from_numpy(targets).float()
torch.nn.BCELoss()(probabilities, torch.from_numpy(targets))
#! raises RuntimeError: Found dtype Long but expected Float
# fix: make the targets float32 like the input: torch.from_numpy(targets).float()
torch.nn.BCELoss()(probabilities, torch.from_numpy(targets.astype(np.float64)))
#! raises RuntimeError: Found dtype Double but expected Float
torch.nn.BCELoss()(probabilities, torch.from_numpy(targets).float())
#> tensor(0.6931, grad_fn=<BinaryCrossEntropyBackward0>)
torch.nn.BCEWithLogitsLoss()(scores, torch.from_numpy(targets.astype(np.float64)))  # float64: a float64 loss
#> tensor(0.6931, dtype=torch.float64,
#>        grad_fn=<BinaryCrossEntropyWithLogitsBackward0>)
# --8<-- [end:binary_targets]

# --8<-- [start:regression_targets]
import numpy as np
import torch

predictions = torch.tensor([[1.0], [2.0], [3.0], [4.0]], requires_grad=True)  # a model's output: (batch, 1)
targets = torch.from_numpy(np.array([1.0, 2.0, 3.0, 4.0]))  # a float64 column, shape (4,): the same values
# fix: give the target the prediction's shape: targets.float().unsqueeze(1)
torch.nn.MSELoss()(predictions, targets.float())  # broadcast to (4, 4): every prediction against every target
#! warns UserWarning: Using a target size (torch.Size([4])) that is different to the input size (torch.Size([4, 1])). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.
#> tensor(2.5000, grad_fn=<MseLossBackward0>)
torch.nn.MSELoss()(predictions, targets.float().unsqueeze(1))  # (4, 1) against (4, 1): the predictions are exact
#> tensor(0., grad_fn=<MseLossBackward0>)
torch.nn.MSELoss()(predictions, targets.unsqueeze(1))  # a float64 target: no error, but a float64 loss
#> tensor(0., dtype=torch.float64, grad_fn=<MseLossBackward0>)
# --8<-- [end:regression_targets]

# --8<-- [start:binary_target_shape]
import numpy as np
import torch

scores = torch.zeros(4, 1, requires_grad=True)  # a model with one output: shape (4, 1)
targets = torch.from_numpy(np.array([0, 1, 1, 0], dtype=np.float32))  # a label column from NumPy: shape (4,)
# fix: give the target the input's shape: targets.unsqueeze(1)
torch.nn.BCEWithLogitsLoss()(scores, targets)
#! raises ValueError: Target size (torch.Size([4])) must be the same as input size (torch.Size([4, 1]))
torch.nn.BCEWithLogitsLoss()(scores, targets.unsqueeze(1))
#> tensor(0.6931, grad_fn=<BinaryCrossEntropyWithLogitsBackward0>)
probabilities = torch.sigmoid(scores)
# fix: give the target the input's shape: targets.unsqueeze(1)
torch.nn.BCELoss()(probabilities, targets)
#! raises ValueError: Using a target size (torch.Size([4])) that is different to the input size (torch.Size([4, 1])) is deprecated. Please ensure they have the same size.
torch.nn.BCELoss()(probabilities, targets.unsqueeze(1))
#> tensor(0.6931, grad_fn=<BinaryCrossEntropyBackward0>)
torch.nn.BCEWithLogitsLoss()(scores.squeeze(1), targets)  # or squeeze the output to (4,)
#> tensor(0.6931, grad_fn=<BinaryCrossEntropyWithLogitsBackward0>)
# --8<-- [end:binary_target_shape]

# --8<-- [start:one_hot]
import numpy as np
import torch
import torch.nn.functional as F

labels = torch.from_numpy(np.array([0, 2, 1], dtype=np.int32))
# fix: one_hot takes int64 indices: F.one_hot(labels.long())
F.one_hot(labels)
#! raises RuntimeError: one_hot is only applicable to index tensor of type LongTensor.
F.one_hot(labels.long(), num_classes=3)
#> tensor([[1, 0, 0],
#>         [0, 0, 1],
#>         [0, 1, 0]])
# --8<-- [end:one_hot]
