"""Data from pandas and from a DataLoader: Series and DataFrames, object columns, worker random
generators, and batches that default_collate refuses."""

# --8<-- [start:series_index]
import numpy as np
import pandas as pd
import torch

frame = pd.DataFrame({"size": [1.0, 2.0, 3.0, 4.0], "label": [0, 1, 0, 1]})
train = frame[frame["size"] > 1.5]  # filtering keeps the index labels 1, 2, 3: there is no label 0
train.index.tolist()
#> [1, 2, 3]
# fix: convert the column's values, not the Series: torch.tensor(train["label"].to_numpy())
torch.tensor(train["label"])
#! raises ValueError: could not determine the shape of object type 'Series'
torch.tensor(train["label"].to_numpy())  # torch.tensor copies: the same result on pandas 2.3.3 and 3.1.1
#> tensor([1, 0, 1])
# fix: convert the column's values: torch.tensor(train["label"].to_numpy())
torch.LongTensor(train["label"])  # the legacy constructors read a Series the same way
#! raises ValueError: could not determine the shape of object type 'Series'
kept = frame.drop(index=1)  # labels 0, 2 and 3: label 0 is there, label 1 is not
# fix: convert the column's values: torch.tensor(kept["label"].to_numpy())
torch.tensor(kept["label"])
#! raises KeyError: 1
torch.tensor(kept["label"].to_numpy())
#> tensor([0, 0, 1])
shuffled = frame.sample(frac=1, random_state=0)  # every label from 0 to 3, in another order
shuffled.index.tolist(), shuffled["label"].tolist()
#> ([2, 3, 1, 0], [0, 1, 1, 0])
torch.tensor(shuffled["label"])  # this one works, and takes the rows in their order, not the labels'
#> tensor([0, 1, 1, 0])
torch.tensor(frame["label"])  # the unfiltered column has every label from 0 to 3, so this one happens to work
#> tensor([0, 1, 0, 1])
# fix: convert the values of the whole frame: torch.tensor(frame.to_numpy(dtype=np.float32))
torch.tensor(frame)
#! raises ValueError: could not determine the shape of object type 'DataFrame'
torch.tensor(frame.to_numpy(dtype=np.float32))
#> tensor([[1., 0.],
#>         [2., 1.],
#>         [3., 0.],
#>         [4., 1.]])
frame.to_numpy(dtype=np.float32, copy=True).flags.writeable  # copy=True: writable on pandas 2.3.3 and 3.1.1 alike
#> True
# --8<-- [end:series_index]

# --8<-- [start:object_columns]
import numpy as np
import pandas as pd
import torch

frame = pd.DataFrame({"age": [22.0, 38.0], "port": ["S", "C"]})
features = pd.get_dummies(frame, columns=["port"])  # pandas 2.0 and later: bool columns
features.dtypes.tolist()
#> [dtype('float64'), dtype('bool'), dtype('bool')]
features.values  # float and bool columns share no NumPy dtype but object
#> array([[22.0, False, True],
#>        [38.0, True, False]], dtype=object)
# fix: ask pandas for one numeric dtype: features.to_numpy(dtype=np.float32)
torch.tensor(features.values, dtype=torch.float32)
#! raises TypeError: can't convert np.ndarray of type numpy.object_. The only supported types are: float64, float32, float16, complex64, complex128, int64, int32, int16, int8, uint64, uint32, uint16, uint8, and bool.
torch.from_numpy(features.to_numpy(dtype=np.float32))
#> tensor([[22.,  0.,  1.],
#>         [38.,  1.,  0.]])
counts = pd.Series([3, None, 5], dtype="Int64")  # a nullable integer column holds pd.NA
# fix: choose what a missing value becomes: counts.to_numpy(dtype=np.float32, na_value=np.nan)
torch.tensor(counts)
#! raises RuntimeError: Could not infer dtype of NAType
torch.from_numpy(counts.to_numpy(dtype=np.float32, na_value=np.nan))
#> tensor([3., nan, 5.])
mixed = pd.DataFrame({"age": [22.0, 38.0], "name": ["Ann", "Bob"]})  # a column of strings
# fix: leave the strings out (or encode them first): mixed.drop(columns="name").to_numpy(dtype=np.float32)
mixed.to_numpy(dtype=np.float32)
#! raises ValueError: could not convert string to float: 'Ann'
torch.tensor(mixed.drop(columns="name").to_numpy(dtype=np.float32))
#> tensor([[22.],
#>         [38.]])
ports = frame.astype({"port": "category"})  # a categorical column of strings
# fix: convert the categorical column to its integer codes: ports.assign(port=ports["port"].cat.codes)
ports.to_numpy(dtype=np.float32)
#! raises ValueError: could not convert string to float: 'S'
torch.tensor(ports.assign(port=ports["port"].cat.codes).to_numpy(dtype=np.float32))
#> tensor([[22.,  1.],
#>         [38.,  0.]])
colours = pd.Series(["red", "blue", None, "red"], dtype="category")  # None: a missing value
colours.cat.codes.to_numpy().flags.writeable  # pandas hands out a read-only array
#> False
codes = torch.tensor(colours.cat.codes.to_numpy())  # torch.tensor copies; the codes are int8, -1 where a value is missing
codes
#> tensor([ 1,  0, -1,  1], dtype=torch.int8)
logits = torch.zeros(4, 2)  # a model's output for the two colours
# fix: class indices must be int64: codes.long()
torch.nn.functional.cross_entropy(logits, codes)
#! raises RuntimeError: expected target dtype to be Long or Byte, but got Char
torch.nn.functional.cross_entropy(logits, codes.long(), ignore_index=-1)  # int64, and the missing value skipped
#> tensor(0.6931)
# --8<-- [end:object_columns]

