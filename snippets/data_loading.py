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
torch.tensor(train["label"].to_numpy())
#> tensor([1, 0, 1])
# fix: convert the column's values: torch.from_numpy(train["label"].to_numpy())
torch.LongTensor(train["label"])  # the legacy constructors read a Series the same way
#! raises ValueError: could not determine the shape of object type 'Series'
torch.tensor(frame["label"])  # the unfiltered column has a label 0, so this one happens to work
#> tensor([0, 1, 0, 1])
# fix: convert the values of the whole frame: torch.from_numpy(frame.to_numpy(dtype=np.float32))
torch.tensor(frame)
#! raises ValueError: could not determine the shape of object type 'DataFrame'
torch.from_numpy(frame.to_numpy(dtype=np.float32))
#> tensor([[1., 0.],
#>         [2., 1.],
#>         [3., 0.],
#>         [4., 1.]])
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
colours = pd.Series(["red", "blue", "red"], dtype="category")
colours.cat.codes.to_numpy().flags.writeable  # pandas hands out a read-only array
#> False
torch.from_numpy(colours.cat.codes.to_numpy().copy())  # a categorical column: its integer codes
#> tensor([1, 0, 1], dtype=torch.int8)
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


def skip_missing(batch):
    """Collate the samples that are not None."""
    return default_collate([sample for sample in batch if sample is not None])


next(iter(DataLoader(samples, batch_size=3, collate_fn=skip_missing)))
#> [tensor([[1., 1.],
#>         [0., 0.]]), tensor([1, 0])]
# --8<-- [end:collate_none]

# --8<-- [start:collate_object]
import numpy as np
from torch.utils.data import DataLoader

rows = np.array([[0.5, 1], [1.5, 0]], dtype=object)  # numbers in an object array, as np.array(mixed_list) makes
# fix: give the arrays a numeric dtype in the dataset: rows.astype(np.float32)
next(iter(DataLoader(rows, batch_size=2)))
#! raises TypeError: default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found object
next(iter(DataLoader(rows.astype(np.float32), batch_size=2)))
#> tensor([[0.5000, 1.0000],
#>         [1.5000, 0.0000]])
# --8<-- [end:collate_object]
