"""The input boundary alone: what it refuses, with which path and status."""

import json

import pytest

from designer.inputs import MAX_SAFE_INTEGER, InvalidInput, check_text, decode_utf8, loads


def test_plain_utf8_json_comes_back_as_parsed():
    assert loads('{"a": [1, 2.5, "✓", null, true]}'.encode()) == {"a": [1, 2.5, "✓", None, True]}
    assert loads(str(MAX_SAFE_INTEGER)) == MAX_SAFE_INTEGER


def test_decode_errors_are_400_and_name_the_encoding():
    with pytest.raises(InvalidInput) as caught:
        decode_utf8("x".encode("utf-16"), "The upload")
    assert caught.value.status == 400
    assert str(caught.value) == (
        "The upload is not UTF-8 text: it is UTF-16; send UTF-8 without a byte order mark."
    )


def test_a_bad_key_is_named_with_its_escapes_so_the_message_stays_printable():
    with pytest.raises(InvalidInput) as caught:
        loads('{"rows": [{"a\\u0000b": 1}]}', "panels.x")
    assert caught.value.errors[0].path == "panels.x.rows[0].a\\u0000b"


def test_errors_come_in_document_order_and_are_capped():
    text = "[" + ", ".join(['"\\ud800"'] * 50) + "]"
    with pytest.raises(InvalidInput) as caught:
        loads(text)
    paths = [e.path for e in caught.value.errors]
    assert paths == [f"[{i}]" for i in range(20)]


def test_binary_text_lets_a_wrapper_carry_bytes_but_still_checks_numbers_and_depth():
    assert loads('{"encoded": "\\u0000\\ud800"}', binary_text=True) == {"encoded": "\x00\ud800"}
    with pytest.raises(InvalidInput):
        loads('{"n": 1e400}', binary_text=True)


def test_check_text_says_where():
    assert check_text("fine ✓") is None
    assert check_text("ab\x00") == "it contains a NUL character at position 2"
    assert check_text("a\udc00") == "it contains a lone surrogate (\\udc00) at position 1"


BIG_CLEAN = json.dumps(
    {"nodes": [{"data": {"id": f"n{i}", "label": f"Service {i}", "x": 1.5}} for i in range(200)]}
)


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        (r'"a\u0000b"', "it contains a NUL character at position 1"),
        (r'{"k\u0000": 1}', "the key: it contains a NUL character"),
        (r'"\uDFFF"', "lone surrogate (\\udfff)"),
        (r'"\ud83d"', "lone surrogate (\\ud83d)"),
        ("1e999", "1e999 is not a finite number"),
        ("12345678901234567", "beyond ±9,007,199,254,740,991"),
        ("9007199254740992", "beyond ±9,007,199,254,740,991"),
        ("-1E309", "-1E309 is not a finite number"),
        ("1" + "0" * 400 + ".5", "00.5 is not a finite number"),
        ("NaN", "NaN is not a JSON value"),
        ("[" * 70 + "]" * 70, "nested deeper than 64 levels"),
    ],
)
def test_a_single_problem_at_the_end_of_a_large_clean_document_is_still_found(tail, expected):
    """The full walk is skipped for clean text; the screen that decides must miss nothing."""
    text = BIG_CLEAN[:-1] + f', "tail": {tail}}}'
    with pytest.raises(InvalidInput) as refused:
        loads(text.encode())
    assert expected in str(refused.value)
    assert "tail" in str(refused.value)  # with its path


def test_what_only_looks_like_a_problem_is_accepted():
    text = (
        r'{"a": "\\u0000 is how JSON writes NUL", "b": "\uD83D\uDE00", "deep": ' + "[" * 60 + "]" * 60 + "}"
    )
    value = loads(text.encode())
    numbers = "[9007199254740991, -9007199254740991, 1e308, 1e-999, 123456789012345678901234567890.5]"
    assert loads(numbers) == [
        9007199254740991,
        -9007199254740991,
        1e308,
        0.0,
        123456789012345678901234567890.5,
    ]
    assert value["a"] == "\\u0000 is how JSON writes NUL" and value["b"] == "😀"
