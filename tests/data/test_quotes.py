import pytest

from atlas.data.quotes import normalise_text, quote_in_text, word_count


@pytest.mark.parametrize(
    "raw, plain",
    [
        ("the 201\nst\n Motorised", "the 201st Motorised"),
        ("Russia\u2019s \u201ctrump card\u201d", "Russia's \"trump card\""),
        ("Hizb-e-\n\nIslami", "Hizb-e-Islami"),
        ("  many   spaces\n\nand lines ", "many spaces and lines"),
        ("1,450 km.", "1,450 km."),
    ],
)
def test_normalise_text(raw, plain):
    assert normalise_text(raw) == plain


@pytest.mark.parametrize(
    "quote, found",
    [
        ("201st Motorised Rifle", True),
        ("Russia's \u201ctrump card\u201d", True),
        ("201st Motorized Rifle", False),  # spelling is not forgiven
        ("trump  card", True),
    ],
)
def test_quote_in_text(quote, found):
    text = 'the 201\nst\n Motorised Rifle Division; Russia\u2019s "trump card".'
    assert quote_in_text(quote, text) is found


def test_word_count():
    assert word_count(" one two\nthree ") == 3
