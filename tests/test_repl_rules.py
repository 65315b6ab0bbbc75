"""What a statement shows, read the way a REPL shows it, and how the update writes and re-checks it.

Each rule has valid documentation that passes and a wrong output that is rejected with the right reason.
"""

import textwrap

import pytest
from rules import cases, rule
from verdicts import assert_rejected

HEADER = "import pickle\nimport warnings\nimport numpy as np\nimport torch\n\n"  # the example starts on line 6


def example(body: str) -> str:
    return HEADER + textwrap.dedent(body).strip("\n")


VALID = {
    # Several statements on one line: one input, one block, every statement runs.
    "one line, one block": {
        # An escaped quote ended a string early when splitting a block, so one repr took the next value's lines.
        "escaped quote, then another value on the line": """
            x = ['it\\'s "q"']; x; 5
            #> ['it\\'s "q"']
            #> 5
        """,
        "escaped quote in a loop": """
            for s in ['it\\'s "q"', 'b']:
                [s]
            #> ['it\\'s "q"']
            #> ['b']
        """,
        "assignment then expression on one line": """
            row = np.arange(3); row
            #> array([0, 1, 2])
        """,
        "every statement of the line runs": """
            x = 1; x += 1; x
            #> 2
        """,
        "each expression of a line is echoed, as python's REPL does": """
            1; 2
            #> 1
            #> 2
        """,
        "a warning from the first statement of a line": """
            warnings.warn("careful"); x = 1
            #! warns UserWarning: careful
        """,
        "an exception from the last statement of a line": """
            x = 1; int("a")
            #! raises ValueError: invalid literal for int() with base 10: 'a'
        """,
        "a line whose statements show nothing": """
            a = 1; b = 2
            a + b
            #> 3
        """,
    },
    # Expression statements inside compound statements are echoed, in order.
    "echo in compound statements": {
        "for loop echoes each value": """
            for k in range(2): k
            #> 0
            #> 1
        """,
        "printed text and echoed values interleave in order": """
            for k in range(2):
                print("k is", k)
                k * 10
            #> k is 0
            #> 0
            #> k is 1
            #> 10
        """,
        "with body": """
            with torch.no_grad():
                torch.ones(2) * 2
            #> tensor([2., 2.])
        """,
        "if and try bodies": """
            if True:
                "yes"
            #> 'yes'
            try:
                int("a")
            except ValueError:
                "caught"
            #> 'caught'
        """,
        "wrapped reprs in a loop may be written on one line each": """
            for n in (2, 3): torch.eye(n, dtype=torch.int64)
            #> tensor([[1, 0], [0, 1]])
            #> tensor([[1, 0, 0], [0, 1, 0], [0, 0, 1]])
        """,
        "wrapped reprs in a loop as printed": """
            for n in (2, 3): torch.eye(n, dtype=torch.int64)
            #> tensor([[1, 0],
            #>         [0, 1]])
            #> tensor([[1, 0, 0],
            #>         [0, 1, 0],
            #>         [0, 0, 1]])
        """,
        "each value is compared as it was when shown": """
            counter = torch.zeros(1)
            for _ in range(2): counter.add_(1)
            #> tensor([1.])
            #> tensor([2.])
        """,
        "a warning repeated in a loop shows once, as in the REPL": """
            for k in range(2): np.array([1 + 1j]).astype(float)
            #! warns ComplexWarning: Casting complex values to real discards the imaginary part
            #> array([1.])
            #> array([1.])
        """,
        "function and class bodies are not echoed": """
            def f():
                1
            class Box:
                2
            f()
        """,
        "None is not echoed": """
            for k in range(2): None
        """,
    },
    # Qualified exception and warning names.
    "dotted exception names": {
        # Python prints a nested class by its qualified name: `Outer.Err: e` (and never `__main__.`).
        "nested exception class": """
            class Outer:
                class Err(Exception):
                    pass
            raise Outer.Err('e')
            #! raises Outer.Err: e
        """,
        "nested exception class with its module": """
            class Outer:
                class Err(Exception):
                    pass
            raise Outer.Err('e')
            #! raises __main__.Outer.Err: e
        """,
        "nested warning class": """
            class Outer:
                class Note(UserWarning):
                    pass
            warnings.warn('w', Outer.Note)
            #! warns Outer.Note: w
        """,
        "qualified exception name": """
            np.zeros((2, 2)).sum(axis=2)
            #! raises numpy.exceptions.AxisError: axis 2 is out of bounds for array of dimension 2
        """,
        "unqualified exception name": """
            np.zeros((2, 2)).sum(axis=2)
            #! raises AxisError: axis 2 is out of bounds for array of dimension 2
        """,
        "public alias of a private class": """
            pickle.loads(b"not a pickle")
            #! raises pickle.UnpicklingError: invalid load key, 'n'.
        """,
        "builtin exception by its qualified name": """
            int("a")
            #! raises builtins.ValueError: invalid literal for int() with base 10: 'a'
        """,
        "qualified warning name": """
            np.array([1 + 1j]).astype(float)
            #! warns numpy.exceptions.ComplexWarning: Casting complex values to real discards the imaginary part
            #> array([1.])
        """,
    },
    # Terminal escape codes in messages.
    "escape codes removed": {
        "escape codes in an exception message": r"""
            raise ValueError("\x1b[1mbold\x1b[0m and\ttabbed")
            #! raises ValueError: bold and tabbed
        """,
        "escape codes in a warning message": r"""
            warnings.warn("\x1b[31mred\x1b[0m text")
            #! warns UserWarning: red text
        """,
    },
    # A statement that prints and returns: printed lines first, then the repr.
    "printed, then returned": {
        # Trailing whitespace is not compared: a line of spaces alone is an empty `#>` (editors strip the rest).
        "a printed line of spaces alone is an empty line": """
            print("x\\n   \\ny"); print("   ")
            #> x
            #>
            #> y
            #>
        """,
        "a printed line of spaces alone before a value": """
            print("a\\n   "); 6
            #> a
            #>
            #> 6
        """,
        "prints then returns": """
            def load():
                print("loading")
                return torch.ones(2)
            load()
            #> loading
            #> tensor([1., 1.])
        """,
        "prints several lines then returns a wrapped repr": """
            def table():
                print("first")
                print("second")
                return torch.eye(2)
            table()
            #> first
            #> second
            #> tensor([[1., 0.],
            #>         [0., 1.]])
        """,
    },
    # A filter set in one statement stays in force for the next, as in a REPL.
    "warning filters persist": {
        "ignored warnings stay ignored": """
            warnings.simplefilter("ignore")
            warnings.warn("hidden")
        """,
        "a warning turned into an error raises": """
            warnings.simplefilter("error")
            warnings.warn("now an error")
            #! raises UserWarning: now an error
        """,
        "a filter for one category": """
            warnings.filterwarnings("ignore", category=DeprecationWarning)
            warnings.warn("old", DeprecationWarning); warnings.warn("shown")
            #! warns UserWarning: shown
        """,
        # The default filter shows a warning once per place in the code, for the whole run, as a script shows it.
        "a warning shown once stays shown once in later statements": """
            def log_of(x):
                return np.log(x)
            log_of(np.float64(0.0))
            #! warns RuntimeWarning: divide by zero encountered in log
            #> np.float64(-inf)
            log_of(np.float64(0.0))
            #> np.float64(-inf)
        """,
        # The comparison reads the properties a repr names (__match_args__): a warning it raises there is not
        # the statement's, and is not remembered as shown, so the example's own access still shows it.
        "a warning the comparison raised still shows when the example raises it": """
            class Reading:
                __match_args__ = ("value",)
                @property
                def value(self):
                    warnings.warn("value is deprecated", FutureWarning)
                    return 1
                def __repr__(self):
                    return "Reading(value=1)"
            r = Reading()
            r
            #> Reading(value=1)
            r.value
            #! warns FutureWarning: value is deprecated
            #> 1
        """,
    },
    "exceptions and warnings": {
        "multi-line exception message": """
            raise ValueError('first\\nsecond')
            #! raises ValueError: first
            #! second
        """,
        "warning with its text": """
            warnings.warn('careful')
            #! warns UserWarning: careful
        """,
        # An exception whose str() raises: a traceback shows `E: <exception str() failed>`.
        "exception whose str() fails": """
            class E(Exception):
                def __str__(self):
                    raise RuntimeError('no text')
            raise E()
            #! raises E: <exception str() failed>
        """,
        # A traceback ends on the SyntaxError's message alone: its file and line are shown above it.
        "syntax error as a traceback shows it": """
            eval('1 +')
            #! raises SyntaxError: invalid syntax
        """,
    },
    # A line of a triple-quoted string that starts with `#> ` is text, not a misplaced block.
    "blocks under top-level statements": {
        "`#> ` inside a triple-quoted string": '''
            text = """
            #> not a block
            """
            len(text)
            #> 16
        ''',
        "`#> ` inside a triple-quoted f-string": '''
            text = f"""{1}
            #> not a block
            """
            len(text)
            #> 17
        ''',
    },
    "unprintable characters": {
        # A terminal shows nothing for a NUL byte, and the update cannot write one into a Python file.
        "printed NUL": """
            print('a\\x00b')
            #> ab
        """,
        "NUL in an exception message": """
            raise ValueError('a\\x00b')
            #! raises ValueError: ab
        """,
        # A lone surrogate cannot be written as UTF-8: Python's stderr shows it as \\udcff, and so does the block.
        "lone surrogate in an exception message": """
            raise ValueError('x\\udcffy')
            #! raises ValueError: x\\udcffy
        """,
    },
}


