"""What readers type into the site's search, and where the first result must lead (tests/test_search_intent.py).

INTENT: a reader's own words for what they want (not a message), with the sections that answer it, as the search
index names them ("page/#anchor", "page/" for a page's top). MESSAGES: a message as a reader pastes or types it,
whole, in part, or with their own variable parts (another device, dtype, shape), with the message the site shows
that it is a case of; its entry on the errors page and every section that shows it are right answers.
"""

INTENT = [
    # Converting, in both directions
    ("numpy to tensor", ["numpy-to-pytorch/#from-an-array-to-a-tensor"]),
    ("convert numpy array to torch tensor", ["numpy-to-pytorch/#from-an-array-to-a-tensor"]),
    ("from_numpy", ["numpy-to-pytorch/#from-an-array-to-a-tensor"]),
    ("tensor to numpy", ["pytorch-to-numpy/#from-a-tensor-to-an-array"]),
    ("convert tensor to numpy array", ["pytorch-to-numpy/#from-a-tensor-to-an-array"]),
    ("as_tensor vs from_numpy", ["numpy-to-pytorch/#copying-instead-of-sharing"]),
    ("copy instead of sharing memory", ["numpy-to-pytorch/#copying-instead-of-sharing"]),
    ("float64 to float32", ["numpy-to-pytorch/#changing-the-dtype"]),
    ("convert double tensor to float", ["numpy-to-pytorch/#changing-the-dtype"]),
    ("numpy array to gpu", ["numpy-to-pytorch/#sending-it-to-a-gpu"]),
    ("cuda tensor to numpy", ["pytorch-to-numpy/#tensors-on-a-gpu"]),
    ("gpu tensor to numpy", ["pytorch-to-numpy/#tensors-on-a-gpu"]),
    ("detach numpy requires grad", ["pytorch-to-numpy/#tensors-that-require-grad"]),
    ("tensor to list", ["pytorch-to-numpy/#single-values-and-lists"]),
    ("tensor to python float", ["pytorch-to-numpy/#single-values-and-lists"]),
    ("image to tensor", ["images/#array-to-tensor", "images/"]),  # the page opens with the one-line answer
    ("HWC to CHW", ["images/#array-to-tensor"]),
    ("tensor to image", ["images/#tensor-to-array", "images/"]),
    ("grayscale image", ["images/#common-variants"]),
    # Dtypes
    ("numpy torch dtype mapping", ["dtypes/#the-mapping"]),
    ("bfloat16 to numpy", ["dtypes/#torch-dtypes-numpy-lacks"]),
    ("uint16 tensor", ["dtypes/#unsigned-integers-beyond-uint8"]),
    ("string array to tensor", ["dtypes/#arrays-that-do-not-convert"]),
    (
        "object array to tensor",
        ["dtypes/#arrays-that-do-not-convert", "data-loading/#cant-convert-npndarray-of-type-numpyobject_-from-dfvalues"],
    ),
    ("set default dtype", ["common-problems/#what-torchset_default_dtype-changes"]),
    # Memory
    ("does from_numpy share memory", ["numpy-to-pytorch/#from-an-array-to-a-tensor", "memory-layout/#checking-what-is-shared"]),
    ("check if tensor and array share memory", ["memory-layout/#checking-what-is-shared"]),
    ("flipped array from_numpy", ["memory-layout/#negative-strides"]),
    ("transposed array to tensor", ["memory-layout/#transposed-arrays-stay-views"]),
    ("read only numpy array warning", ["memory-layout/#read-only-arrays"]),
    (
        "numpy copy of weights changes after optimizer step",
        ["shared-memory/#a-numpy-snapshot-of-the-weights-changes-after-optimizerstep"],
    ),
    (
        "wrong gradients after editing numpy array",
        ["shared-memory/#writing-through-the-numpy-view-gives-wrong-gradients-silently"],
    ),
    ("resize shared array", ["shared-memory/#resizing-either-side"]),
    # Devices
    ("gpu to cpu slow", ["common-problems/#item-cpu-and-tolist-on-a-gpu-tensor-wait-for-the-gpu"]),
    ("item slow in training loop", ["common-problems/#item-cpu-and-tolist-on-a-gpu-tensor-wait-for-the-gpu"]),
    ("device agnostic code", ["devices/#code-that-runs-anywhere"]),
    ("pin memory non_blocking", ["devices/#pinned-memory-and-non_blocking"]),
    ("apple mps", ["devices/#apple-gpus-mps"]),
    ("torch without cuda", ["devices/#a-torch-built-without-cuda"]),
    # Autograd and special tensors
    ("no_grad numpy", ["special-tensors/#without-recording-gradients"]),
    ("numpy force=True", ["special-tensors/#numpyforcetrue"]),
    ("model weights to numpy", ["special-tensors/#parameters"]),
    ("sparse tensor to numpy", ["special-tensors/#sparse-and-meta-tensors"]),
    ("complex conjugate tensor to numpy", ["special-tensors/#conjugate-and-negative-bits"]),
    # Mixing, printing, files, problems
    (
        "multiply numpy array by tensor",
        [
            "mixing/",
            "mixing/#tensor-array-comes-back-as-float64-with-a-deprecationwarning",
            "mixing/#array-tensor-raises-typeerror-unsupported-operand-types",
        ],
    ),
    ("np.mean on a tensor", ["mixing/#numpy-functions-called-on-tensors"]),
    ("type promotion rules numpy torch", ["mixing/#whose-promotion-rules-apply"]),
    ("print full tensor", ["printing/#print-options"]),
    ("grad_fn in tensor repr", ["printing/#grad"]),
    ("dataloader numpy", ["common-problems/#dataloader-batches-keep-numpys-dtypes"]),
    ("dataloader batch float64", ["common-problems/#dataloader-batches-keep-numpys-dtypes"]),
    (
        "save numpy in checkpoint",
        ["files/#weights-only-load-failed-for-a-checkpoint-holding-numpy-arrays", "files/#what-to-save-instead"],
    ),
    ("torch.load old checkpoint", ["files/#loading-an-old-checkpoint-safely"]),
    ("memmap to tensor", ["files/#memory-mapped-arrays"]),
    ("masked array to tensor", ["files/#masked-arrays-lose-their-mask"]),
    ("big endian array", ["files/#big-endian-data-from-files"]),
    ("list of arrays to tensor slow", ["common-problems/#creating-a-tensor-from-a-list-of-numpyndarrays-is-extremely-slow"]),
    ("torch.Tensor vs torch.tensor", ["common-problems/#torchtensorarray-the-legacy-constructor"]),
    ("cost of converting", ["cost/"]),
    ("dlpack", ["dlpack/"]),
    # In a search engine's words (added with the index fix: the separator and the errors page's headings)
    ("tensor to numpy array", ["pytorch-to-numpy/#from-a-tensor-to-an-array"]),
    ("convert float64 tensor to float32", ["numpy-to-pytorch/#changing-the-dtype"]),
    (
        "torch from numpy no copy",
        ["numpy-to-pytorch/#from-an-array-to-a-tensor", "numpy-to-pytorch/#copying-instead-of-sharing"],
    ),
    ("tensor to json", ["interop/#object-of-type-tensor-is-not-json-serializable"]),
    ("np.random.seed torch", ["numpy-habits/#seeding-nprandomseed-does-not-seed-torch"]),
    ("axis vs dim", ["numpy-habits/#axis-and-dim-keepdims-and-keepdim"]),
    ("astype on tensor", ["numpy-habits/#tensor-object-has-no-attribute-astype"]),
    (
        "pandas dataframe to tensor",
        ["data-loading/", "data-loading/#cant-convert-npndarray-of-type-numpyobject_-from-dfvalues"],
    ),
    ("dataloader workers same random numbers", ["data-loading/#every-dataloader-worker-gives-the-same-random-numbers"]),
    ("cross entropy target dtype", ["losses/", "losses/#expected-target-dtype-to-be-long-or-byte-but-got-int"]),
    ("which torch version for numpy 2", ["versions/#which-torch-works-with-numpy-2"]),
    (
        "model output to numpy",
        [
            "pytorch-to-numpy/#model-outputs-modeleval-does-not-switch-off-autograd",
            "pytorch-to-numpy/#one-line-for-grad-and-gpu-tensors",
        ],
    ),
    (
        "matplotlib plot tensor",
        [
            "interop/#pltplotlosses-cant-call-numpy-on-tensor-that-requires-grad",
            "interop/#a-gpu-tensor-in-scikit-learn-or-matplotlib-cant-convert-cuda0-device-type-tensor-to-numpy",
        ],
    ),
    ("np.concatenate tensors", ["numpy-habits/#npconcatenate-and-torchcat-across-the-two-types"]),
    ("np.random.shuffle tensor", ["mixing/#nprandomshuffletensor-duplicates-values"]),
    ("reversed array to tensor", ["memory-layout/#negative-strides"]),
]

