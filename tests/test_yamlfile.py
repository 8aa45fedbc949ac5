"""The shared YAML reader: every problem names the file, and nothing leaks a raw traceback."""

import pytest

from tracktwo.data.yamlfile import read_mapping


class Oops(ValueError):
    pass


def test_reads_a_mapping_with_exactly_the_keys(tmp_path):
    f = tmp_path / "cards.yaml"
    f.write_text("a: 1\nb: [2]\n")
    assert read_mapping(f, ("a", "b"), Oops) == {"a": 1, "b": [2]}


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "cards.yaml: file not found"),
        ("a: [1\n", "cards.yaml: line 2, column 1: is not valid YAML"),
        (b"\xff\xfe a: 1", "cards.yaml: line 1, column 1: byte 0xFF is not UTF-8"),
        ("- a\n- b\n", "cards.yaml: the file must be a mapping with exactly these keys: 'a', 'b'"),
        ("a: 1\n", "cards.yaml: the file must be a mapping with exactly these keys: 'a', 'b'"),
    ],
)
def test_problems_raise_the_callers_error_naming_the_file(tmp_path, content, message):
    f = tmp_path / "cards.yaml"
    if isinstance(content, bytes):
        f.write_bytes(content)
    elif content is not None:
        f.write_text(content)
    with pytest.raises(Oops) as err:
        read_mapping(f, ("a", "b"), Oops)
    assert str(err.value).startswith(message)
