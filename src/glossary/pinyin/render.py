"""Assembly: tokens written out as pinyin, by words.

Words joined or apart, hyphens (idioms 2+2, ordinals, 中俄 Zhōng-É), capitals for names,
titles and sentences, and Chinese punctuation rendered as Western.
"""

from __future__ import annotations

import itertools

from glossary.pinyin.names import _SENTENCE_END
from glossary.pinyin.readings import _cedict_reading, _proper_word
from glossary.pinyin.spelling import Style, Syllable, _word
from glossary.pinyin.tokens import _idiom, _Token

_PUNCT = {
    "，": ",", "、": ",", "。": ".", "．": ".", "；": ";", "：": ":", "！": "!", "？": "?",
    "…": "…", "—": "—", "─": "—", "～": "~", "·": "·", "・": "·",
}  # fmt: skip
_OPEN = {
    "“": '"',
    "‘": '"',
    "《": '"',
    "〈": '"',
    "「": '"',
    "『": '"',
    "（": "(",
    "(": "(",
    "【": "[",
    "〔": "[",
    "［": "[",
    "〖": "[",
    "[": "[",
}
_CLOSE = {
    "”": '"',
    "’": '"',
    "》": '"',
    "〉": '"',
    "」": '"',
    "』": '"',
    "）": ")",
    ")": ")",
    "】": "]",
    "〕": "]",
    "］": "]",
    "〗": "]",
    "]": "]",
}


def _render(tokens: list[_Token], style: Style, title: bool, sentence: bool) -> str:
    out: list[str] = []
    glue = True  # no space before the next word
    quote_open = False
    first_word = True
    in_title = False  # inside 《》: a title of a work, every word capitalised
    for t in tokens:
        if t.text in {"《", "〈"}:
            in_title = True
        elif t.text in {"》", "〉"}:
            in_title = False
        if t.han:
            words = _split_words(t)
            for w_syls, hyphens, piece in words:
                proper_piece = piece is not None and len(words) > 1 and _proper_word(piece)
                if proper_piece and piece is not None and not hyphens:
                    reading = _cedict_reading(piece, piece, False, True)
                    hyphens = set(reading.hyphen) if reading else set()
                cap = title or in_title or t.proper or proper_piece or (sentence and first_word)
                cuts = [0, *sorted(hyphens), len(w_syls)]
                text = "-".join(_word(w_syls[i:j], style) for i, j in itertools.pairwise(cuts))
                if cap:
                    named = t.person or title or in_title or t.proper or proper_piece
                    if t.pos != "m_ordinal" and named and hyphens:
                        text = "-".join(p[:1].upper() + p[1:] for p in text.split("-"))
                    else:
                        text = text[:1].upper() + text[1:]
                out.append(("" if glue else " ") + text)
                glue = False
                first_word = False
            continue
        c = t.text
        if c.isspace() or c in "\u200b\u200c\u200d\ufeff":
            continue
        if c == '"':
            c = "”" if quote_open else "“"
        if c in _OPEN:
            if c == "“":
                quote_open = True
            out.append(("" if glue else " ") + _OPEN[c])
            glue = True
        elif c in _CLOSE:
            if c == "”":
                quote_open = False
            out.append(_CLOSE[c])
            glue = False
        elif c in "…⋯":
            if not (out and out[-1].endswith("…")):
                out.append(("" if glue else " ") + "…")
            glue = False
        elif c in _PUNCT or c in ",.;:!?":
            out.append(_PUNCT.get(c, c))
            glue = False
            if c in _SENTENCE_END:
                first_word = True  # the next sentence starts with a capital too
        else:
            same_run = bool(out) and out[-1].endswith(c) and not c.isalnum()
            out.append(("" if glue or same_run else " ") + c)
            glue = False
    return "".join(out).strip()


def _split_words(t: _Token) -> list[tuple[list[Syllable], set[int], str | None]]:
    """The written words of a token: syllables, internal hyphens, text (if aligned)."""
    syls = t.syls
    if _idiom(t):
        return [(syls, {2}, t.text)]
    aligned = len(syls) == len(t.text)
    bounds = [*t.breaks, len(syls)]
    out = []
    for i, j in itertools.pairwise(bounds):
        if i < j:
            hyphens = {h - i for h in t.hyphen if i < h < j}
            out.append((syls[i:j], hyphens, t.text[i:j] if aligned else None))
    return out