# (what the reader types, the start of the message the site shows that it is a case of)
MESSAGES = [
    # whole, as the site shows them
    (
        "RuntimeError: Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.",
        "Can't call numpy() on Tensor that requires grad",
    ),
    (
        "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.",
        "Can't call numpy() on Tensor that requires grad",
    ),
    (
        "TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.",
        "can't convert cuda:0 device type",
    ),
    (
        "ValueError: At least one stride in the given numpy array is negative, and tensors with negative strides are not currently supported. (You can probably work around this by making a copy of your array  with array.copy().)",
        "At least one stride",
    ),
    ("only one element tensors can be converted to Python scalars", "only one element tensors"),
    ("TypeError: expected np.ndarray (got numpy.float64)", "expected np.ndarray (got numpy.float64)"),
    ("RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float", "mat1 and mat2 must have the same dtype"),
    ("TypeError: Got unsupported ScalarType BFloat16", "Got unsupported ScalarType BFloat16"),
    ("Trying to resize storage that is not resizable", "Trying to resize storage"),
    ("TypeError: can't convert Sparse layout tensor to numpy. Use Tensor.to_dense() first.", "can't convert Sparse layout"),
    ("NotImplementedError: Cannot copy out of meta tensor; no data!", "Cannot copy out of meta tensor"),
    (
        "RuntimeError: Can't call numpy() on Tensor that has conjugate bit set. Use tensor.resolve_conj().numpy() instead.",
        "Can't call numpy() on Tensor that has conjugate bit",
    ),
    ("AssertionError: Torch not compiled with CUDA enabled", "Torch not compiled with CUDA enabled"),
    ("unsupported operand type(s) for *: 'numpy.ndarray' and 'Tensor'", "unsupported operand type(s) for *"),
    ("TypeError: mean() got an unexpected keyword argument 'axis'", "mean() got an unexpected keyword argument"),
    ("NotImplementedError: \"add_stub\" not implemented for 'UInt16'", '"add_stub" not implemented'),
    (
        "BufferError: Can't export tensors that require gradient, use tensor.detach()",
        "Can't export tensors that require gradient",
    ),
    (
        "ValueError: given numpy array has byte order different from the native byte order. Conversion between byte orders is currently not supported.",
        "given numpy array has byte order",
    ),
    (
        "UserWarning: Creating a tensor from a list of numpy.ndarrays is extremely slow. Please consider converting the list to a single numpy.ndarray with numpy.array() before converting to a tensor.",
        "Creating a tensor from a list of numpy.ndarrays",
    ),
    (
        "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
        "view size is not compatible",
    ),
    # partial: the start, or the part a reader remembers
    ("Can't call numpy() on Tensor that requires grad", "Can't call numpy() on Tensor that requires grad"),
    ("can't convert cuda:0 device type tensor", "can't convert cuda:0 device type"),
    ("At least one stride in the given numpy array is negative", "At least one stride"),
    ("tensors with negative strides are not currently supported", "At least one stride"),
    ("Weights only load failed", "Weights only load failed. This file can still be loaded"),
    ("The given NumPy array is not writable", "The given NumPy array is not writable"),
    ("non-writable tensors", "The given NumPy array is not writable"),
    ("default_collate: batch must contain tensors, numpy arrays", "default_collate: batch must contain"),
    ("modified by an inplace operation", "one of the variables needed for gradient computation"),
    ("can't alias tensor with dtype", "can't alias tensor with dtype"),
    ("Unsupported dtype in DLTensor", "Unsupported dtype in DLTensor"),
    ("Cannot export readonly array", "Cannot export readonly array"),
    ("__array_wrap__ must accept context and return_scalar", "__array_wrap__ must accept context"),
    ("Unable to avoid copy while creating an array as requested", "Unable to avoid copy"),
    # with the reader's own variable parts
    (
        "TypeError: can't convert cuda:1 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.",
        "can't convert cuda:0 device type",
    ),
    ("can't convert mps:0 device type tensor to numpy", "can't convert cuda:0 device type"),
    ("RuntimeError: mat1 and mat2 must have the same dtype, but got Float and Double", "mat1 and mat2 must have the same dtype"),
    ("RuntimeError: mat1 and mat2 must have the same dtype, but got Float and Half", "mat1 and mat2 must have the same dtype"),
    ("expected m1 and m2 to have the same dtype, but got: float != double", "expected m1 and m2 to have the same dtype"),
    ("RuntimeError: Input type (float) and bias type (double) should be the same", "Input type (double) and bias type (float)"),
    (
        "RuntimeError: stack expects each tensor to be equal size, but got [3, 224, 224] at entry 0 and [3, 256, 256] at entry 5",
        "stack expects each tensor to be equal size",
    ),
    (
        "TypeError: can't convert np.ndarray of type numpy.datetime64. The only supported types are: float64, float32, float16, complex64, complex128, int64, int32, int16, int8, uint64, uint32, uint16, uint8, and bool.",
        "can't convert np.ndarray of type",
    ),
    ("can't convert np.ndarray of type numpy.object_", "can't convert np.ndarray of type numpy.object_"),
    ("TypeError: Got unsupported ScalarType Float8_e5m2", "Got unsupported ScalarType"),
    ("RuntimeError: expected target dtype to be Long or Byte, but got Float", "expected target dtype to be Long or Byte"),
    ("ValueError: can't alias tensor with dtype 'Float' into dtype 'Half'.", "can't alias tensor with dtype"),
    (
        "one of the variables needed for gradient computation has been modified by an inplace operation: [torch.cuda.FloatTensor [64, 3]] is at version 3; expected version 2 instead.",
        "one of the variables needed for gradient computation",
    ),
    ("TypeError: sum() got an unexpected keyword argument 'axis'", "sum() got an unexpected keyword argument"),
    ("TypeError: max() got an unexpected keyword argument 'axis'", "mean() got an unexpected keyword argument"),
    ("TypeError: unsupported operand type(s) for +: 'numpy.ndarray' and 'Tensor'", "unsupported operand type(s) for *"),
    ("ValueError: only one element tensors can be converted to Python scalars", "only one element tensors"),
    ("TypeError: expected np.ndarray (got numpy.int64)", "expected np.ndarray (got numpy.float64)"),
    ("TypeError: expected np.ndarray (got list)", "expected np.ndarray (got numpy.float64)"),
    ("RuntimeError: expected scalar type Double but found Float", "expected scalar type Float but found Double"),
    ("RuntimeError: Found dtype Float but expected Double", "Found dtype Double but expected Float"),
    ("RuntimeError: expected target dtype to be Long or Byte, but got Half", "expected target dtype to be Long or Byte"),
    ("IndexError: Target 10 is out of bounds.", "Target 4 is out of bounds."),
    (
        "ValueError: Target size (torch.Size([32])) must be the same as input size (torch.Size([32, 1]))",
        "Target size (torch.Size([4])) must be the same",
    ),
    ("TypeError: Object of type int32 is not JSON serializable", "Object of type"),
    ("TypeError: Cannot interpret 'torch.int64' as a data type", "Cannot interpret 'torch.float32' as a data type"),
    ("AttributeError: 'numpy.ndarray' object has no attribute 'cuda'", "'numpy.ndarray' object has no attribute"),
    (
        "RuntimeError: stack expects each tensor to be equal size, but got [3, 32, 32] at entry 0 and [1, 32, 32] at entry 7",
        "stack expects each tensor to be equal size",
    ),
    ("TypeError: expected np.ndarray (got Parameter)", "expected np.ndarray (got Tensor)"),
    ("can't convert cuda:1 device type tensor to numpy", "can't convert cuda:0 device type"),
    ("TypeError: can't convert np.ndarray of type numpy.float128", "can't convert np.ndarray of type"),
    (
        "RuntimeError: Input type (float) and bias type (c10::Half) should be the same",
        "Input type (double) and bias type (float)",
    ),
    ("ValueError: could not convert string to float: 'male'", "could not convert string to float"),
    ("TypeError: sum() got an unexpected keyword argument 'keepdims'", "sum() got an unexpected keyword argument"),
    ("AttributeError: module 'numpy' has no attribute 'object'", "module 'numpy' has no attribute"),
]