@pytest.mark.parametrize("body", cases(VALID))
def test_valid_documentation_passes(run, run_result, body):
    assert run(example(body)) == []
    rewrites = run_result(example(body))["rewrites"]
    assert all(rewrite["recheck"] == [] for rewrite in rewrites), "the update's blocks must pass the next run"


# Each case: the example, the line the problem is reported at, and the words the report must contain.
WRONG = {
    "one line, one block": {
        "wrong value after a semicolon": (
            """
            row = np.arange(3); row
            #> array([0, 1, 3])
            """,
            7,
            "documented value differs, under `row = np.arange(3); row`",
        ),
        "undocumented value after a semicolon": ("row = np.arange(3); row", 6, "undocumented output"),
        "missing warning from the first statement of a line": (
            """
            warnings.warn("careful"); x = 1
            """,
            6,
            "warnings differ",
        ),
        "wrong exception from the last statement of a line": (
            """
            x = 1; int("a")
            #! raises TypeError: invalid literal for int() with base 10: 'a'
            """,
            7,
            "exception type: documented TypeError, actual ValueError",
        ),
    },
    "echo in compound statements": {
        "loop output in the wrong order": (
            """
            for k in range(2): k
            #> 1
            #> 0
            """,
            7,
            "documented value differs, under `for k in range(2):`",
        ),
        "loop output cut short": (
            """
            for k in range(2): k
            #> 0
            """,
            7,
            "the documented block ends before the statement has shown everything",
        ),
        "undocumented loop output": ("for k in range(2): k", 6, "undocumented output"),
        "printed text inside a loop differs": (
            """
            for k in range(2):
                print("k is", k)
                k * 10
            #> k is 0
            #> 0
            #> k is 2
            #> 10
            """,
            11,
            "printed text differs",
        ),
        "value documented as it is after the loop, not as shown": (
            """
            counter = torch.zeros(1)
            for _ in range(2): counter.add_(1)
            #> tensor([2.])
            #> tensor([2.])
            """,
            8,
            "documented value differs",
        ),
    },
    "dotted exception names": {
        "another nested exception class": (
            """
            class Outer:
                class Err(Exception):
                    pass
                class Other(Exception):
                    pass
            raise Outer.Err('e')
            #! raises Outer.Other: e
            """,
            12,
            "documented Outer.Other, which names nothing that can be imported; actual __main__.Outer.Err",
        ),
        "qualified name of another class": (
            """
            np.zeros((2, 2)).sum(axis=2)
            #! raises builtins.IndexError: axis 2 is out of bounds for array of dimension 2
            """,
            7,
            "exception type: documented builtins.IndexError, which is builtins.IndexError; actual numpy.exceptions.AxisError",
        ),
        "qualified name of a base class": (
            """
            np.zeros((2, 2)).sum(axis=2)
            #! raises builtins.ValueError: axis 2 is out of bounds for array of dimension 2
            """,
            7,
            "which is builtins.ValueError; actual numpy.exceptions.AxisError",
        ),
        "qualified name that names nothing": (
            """
            np.zeros((2, 2)).sum(axis=2)
            #! raises numpy.exceptions.NoSuchError: axis 2 is out of bounds for array of dimension 2
            """,
            7,
            "documented numpy.exceptions.NoSuchError, which names nothing that can be imported",
        ),
        "qualified name of something that is not a class": (
            """
            np.zeros((2, 2)).sum(axis=2)
            #! raises numpy.sum: axis 2 is out of bounds for array of dimension 2
            """,
            7,
            "documented numpy.sum, which is not a class",
        ),
        "qualified warning name of another class": (
            """
            np.array([1 + 1j]).astype(float)
            #! warns numpy.exceptions.VisibleDeprecationWarning: Casting complex values to real discards the imaginary part
            #> array([1.])
            """,
            7,
            "warning type: documented numpy.exceptions.VisibleDeprecationWarning, which is "
            "numpy.exceptions.VisibleDeprecationWarning; actual numpy.exceptions.ComplexWarning",
        ),
    },
    "escape codes removed": {
        "escape codes removed, the words still count": (
            r"""
            raise ValueError("\x1b[1mbold\x1b[0m and\ttabbed")
            #! raises ValueError: bold and tabby
            """,
            7,
            "exception message differs",
        ),
        "escape codes removed from warnings, the words still count": (
            r"""
            warnings.warn("\x1b[31mred\x1b[0m text")
            #! warns UserWarning: blue text
            """,
            7,
            "warnings differ",
        ),
    },
    "printed, then returned": {
        "printed part differs": (
            """
            def load():
                print("loading")
                return torch.ones(2)
            load()
            #> saving
            #> tensor([1., 1.])
            """,
            10,
            "printed text differs",
        ),
        "returned part differs": (
            """
            def load():
                print("loading")
                return torch.ones(2)
            load()
            #> loading
            #> tensor([1., 1.], dtype=torch.float64)
            """,
            11,
            "dtype: documented torch.float64, actual torch.float32",
        ),
        "returned part missing": (
            """
            def load():
                print("loading")
                return torch.ones(2)
            load()
            #> loading
            """,
            10,
            "the documented block ends before the statement has shown everything",
        ),
        "repr before the printed text": (
            """
            def load():
                print("loading")
                return torch.ones(2)
            load()
            #> tensor([1., 1.])
            #> loading
            """,
            10,
            "printed text differs",
        ),
    },
    "exceptions and warnings": {
        "exception type": (
            """
            torch.ones(1, requires_grad=True).numpy()
            #! raises TypeError: Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.
            """,
            7,
            "exception type: documented TypeError, actual RuntimeError",
        ),
        "exception message": (
            """
            torch.ones(1, requires_grad=True).numpy()
            #! raises RuntimeError: Can't call numpy() on this tensor.
            """,
            7,
            "exception message differs",
        ),
        "missing exception": ("torch.ones(1).numpy()\n#! raises RuntimeError: Can't call numpy()", 7, "missing exception"),
        "syntax error message": ("eval('1 +')\n#! raises SyntaxError: unexpected EOF", 7, "exception message differs"),
        "unexpected exception": ("torch.ones(1, requires_grad=True).numpy()", 6, "unexpected exception"),
        "missing warning": ("torch.ones(1)\n#! warns UserWarning: something\n#> tensor([1.])", 7, "warnings differ"),
        "undocumented warning": ("warnings.warn('careful')", 6, "warnings differ"),
        "a warning shown once, documented again": (
            "def warn():\n    warnings.warn('once')\nwarn()\n#! warns UserWarning: once\nwarn()\n#! warns UserWarning: once",
            11,
            "warnings differ",
        ),
    },
    "every output documented": {
        "missing output": ("x = 1\n#> 1", 7, "missing output"),
        "undocumented output": ("torch.ones(1)", 6, "undocumented output"),
    },
    "blocks under top-level statements": {
        "`#> ` inside a function body": (
            "def f():\n    x = 1\n#> 1\n    return x\nf()\n#> 1",
            8,
            "documented output follows no top-level statement",
        ),
    },
    "unprintable characters": {
        "printed text beside a NUL": ("print('a\\x00b')\n#> a b", 7, "printed text differs"),
    },
}


