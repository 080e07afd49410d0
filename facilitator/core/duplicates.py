"""Likely duplicate ideas, found offline: stems, compound parts and fuzzy word matches.

Pure and without I/O. Finnish is inflected and compounds freely ("nuorisotila",
"nuorten tila", "tila nuorille"), so two ideas are compared word by word: each content word
of one idea looks for its best partner in the other (the same Snowball stem, a shared start
of a compound, one word inside the other's compound, or a near spelling by rapidfuzz), and
the pair's score says how much of *both* ideas is covered. A shared topic word alone ("the
youth club: open longer" vs "the youth club: new sofas") leaves most of both uncovered and
stays below the threshold; that is what keeps near-misses out.

`DuplicateIndex` keeps the words of every idea it was given and the scores of the pairs that
reached the threshold, so a new idea costs one comparison with each existing idea (not all
pairs again). Suggestions are never acted on here: the facilitator merges or dismisses.
The figures behind `THRESHOLD` are in bench/RESULTS-duplicates.md.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from rapidfuzz.distance import Levenshtein

#: The score at which a pair is suggested (within one theme), and across themes.
THRESHOLD = 0.58
CROSS_THEME_THRESHOLD = 0.85

_STEMMERS = {"fi": "finnish", "sv": "swedish", "en": "english"}

# Words that carry no proposal of their own in a workshop idea. Kept short on purpose: a
# word missing here only weighs a little more, while a content word listed here is lost.
_STOP = {
    "fi": """ja tai sekä myös on ei että joka jotka kuin niin kun se ne tämä nämä siellä
          siihen sen niitä niiden meille meidän oma oman omat kaikille kaikkien enemmän
          lisää uusi uusia uudet uuden paremmin parempi paremmaksi kuntoon voisi pitäisi
          saada saisi tulisi olisi olla tarvitaan tarvitsee esim mm yms tms jne""",
    "sv": """och eller samt även är inte att som än så när den det de denna dessa där
          till för på i av med vi vår våra alla mer fler ny nya nytt bättre kunde skulle
          borde behövs behöver en ett""",
    "en": """and or also is are not that which who than so when it its the this these
          there to for on in of at by with we our all more new better could should would
          need needs a an be""",
}
# Words that are about almost every idea of a village workshop: they count, but little.
_LIGHT = {
    "fi": """kylä kyli kylill kylä kunta kunna kunnan kirkonkylä kirkonkyl keskusta
          keskust alue aluee asukka asukk ihmis""",
    "sv": "by byn byar kommun kommunen centrum",
    "en": "village villages municipality town centre center",
}
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Word:
    raw: str   # lower-cased as written
    stem: str  # Snowball stem
    weight: float

    @property
    def keys(self) -> frozenset[str]:
        """Two words `word_similarity` could match share one of these (a prefilter)."""
        return frozenset(("<" + self.stem[:4], ">" + self.stem[-4:], ">" + self.raw[-4:]))


@dataclass(frozen=True)
class Idea:
    """What the matcher needs of an idea: its number, text and theme."""

    id: int
    text: str
    theme_id: int | None = None


@dataclass(frozen=True)
class Suggestion:
    """Two ideas that look alike: `later` would be merged into `earlier`."""

    earlier: int
    later: int
    score: float
    same_theme: bool

    @property
    def pair(self) -> tuple[int, int]:
        return (self.earlier, self.later)


def _stemmer(lang: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(_STEMMERS.get(lang, "finnish"))


@lru_cache(maxsize=8)
def _stop(lang: str) -> frozenset[str]:
    return frozenset(_STOP.get(lang, _STOP["fi"]).split())


@lru_cache(maxsize=8)
def _light(lang: str) -> frozenset[str]:
    return frozenset(_LIGHT.get(lang, _LIGHT["fi"]).split())


def words(text: str, lang: str = "fi") -> tuple[Word, ...]:
    """The content words of an idea, stemmed, each with its weight."""
    norm = unicodedata.normalize("NFKC", text).casefold()
    tokens = [t for t in _WORD.findall(norm) if len(t) > 1 and not t.isdigit()]
    stop, light = _stop(lang), _light(lang)
    content = [t for t in tokens if t not in stop]
    stems = _stemmer(lang).stemWords(content)
    out: list[Word] = []
    seen: set[str] = set()
    for raw, stem in zip(content, stems, strict=True):
        if stem in seen:
            continue
        seen.add(stem)
        weight = 0.35 if (raw in light or stem in light) else 1.0
        out.append(Word(raw, stem, weight))
    return tuple(out)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


@lru_cache(maxsize=200_000)
def word_similarity(a_raw: str, a_stem: str, b_raw: str, b_stem: str) -> float:
    """How surely two words name the same thing, 0..1 (the same stem, a compound part...)."""
    if a_stem == b_stem:
        return 1.0
    short, long_ = sorted((a_stem, b_stem), key=len)
    # One word is a part of the other's compound: kirjasto / kirjastoauto, tila / nuorisotila.
    if len(short) >= 4 and (long_.startswith(short) or long_.endswith(short)):
        return 0.85
    raw_short, raw_long = sorted((a_raw, b_raw), key=len)
    if len(raw_short) >= 4 and raw_long.endswith(raw_short):
        return 0.85
    # The same first part of a compound or the same root: nuorisotila / nuorten, kylätalo / kylä.
    prefix = _common_prefix(a_stem, b_stem)
    if prefix >= 4:
        return 0.6 + 0.4 * min(1.0, prefix / max(6, len(short)))
    # A typo or a consonant gradation: kesätyöt / kesätöitä.
    if len(short) >= 5 and prefix >= 2:
        sim = Levenshtein.normalized_similarity(a_stem, b_stem)
        if sim >= 0.7:
            return sim
    return 0.0


def score_words(a: tuple[Word, ...], b: tuple[Word, ...]) -> float:
    """How alike two ideas are, 0..1: both must be covered, the less covered counts most."""
    if not a or not b:
        return 0.0
    best_b = [0.0] * len(b)
    got_a = 0.0
    lost_a = False
    for w in a:
        best = 0.0
        for j, u in enumerate(b):
            sim = word_similarity(w.raw, w.stem, u.raw, u.stem)
            if sim > best:
                best = sim
            if sim > best_b[j]:
                best_b[j] = sim
        got_a += best * w.weight
        lost_a = lost_a or (best < LOST and w.weight == 1.0)
    total_a = sum(w.weight for w in a)
    total_b = sum(w.weight for w in b)
    cb = sum(s * u.weight for s, u in zip(best_b, b, strict=True)) / total_b
    lost_b = any(s < LOST and u.weight == 1.0 for s, u in zip(best_b, b, strict=True))
    return _combine(got_a / total_a, cb, lost_a and lost_b)


#: A word whose best partner is below this has none.
LOST = 0.5
#: What a pair loses when each idea has a word the other lacks: one proposal swapped for
#: another ("piha parkkipaikaksi" / "piha leikkipaikaksi"), not one idea said at more length.
SWAP_PENALTY = 0.12


def _combine(ca: float, cb: float, swapped: bool) -> float:
    """Two coverages into one score: the less covered idea counts most."""
    low, high = (ca, cb) if ca <= cb else (cb, ca)
    return max(0.0, 0.7 * low + 0.3 * high - (SWAP_PENALTY if swapped else 0.0))


def similarity(text_a: str, text_b: str, lang: str = "fi") -> float:
    """The score of two idea texts (the benchmark and the tests call this)."""
    return score_words(words(text_a, lang), words(text_b, lang))


class DuplicateIndex:
    """The ideas seen so far and their likely duplicates, kept up to date one idea at a time.

    Each distinct word is compared once with the words it could match (those sharing a
    `Word.keys` key); an idea is then compared only with the ideas holding one of its
    words' partners, by looking the partners up, so a new idea among 500 costs milliseconds.
    """

    def __init__(self, lang: str = "fi", threshold: float = THRESHOLD,
                 cross_threshold: float = CROSS_THEME_THRESHOLD) -> None:
        self.lang = lang
        self.threshold = threshold
        self.cross_threshold = cross_threshold
        self._ideas: dict[int, Idea] = {}
        self._words: dict[int, tuple[tuple[int, float], ...]] = {}  # idea -> (word, weight)
        self._pairs: dict[tuple[int, int], float] = {}
        self._vocab: dict[tuple[str, str], int] = {}  # (raw, stem) -> word number
        self._partners: list[dict[int, float]] = []   # word -> {word it matches: similarity}
        self._by_key: dict[str, list[int]] = {}       # a word key -> the words that have it
        self._holders: list[set[int]] = []            # word -> the ideas that hold it
        self._raw: list[tuple[str, str]] = []         # word -> (raw, stem)

    def __len__(self) -> int:
        return len(self._ideas)

    def _word(self, w: Word) -> int:
        number = self._vocab.get((w.raw, w.stem))
        if number is not None:
            return number
        number = len(self._partners)
        self._vocab[(w.raw, w.stem)] = number
        partners = {number: 1.0}
        seen: set[int] = set()
        for key in w.keys:
            for other in self._by_key.get(key, ()):
                if other in seen:
                    continue
                seen.add(other)
                o_raw, o_stem = self._raw[other]
                sim = word_similarity(w.raw, w.stem, o_raw, o_stem)
                if sim > 0:
                    partners[other] = sim
                    self._partners[other][number] = sim
            self._by_key.setdefault(key, []).append(number)
        self._partners.append(partners)
        self._holders.append(set())
        self._raw.append((w.raw, w.stem))
        return number

    def _score(self, a: tuple[tuple[int, float], ...], b: tuple[tuple[int, float], ...]
               ) -> float:
        best_b = [0.0] * len(b)
        got_a = total_a = 0.0
        lost_a = False
        for wa, weight in a:
            partners = self._partners[wa]
            best = 0.0
            for j, (wb, _) in enumerate(b):
                sim = partners.get(wb, 0.0)
                if sim > best:
                    best = sim
                if sim > best_b[j]:
                    best_b[j] = sim
            got_a += best * weight
            total_a += weight
            lost_a = lost_a or (best < LOST and weight == 1.0)
        got_b = total_b = 0.0
        lost_b = False
        for (_, weight), best in zip(b, best_b, strict=True):
            got_b += best * weight
            total_b += weight
            lost_b = lost_b or (best < LOST and weight == 1.0)
        return _combine(got_a / total_a, got_b / total_b, lost_a and lost_b)

    def add(self, idea: Idea) -> None:
        """Add (or replace) one idea and compare it with the ideas that share a word's partner."""
        if self._ideas.get(idea.id) == idea:
            return
        self.remove(idea.id)
        mine = tuple((self._word(w), w.weight) for w in words(idea.text, self.lang))
        low = min(self.threshold, self.cross_threshold)
        candidates: set[int] = set()
        for number, _ in mine:
            for partner in self._partners[number]:
                candidates |= self._holders[partner]
        if mine:
            for other_id in candidates:
                theirs = self._words[other_id]
                if theirs:
                    score = self._score(mine, theirs)
                    if score >= low:
                        self._pairs[(min(idea.id, other_id), max(idea.id, other_id))] = score
        self._ideas[idea.id] = idea
        self._words[idea.id] = mine
        for number, _ in mine:
            self._holders[number].add(idea.id)

    def remove(self, idea_id: int) -> None:
        if self._ideas.pop(idea_id, None) is None:
            return
        for number, _ in self._words.pop(idea_id):
            self._holders[number].discard(idea_id)
        self._pairs = {p: s for p, s in self._pairs.items() if idea_id not in p}

    def sync(self, ideas: Iterable[Idea]) -> None:
        """Hold exactly `ideas`: new and edited ones are compared, gone ones dropped."""
        wanted = {i.id: i for i in ideas}
        for gone in [i for i in self._ideas if i not in wanted]:
            self.remove(gone)
        for idea in wanted.values():
            self.add(idea)

    def suggestions(self, dismissed: Iterable[tuple[int, int]] = ()) -> list[Suggestion]:
        """Pairs above the threshold, same theme first, then by score; dismissed ones left out."""
        skip = {(min(a, b), max(a, b)) for a, b in dismissed}
        out: list[Suggestion] = []
        for (a, b), score in self._pairs.items():
            if (a, b) in skip:
                continue
            same = self._ideas[a].theme_id == self._ideas[b].theme_id
            if score >= (self.threshold if same else self.cross_threshold):
                out.append(Suggestion(a, b, round(score, 3), same))
        out.sort(key=lambda s: (not s.same_theme, -s.score, s.earlier, s.later))
        return out


def suggest(ideas: Iterable[Idea], lang: str = "fi",
            dismissed: Iterable[tuple[int, int]] = ()) -> list[Suggestion]:
    """Every suggestion for a set of ideas at once (a full recompute)."""
    index = DuplicateIndex(lang)
    index.sync(ideas)
    return index.suggestions(dismissed)
