"""How common a word is in Dutch at large, for weighting question words the factsheets happen not to use.

A knowledge base of a few factsheets is a small sample of Dutch: 'gebeuren' or 'niks' may occur in none of
its passages, and by the knowledge base alone would weigh as much as a name nobody wrote about. How often the
word occurs in Dutch generally (wordfreq's Zipf scale: log10 of occurrences per billion words) says how many
passages of this size would hold it by chance.
"""
from functools import lru_cache


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """Zipf frequency of word in Dutch (0: unknown). Loads wordfreq's Dutch list on first use."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "nl") if word else 0.0


def expected_df(word_zipf: float, passages: int, passage_tokens: float) -> float:
    """How many of `passages` passages of `passage_tokens` words would hold a word this common by chance."""
    if word_zipf <= 0:
        return 0.0
    per_token = 10.0 ** (word_zipf - 9.0)
    return passages * (1.0 - (1.0 - per_token) ** passage_tokens)