@pytest.mark.parametrize("body, line, reason", cases(WRONG))
def test_wrong_documentation_is_rejected(run, body, line, reason):
    problems = run(example(body))
    assert_rejected(problems, reason, line)


# Standard output at the descriptor: everything written to standard output is shown, in the order written: by
# Python, at the descriptor (os.write, C's printf, a subprocess), from a thread; text written to sys.stderr too.
# Descriptor 2 is not. Terminal layout: printed text is laid out as a terminal shows it: a repr continues a printed
# line left open, a carriage return or backspace overwrites, and a statement's open line ends with the statement.
OUTPUT_HEADER = "import ctypes\nimport os\nimport subprocess\nimport sys\nimport threading\n\nimport torch\n\n"  # line 9


def output_example(body: str) -> str:
    return OUTPUT_HEADER + textwrap.dedent(body).strip("\n")


SHOWN = {
    "printed text line by line": {
        "extra spaces in printed text": """
            print('a  b')
            #> a b
        """,
        "printed lines, a blank one among them, with their own spacing": """
            print("a  b\\n\\n  c")
            #> a  b
            #>
            #>   c
        """,
    },
    "standard output at the descriptor": {
        "os.write to descriptor 1, and the byte count it returns": """
            os.write(1, b"hi\\n")
            #> hi
            #> 3
        """,
        "print to sys.__stdout__": """
            print("at the original stdout", file=sys.__stdout__)
            #> at the original stdout
        """,
        "print and os.write interleaved, in the order written": """
            print("a"); n = os.write(1, b"b\\n"); print("c", end=""); n = os.write(1, b"d\\n")
            #> a
            #> b
            #> cd
        """,
        "printf from C code": """
            n = ctypes.CDLL(None).printf(b"from C\\n"); print("from Python")
            #> from C
            #> from Python
        """,
        "a subprocess that inherits stdout": """
            subprocess.run([sys.executable, "-c", "print('from a child process')"]).returncode
            #> from a child process
            #> 0
        """,
        "a shell started by os.system": """
            os.system("echo from a shell")
            #> from a shell
            #> 0
        """,
        "a thread started and joined within the statement": """
            worker = threading.Thread(target=print, args=("from a thread",)); worker.start(); worker.join()
            #> from a thread
        """,
        "text written to sys.stderr, between lines of stdout": """
            print("out"); print("err", file=sys.stderr); print("out again")
            #> out
            #> err
            #> out again
        """,
        "print to sys.__stderr__": """
            print("at the original stderr", file=sys.__stderr__)
            #> at the original stderr
        """,
        "native writes to descriptor 2 are not shown": """
            n = os.write(2, b"a native notice\\n")
        """,
        "sys.stdout.buffer, in the order written": """
            print("text"); n = sys.stdout.buffer.write(b"bytes\\n"); print("text again")
            #> text
            #> bytes
            #> text again
        """,
        "what a __repr__ prints shows before the repr, once": """
            class Loud:
                def __repr__(self):
                    print("repr called")
                    return "Loud()"
            Loud()
            #> repr called
            #> Loud()
            1
            #> 1
        """,
        "bytes that are not UTF-8 are shown replaced": """
            n = os.write(1, b"\\xff ok\\n")
            #> \ufffd ok
        """,
    },
    "terminal layout": {
        "a repr continues a printed line left open": """
            print("total: ", end=""); 3
            #> total: 3
        """,
        "the repr part is still read by meaning": """
            print("total: ", end=""); torch.tensor([1, 2])
            #> total:   tensor([1,
            #>                  2])
        """,
        "sys.stdout.write without a newline, then a wrapped repr": """
            n = sys.stdout.write("eye: "); torch.eye(2)
            #> eye: tensor([[1., 0.],
            #>         [0., 1.]])
        """,
        "open lines in a loop": """
            for k in range(2): print(f"k={k}", end=" -> "); k * 10
            #> k=0 -> 0
            #> k=1 -> 10
        """,
        "a statement's open line ends with it": """
            print("a", end="")
            #> a
            print("b")
            #> b
            3
            #> 3
        """,
        "a carriage return overwrites the line": """
            for i in range(3): print(f"\\r{i + 1}/3", end="")
            #> 3/3
        """,
        "a carriage return overwrites only as far as it writes": """
            print("abcdef\\rXY")
            #> XYcdef
        """,
        "a progress line that erases itself": """
            for i in range(3): print(f"\\r\\x1b[2Kstep {10 - 4 * i}", end="")
            #> step 2
        """,
        "erase to the end of the line": """
            print("a long line\\r\\x1b[Kshort")
            #> short
        """,
        "Windows line ends": """
            n = os.write(1, b"first\\r\\nsecond\\r\\n")
            #> first
            #> second
        """,
        "a backspace steps back one place": """
            print("ab\\bc")
            #> ac
        """,
        "a repr that overwrites printed text is compared as the text shown": """
            print("abc", end="\\r"); 7
            #> 7bc
        """,
    },
}


