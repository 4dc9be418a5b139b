from search.text import stem, stems_text


def test_snowball_stems_join_word_forms():
    assert stem("evictions") == stem("evicted") == stem("eviction")
    assert stem("discharged") == stem("discharge")
    assert stem("relationships") == stem("relationship")


def test_words_with_digits_or_ampersands_are_kept_whole():
    assert stem("a&e") == "a&e"
    assert stem("s136") == "s136"


def test_stems_text_lists_each_stem_once():
    assert stems_text("Evicted twice", "eviction notices") == "evict twice notic"
