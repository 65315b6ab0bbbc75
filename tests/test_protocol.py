"""The messages between pytest, the zygote and its children: a message is whole when its frame is, whatever it says."""

import io

import pytest

from array_examples.protocol import HEADER, Answer, FrameReader, Report, Request, body_json, frame, read_frame
from array_examples.snippets import Example

EXAMPLE = Example("e.py", "section", 3, ["x = 1", "#> 1"], ("cpu", "numpy>=2"))


def test_a_partial_frame_waits_for_the_rest():
    data = frame({"failure": "x" * 100})
    reader = FrameReader()
    assert reader.feed(data[:2]) == [] and reader.partial  # not even the length yet
    assert reader.feed(data[2:50]) == [] and reader.partial
    assert [body_json(body) for body in reader.feed(data[50:])] == [{"failure": "x" * 100}]
    assert not reader.partial


def test_several_frames_in_one_read_come_out_in_order():
    messages = [{"id": n} for n in range(3)]
    data = b"".join(frame(message) for message in messages)
    reader = FrameReader()
    assert [body_json(body) for body in reader.feed(data + frame({"id": 3})[: HEADER + 1])] == messages
    assert [body_json(body) for body in reader.feed(frame({"id": 3})[HEADER + 1 :])] == [{"id": 3}]


def test_a_message_is_not_whole_because_of_what_it_contains():
    # The old check took a reply as complete once it held b'{"result"' and ended with a newline.
    text = 'an example that prints {"result": 1}\n'
    data = frame(Report(result={"problems": [text], "rewrites": []}).to_json())
    reader = FrameReader()
    complete = [index for index in range(len(data)) if reader.feed(data[index : index + 1])]
    assert complete == [len(data) - 1], "a message is whole at its last byte, and only there"


def test_a_frame_is_its_length_then_its_body():
    data = frame({"id": 1})
    assert int.from_bytes(data[:HEADER], "big") == len(data) - HEADER == len(b'{"id": 1}')


def test_a_stream_that_ends_inside_a_frame_reads_as_its_end():
    data = frame({"id": 1}) + frame({"id": 2})
    stream = io.BytesIO(data[:-3])
    assert read_frame(stream) == {"id": 1}
    assert read_frame(stream) is None
    assert read_frame(io.BytesIO(b"")) is None


@pytest.mark.parametrize(
    "message",
    [
        Request(id=7, timeout=3.5, update=True, example=EXAMPLE),
        Request(id=8, timeout=180.0),  # the facts
        Report(
            result={"problems": ["e.py:2: ..."], "rewrites": []},
            imported={"torch._dynamo": "/torch/_dynamo/__init__.py", "a_namespace": None},
        ),
        Report(failure="harness error in child: KeyError('x')"),
        Answer(id=7, result={"problems": [], "rewrites": []}),
        Answer(id=8, failure="crashed with signal SIGSEGV"),
    ],
)
def test_messages_arrive_as_they_were_sent(message):
    received = type(message).from_json(body_json(FrameReader().feed(frame(message.to_json()))[0]))
    assert received == message
    assert type(received.example.requires if isinstance(message, Request) and message.example else ()) is tuple
