"""Zipf-weighted text from a seeded generator."""

import itertools

from .spec import STOP


class Words:
    """Zipf-weighted text in one language, from a seeded generator."""

    def __init__(self, rng, words, exponent=1.1):
        self.rng = rng
        self.words = words
        self.cum = list(itertools.accumulate(1.0 / (rank + 1) ** exponent for rank in range(len(words))))
        self.content = [w for w in words if w not in STOP and len(w) > 3]

    def draw(self, count):
        return self.rng.choices(self.words, cum_weights=self.cum, k=count)

    def sentence(self, low=8, high=22):
        words = self.draw(self.rng.randint(low, high))
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."

    def text(self, words, max_chars=None):
        """Sentences adding up to about `words` words, cut at a sentence under max_chars."""
        out, count = [], 0
        while count < words:
            sentence = self.sentence()
            if max_chars and len(" ".join([*out, sentence])) > max_chars:
                break
            out.append(sentence)
            count += sentence.count(" ") + 1
        return " ".join(out) or self.sentence(4, 8)[: max_chars or None]

    def paragraphs(self, words, count):
        return [self.text(max(12, words // count)) for _ in range(count)]

    def phrase(self, low, high, rare_from=40):
        """A title-like phrase: content words, mostly from the middle of the distribution."""
        pool = self.content[rare_from:]
        words = [
            self.rng.choice(pool) if self.rng.random() < 0.6 else self.rng.choice(self.content[:rare_from])
            for _ in range(self.rng.randint(low, high))
        ]
        return " ".join(words).capitalize()