# Queries the site's search cannot rank as wanted, with the reason; their tests are expected to fail (strict),
# so fixing one shows up as an unexpected pass.
COMMON = (
    "every page says numpy, array and tensor, so these words weigh almost nothing in the search's ranking (and it "
    "does not see word order): a page's top (which the theme ranks above its sections) or a section with a rare "
    "word that starts like a query word ('numpy1', 'copy_') comes first"
)
NEIGHBOUR = "a page's top or a neighbouring section that shares the query's rarer words ranks first"
UNRANKABLE: dict[str, str] = {
    "numpy to tensor": COMMON,
    "convert numpy array to torch tensor": COMMON,
    "tensor to numpy": COMMON,
    "convert tensor to numpy array": COMMON,
    "tensor to python float": COMMON,
    "convert double tensor to float": "the errors page's entries on Double and Float mismatches rank first",
    "torch.Tensor vs torch.tensor": COMMON,
    "numpy array to gpu": NEIGHBOUR,
    "gpu tensor to numpy": NEIGHBOUR,
    "detach numpy requires grad": NEIGHBOUR,
    "grayscale image": NEIGHBOUR,
    "does from_numpy share memory": NEIGHBOUR,
    "read only numpy array warning": NEIGHBOUR,
    "cuda tensor to numpy": NEIGHBOUR,
    "uint16 tensor": NEIGHBOUR,
    "sparse tensor to numpy": NEIGHBOUR,
    "np.mean on a tensor": "the errors page's entry for `mean() got an unexpected keyword argument 'axis'` ranks first",
    "grad_fn in tensor repr": NEIGHBOUR,
    "TypeError: expected np.ndarray (got list)": "the site shows no message for a list; the section on lists of arrays ranks first",
    "tensor to numpy array": COMMON,
    "torch from numpy no copy": "the errors page's entry for `copy_()`, whose name starts like the query's 'copy', ranks first",
    "cross entropy target dtype": NEIGHBOUR,
    "which torch version for numpy 2": NEIGHBOUR,
    "ValueError: could not convert string to float: 'male'": (
        "the search reads 'float:' as a field name and drops it; the Dtypes section on strings ranks first"
    ),
}

# Errors-page entries (by anchor) that a pasted or typed message does not find first, with the reason;
# tests/test_search_errors.py expects these to fail (strict), so a fix shows up as an unexpected pass.
UNFOUND_ENTRIES: dict[str, str] = {
    "valueerror-could-not-convert-string-to-float-s": "the Dtypes page, which has the words but not this message, ranks first",
    "userwarning-the-use-of-x-t-on-tensors-of": "the whole warning (with `-1`, read as a term to leave out) finds other entries first",
    "userwarning-tensor-t-is-deprecated-on-0-d-tensors": "its first 40 characters end in a fragment that ranks the versions page first",
    "runtimeerror-cant-call-numpy-on-tensor-that-has-conjugate": "its first 40 characters end in 'co', which ranks the Cost page first",
    "deprecationwarning-numpy-core-is-deprecated-and-has-been-renamed": "its first 40 characters end in 're', which ranks the Reading a repr page first",
}