@pytest.mark.parametrize("body", cases(SHOWN))
def test_output_shown_as_on_a_terminal_passes(run, body):
    assert run(output_example(body)) == []


WRONGLY_SHOWN = {
    "standard output at the descriptor": {
        "undocumented os.write": ('n = os.write(1, b"hi\\n")', 9, "undocumented output"),
        "wrong text from os.write": ('n = os.write(1, b"hi\\n")\n#> ho', 10, "printed text differs"),
        "undocumented printf from C code": ('n = ctypes.CDLL(None).printf(b"from C\\n")', 9, "undocumented output"),
        "undocumented output of a subprocess": (
            'n = subprocess.run([sys.executable, "-c", "print(1)"]).returncode',
            9,
            "undocumented output",
        ),
        "undocumented output of a thread": (
            'worker = threading.Thread(target=print, args=("x",)); worker.start(); worker.join()',
            9,
            "undocumented output",
        ),
        "undocumented text on sys.stderr": ('print("note", file=sys.stderr)', 9, "undocumented output"),
        "interleaved output in the wrong order": (
            'print("a"); n = os.write(1, b"b\\n")\n#> b\n#> a',
            10,
            "printed text differs",
        ),
        "native writes to descriptor 2 documented as shown": ('n = os.write(2, b"notice\\n")\n#> notice', 10, "missing output"),
    },
    "terminal layout": {
        "wrong value in the repr part of a shared line": (
            'print("total: ", end=""); 3\n#> total: 4',
            10,
            "value: documented 4, actual 3",
        ),
        "wrong dtype in the repr part of a shared line": (
            'n = sys.stdout.write("n = "); torch.tensor([1, 2])\n#> n = tensor([1, 2], dtype=torch.int32)',
            10,
            "dtype: documented torch.int32, actual torch.int64",
        ),
        "wrong printed part of a shared line": ('print("total: ", end=""); 3\n#> sum: 3', 10, "printed text differs"),
        "printed part glued to the repr": ('print("total:", end=""); 3\n#> total: 3', 10, "printed text differs"),
        "a shared line written as two lines": (
            'print("total: ", end=""); 3\n#> total:\n#> 3',
            10,
            "the printed text ends without a newline, so the repr shown next continues its line",
        ),
        "the repr part missing from a shared line": (
            'print("total: ", end=""); 3\n#> total:',
            10,
            "the documented block ends before the statement has shown everything",
        ),
        "carriage returns documented as separate lines": (
            'for i in range(3): print(f"\\r{i + 1}/3", end="")\n#> 1/3\n#> 2/3\n#> 3/3',
            10,
            "printed text differs",
        ),
        "an erased line documented as written": (
            'for i in range(3): print(f"\\r\\x1b[2Kstep {10 - 4 * i}", end="")\n#> step 2 6',
            10,
            "printed text differs",
        ),
        "overwritten text documented as written": ('print("abcdef\\rXY")\n#> abcdef XY', 10, "printed text differs"),
        "wrong value in a repr that overwrites printed text": ('print("abc", end="\\r"); 7\n#> 8bc', 10, "printed text differs"),
        "an open line carried into the next statement's block": (
            'print("a", end="")\nprint("b")\n#> ab',
            9,
            "undocumented output",
        ),
    },
    "printed text line by line": {
        "two printed lines documented as one": ('print("1\\n2")\n#> 1 2', 10, "printed text differs"),
        "one printed line documented as two": ('print("1 2")\n#> 1\n#> 2', 10, "printed text differs"),
        "printed indentation left out": ('print("    a  b")\n#> a b', 10, "printed text differs"),
        "printed indentation added": ('print("a")\n#>     a', 10, "printed text differs"),
        "a blank printed line left out": ('print("a\\n\\nb")\n#> a\n#> b', 10, "printed text differs"),
        "printed text": ('print("float32")\n#> float64', 10, "printed text differs"),
    },
}