# --8<-- [start:worker_rng]
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, get_worker_info


class Jitter(Dataset):
    """Four samples, each a random number from the dataset's own NumPy generator."""
    def __init__(self):
        self.rng = np.random.default_rng(0)  # made once, in the main process
    def __len__(self):
        return 4
    def __getitem__(self, index):
        return self.rng.integers(1000)


# Each worker gets a copy of the dataset, generator state included: both draw the same numbers.
list(DataLoader(Jitter(), batch_size=2, num_workers=2))
#> [tensor([850, 636]), tensor([850, 636])]


def seed_worker(worker_id):
    """Give this worker's copy of the dataset a generator of its own, from the seed torch gives the worker."""
    info = get_worker_info()
    info.dataset.rng = np.random.default_rng(info.seed)


# The seeds come from the loader's generator: seed it to get the same numbers on every run.
loader = DataLoader(Jitter(), batch_size=2, num_workers=2, worker_init_fn=seed_worker, generator=torch.Generator().manual_seed(0))
list(loader)
#> [tensor([525, 776]), tensor([242, 652])]
# --8<-- [end:worker_rng]

# --8<-- [start:worker_global_rng]
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class GlobalJitter(Dataset):
    """Four samples drawn from NumPy's global generator, which torch 1.9 and later seeds in each worker."""
    def __len__(self):
        return 4
    def __getitem__(self, index):
        return np.random.randint(1000)


list(DataLoader(GlobalJitter(), batch_size=2, num_workers=2, generator=torch.Generator().manual_seed(0)))
#> [tensor([522, 297]), tensor([234, 407])]
# --8<-- [end:worker_global_rng]

# --8<-- [start:collate_none]
import numpy as np
import torch
from torch.utils.data import DataLoader, default_collate

# A dataset whose image reader returned None for a file it could not read (cv2.imread does).
samples = [None, (np.ones(2, dtype=np.float32), 1), (np.zeros(2, dtype=np.float32), 0)]
# fix: a sample is None: drop such samples in a collate_fn of your own, or fix the reader
next(iter(DataLoader(samples, batch_size=3)))
#! raises TypeError: default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found <class 'NoneType'>
# fix: a sample is None: drop such samples in a collate_fn of your own, or fix the reader
next(iter(DataLoader(samples[::-1], batch_size=3)))  # the None last: the message changes
#! raises TypeError: object of type 'NoneType' has no len()
images = [np.ones(2, dtype=np.float32), None]  # samples that are bare arrays
# fix: a sample is None: drop such samples in a collate_fn of your own, or fix the reader
next(iter(DataLoader(images, batch_size=2)))
#! raises RuntimeError: Could not infer dtype of NoneType
records = [{"image": np.ones(2, dtype=np.float32), "label": 1}, None]  # samples that are dicts
# fix: a sample is None: drop such samples in a collate_fn of your own, or fix the reader
next(iter(DataLoader(records, batch_size=2)))
#! raises TypeError: 'NoneType' object is not subscriptable
tensors = [torch.ones(2), None]  # samples that are tensors
# fix: a sample is None: drop such samples in a collate_fn of your own, or fix the reader
next(iter(DataLoader(tensors, batch_size=2)))
#! raises TypeError: expected Tensor as element 1 in argument 0, but got NoneType
scores = [0.5, None]  # samples that are float numbers (int ones give "Could not infer dtype of NoneType")
# fix: a sample is None: drop such samples in a collate_fn of your own, or fix the reader
next(iter(DataLoader(scores, batch_size=2)))
#! raises TypeError: must be real number, not NoneType
# fix: a batch in which every sample is None leaves nothing to collate: return None for it and skip it in the loop
default_collate([sample for sample in [None, None] if sample is not None])
#! raises IndexError: list index out of range


def skip_missing(batch):
    """Collate the samples that are not None; a batch with none left becomes None, for the loop to skip."""
    kept = [sample for sample in batch if sample is not None]
    return default_collate(kept) if kept else None


for dataset in (samples, images, records, tensors, scores):
    next(iter(DataLoader(dataset, batch_size=3, collate_fn=skip_missing)))
#> [tensor([[1., 1.],
#>         [0., 0.]]), tensor([1, 0])]
#> tensor([[1., 1.]])
#> {'image': tensor([[1., 1.]]), 'label': tensor([1])}
#> tensor([[1., 1.]])
#> tensor([0.5000], dtype=torch.float64)

next(iter(DataLoader([None, None], batch_size=2, collate_fn=skip_missing))) is None
#> True
# --8<-- [end:collate_none]

# --8<-- [start:collate_object]
import numpy as np
import pandas as pd
from torch.utils.data import DataLoader

np.array([0.5, None]).dtype  # a None (or another Python object) among numbers: an object array
#> dtype('O')
np.array([[0.5, "a"], [1.5, "b"]]).dtype  # numbers and strings: a string array, not an object one
#> dtype('<U32')
rows = pd.DataFrame({"size": [0.5, 1.5], "flag": [True, False]}).values  # float and bool columns: an object array
# fix: give the arrays a numeric dtype in the dataset: rows.astype(np.float32)
next(iter(DataLoader(rows, batch_size=2)))
#! raises TypeError: default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found object
next(iter(DataLoader(rows.astype(np.float32), batch_size=2)))
#> tensor([[0.5000, 1.0000],
#>         [1.5000, 0.0000]])
# --8<-- [end:collate_object]
