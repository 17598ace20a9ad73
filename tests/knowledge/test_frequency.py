"""General Dutch word frequency, for question words the factsheets never use."""
import pytest

from knowledge.frequency import expected_df, zipf


def test_common_dutch_words_are_more_frequent_than_rare_ones():
    assert zipf("gebeuren") > zipf("opzegtermijn") > 0
    assert zipf("xqzvwk") == 0.0


def test_expected_passages_grow_with_frequency_and_length():
    assert expected_df(0.0, 200, 60) == 0.0
    assert expected_df(5.0, 200, 60) > expected_df(3.0, 200, 60) > 0
    assert expected_df(5.0, 200, 120) > expected_df(5.0, 200, 60)
    # About one passage in a hundred of 60 words holds a word used once per 10,000 words.
    assert 1.0 < expected_df(5.0, 200, 60) < 2.0


def test_a_common_word_the_factsheets_lack_weighs_less_than_a_rare_one(index):
    common, rare = index.analyse("gebeuren").terms[0], index.analyse("opzegtermijn").terms[0]
    assert not any(f in index.df for f in common.forms | rare.forms)   # neither is in the two factsheets
    assert index.term_weight(rare) == pytest.approx(index.rarest_weight, rel=0.05)
    assert index.term_weight(common) < 0.9 * index.term_weight(rare)   # was equal: both the rarest