@pytest.mark.parametrize("body, line, reason", cases(WRONGLY_SHOWN))
def test_output_documented_otherwise_than_shown_is_rejected(run, body, line, reason):
    problems = run(output_example(body))
    assert_rejected(problems, reason, line)


@rule("standard output at the descriptor")
def test_a_flood_of_output_is_cut_and_reported_without_hanging(run):
    # 50 MB through descriptor 1 and print: a pipe would fill and block; the harness keeps the first MiB.
    problems = run(output_example('n = os.write(1, b"x" * 25_000_000); print("y" * 25_000_000)'))
    assert len(problems) == 1 and problems[0].startswith("example.py:9: undocumented output"), problems[0][:300]
    assert "more bytes of output left out" in problems[0]
    assert len(problems[0]) < 2_000_000


@rule("escape codes removed")
def test_printed_escape_codes_are_not_text(run):
    # A terminal shows bold text, not escape codes: printed text is compared without them.
    statement = 'print("\\x1b[1mbold\\x1b[0m and plain")'
    assert run(f"{statement}\n#> bold and plain") == []
    assert run(f"{statement}\n#> bald and plain"), "the words still count"


@rule("unprintable characters")
def test_a_nul_byte_in_a_snippet_is_an_error_naming_its_line(run):
    assert run('x = 1\n\ny = "\x00"') == ["example.py:3: not valid Python: source code string cannot contain null bytes"]
