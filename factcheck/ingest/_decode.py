"""Bytes -> text without mojibake (used by ingest).

Order: an explicit encoding (still checked for mojibake); a byte-order mark (UTF-8, UTF-16, UTF-32);
strict UTF-8; BOM-less UTF-16; then the single-byte code pages an Arabic newsroom meets
(the page's declared charset, Windows-1256, ISO-8859-6, Windows-1252, and charset-normalizer's
guess), each decoded strictly and scored: Arabic letters must follow Arabic letter frequencies and
no word may mix Arabic letters with Latin-1 letters or symbols (what a wrong code page produces).
charset-normalizer alone is not trusted: on short Arabic texts it confuses these code pages.
Text that is already mojibake (UTF-8 read as Latin-1/Windows-1252 and saved again) is repaired
when the repair gives credible text, else refused. One bad word does not cost an article: UTF-8 text
whose mojibake is one word, or a few (at most ``LOCAL_MAX_WORDS`` and ``LOCAL_MAX_SHARE`` of its
words), the rest credible, is kept as it is, with a note naming those words. Nothing is ever decoded with
replacement characters.
"""

from __future__ import annotations

import codecs
import math
import unicodedata

from ..errors import EncodingError

_HINT = "re-save the file as UTF-8, or pass --encoding (e.g. cp1256, iso-8859-6, utf-16)"

# Approximate letter frequencies of Arabic news prose (percent); unknown Arabic letters get 0.02.
_FREQ = {
    "ا": 11.6,
    "ل": 10.8,
    "ي": 6.3,
    "م": 5.9,
    "و": 5.7,
    "ن": 5.5,
    "ه": 2.8,
    "ة": 2.9,
    "ر": 4.3,
    "ت": 4.2,
    "ب": 3.7,
    "ع": 3.1,
    "د": 3.0,
    "ف": 2.8,
    "ق": 2.4,
    "س": 2.5,
    "ك": 2.1,
    "ح": 2.0,
    "أ": 2.6,
    "إ": 1.1,
    "ج": 1.3,
    "ش": 1.1,
    "ط": 1.0,
    "ص": 1.0,
    "ى": 0.9,
    "خ": 0.8,
    "ض": 0.6,
    "ز": 0.6,
    "ث": 0.7,
    "ذ": 0.7,
    "غ": 0.4,
    "ظ": 0.2,
    "آ": 0.15,
    "ئ": 0.4,
    "ؤ": 0.15,
    "ء": 0.3,
}
_LOGP = {ch: math.log(p / 100) for ch, p in _FREQ.items()}
_LOGP_HARAKA = math.log(0.005)
_LOGP_OTHER = math.log(0.0002)
_MIN_LOGLIK = -3.9  # mean log-probability per Arabic letter below which text is not Arabic prose

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_CODEPAGES = ("cp1256", "iso8859-6", "cp1252")


def _is_arabic_letter(ch: str) -> bool:
    return (
        "\u0620" <= ch <= "\u064a"
        or "\u066e" <= ch <= "\u06d3"
        or "\u06fa" <= ch <= "\u06ff"
        or "\u0750" <= ch <= "\u077f"
    )


def _is_haraka(ch: str) -> bool:
    return "\u064b" <= ch <= "\u0652"


def _is_latin_ext(ch: str) -> bool:
    return "\u00a0" <= ch <= "\u024f" or ch in "ƒˆ‰Š‹ŒŽ˜™š›œžŸ†‡"


# Symbols that wrong code pages scatter inside words (from the 0x80-0xBF range of Latin-1/cp1252).
_MOJIBAKE_SYMBOLS = set("„…†‡‰•˜™¢£¤¥¦§¨©ª¬®¯°±²³´µ¶·¸¹º¼½¾¿")


def _bad_word(word: str) -> bool:
    """A word only a wrong code page makes: Arabic mixed with Latin-1, or mostly accented Latin."""
    core = word.strip("".join(c for c in set(word) if unicodedata.category(c)[0] in "PZ"))
    if not core:
        return False
    arabic = sum(1 for c in core if _is_arabic_letter(c) or _is_haraka(c))
    latin_ext = sum(1 for c in core if _is_latin_ext(c) and c not in "«»")
    ascii_letters = sum(1 for c in core if c.isascii() and c.isalpha())
    if arabic and (latin_ext or ascii_letters):
        return True
    if arabic and _is_haraka(core[0]):
        return True  # a vowel mark cannot start a word
    if sum(1 for c in core if c in _MOJIBAKE_SYMBOLS) >= 2:
        return True
    return latin_ext >= 2 and latin_ext * 2 > len(core)


LOCAL_MAX_WORDS = 3  # a double-encoded name or two, not a misread article
LOCAL_MAX_SHARE = 0.01


def _c1(word: str) -> bool:
    """C1 control characters (U+0080-U+009F) inside a word: UTF-8 bytes read as Latin-1."""
    return any("\x80" <= c <= "\x9f" for c in word)


def local_mojibake(text: str) -> list[str] | None:
    """The few words of ``text`` that are mojibake, when only a few are and the rest is credible."""
    words = text.split()
    bad = [w for w in words if any(ord(c) > 127 for c in w) and (_bad_word(w) or _c1(w))]
    if not bad or len(bad) > max(1, min(LOCAL_MAX_WORDS, LOCAL_MAX_SHARE * len(words))):
        return None  # one bad word is always local; more only in a long text
    rest = " ".join(w for w in words if w not in bad)
    return bad if score(rest) is not None else None


def _controls(text: str) -> int:
    return sum(1 for c in text if unicodedata.category(c) in ("Cc", "Cn", "Co") and c not in "\t\n\r\f")


def score(text: str) -> tuple[float, float] | None:
    """(share of bad words, mean Arabic letter log-probability); None if not credible text."""
    if _controls(text):
        return None
    words = [w for w in text.split() if any(ord(c) > 127 for c in w)]
    bad = sum(1 for w in words if _bad_word(w))
    bad_share = bad / len(words) if words else 0.0
    logps = [
        _LOGP.get(c, _LOGP_HARAKA if _is_haraka(c) else _LOGP_OTHER)
        for c in text
        if _is_arabic_letter(c) or _is_haraka(c)
    ]
    loglik = sum(logps) / len(logps) if logps else 0.0
    if bad_share > 0.25 or loglik < _MIN_LOGLIK:
        return None
    return bad_share, loglik


def looks_mojibake(text: str) -> bool:
    return score(text) is None


def _norm(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    for zeros, enc in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros * 3 >= len(data) // 2:  # many code points below U+0100 (spaces, digits, Latin)
            text = _strict(data, enc)
            if text is not None and score(text) is not None:
                return text, enc
    # Arabic text in UTF-16 has 0x06 in every high byte instead of 0x00.
    for high, enc in ((data[1::2], "utf-16-le"), (data[0::2], "utf-16-be")):
        if high.count(6) + high.count(0) >= 0.9 * len(high) and high.count(6):
            text = _strict(data, enc)
            if text is not None and score(text) is not None:
                return text, enc
    return None


def _guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        return best.encoding if best is not None else None
    except Exception:  # charset-normalizer is only a hint; never let it break ingest
        return None


def _pick(data: bytes, names: list[str | None]) -> tuple[str, str] | None:
    """The most credible strict decoding: fewest bad words, Arabic first, most Arabic-like."""
    seen: list[str] = []
    scored = []
    for rank, raw in enumerate(names):
        name = _norm(raw) if raw else None
        if not name or name in seen or name in ("utf-8", "ascii"):
            continue
        seen.append(name)
        text = _strict(data, name)
        s = score(text) if text is not None else None
        if text is not None and s is not None:
            arabic = any(_is_arabic_letter(c) for c in text)
            scored.append(((s[0], not arabic, -s[1], rank), text, name))
    if not scored:
        return None
    _, text, name = min(scored)
    return text, name


def _best_codepage(data: bytes, declared: str | None) -> tuple[str, str] | None:
    # charset-normalizer's guess only when no expected code page is credible.
    return _pick(data, [declared, *_CODEPAGES]) or _pick(data, [_guess(data)])


def _repair(text: str) -> tuple[str, str] | None:
    """Undo a Latin-1/Windows-1252 misreading of UTF-8 or an Arabic code page, if credible."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 255:
                return None
            out.append(ord(ch))
    data = bytes(out)
    fixed = _strict(data, "utf-8")
    if fixed is not None and score(fixed) is not None and fixed != text:
        return fixed, "utf-8"
    found = _pick(data, ["cp1256", "iso8859-6"])
    if found and any(_is_arabic_letter(c) for c in found[0]):
        return found
    return None


def decode(
    data: bytes, *, encoding: str | None = None, source: str | None = None, declared: str | None = None
) -> tuple[str, str, list[str]]:
    """(text, encoding used, notes). Raises EncodingError rather than guess."""
    if encoding:
        return _decode_explicit(data, encoding, source)
    for bom, name in _BOMS:
        if data.startswith(bom):
            text = _strict(data, name)
            if text is None:
                raise EncodingError(
                    f"starts with a {name} byte-order mark but is not valid {name}", source=source, hint=_HINT
                )
            return text, name, []
    # UTF-16 without a BOM is also valid UTF-8 when every byte is < 0x80 (Arabic: 0x06 0x..).
    low = sum(1 for b in data if b < 9)
    found = _utf16_without_bom(data) if low * 4 >= len(data) > 0 else None
    text = _strict(data, "utf-8")
    if found is None and text is not None:
        return _check_utf8(text, source)
    if found is None and b"\x00" in data:
        raise EncodingError(
            "looks like a binary file, not text", source=source, hint="export the article as text, HTML or JSON"
        )
    found = found or _best_codepage(data, declared)
    if found is not None and found[1].startswith("utf-16"):
        return found[0], found[1], [f"decoded as {found[1]} (no byte-order mark)"]
    if found is None:
        raise EncodingError("cannot tell its encoding without risking mojibake", source=source, hint=_HINT)
    return found[0], found[1], [f"decoded as {found[1]} (not UTF-8)"]


def _check_utf8(text: str, source: str | None) -> tuple[str, str, list[str]]:
    if score(text) is not None:
        return text, "utf-8", []
    fixed = _repair(text)
    for _ in range(2):  # misread twice ("Ã\x83Â©" for "é"): undo each misreading
        if fixed is None or (again := _repair(fixed[0])) is None or again[0] == fixed[0]:
            break
        fixed = again
    if fixed is not None:
        return fixed[0], "utf-8", [f"repaired mojibake: the text was {fixed[1]} misread as Latin-1"]
    local = local_mojibake(text)
    if local is not None:
        shown = ", ".join(repr("".join(c for c in w if not _c1(c))) for w in local)
        return text, "utf-8", [f"kept as in the source: {len(local)} word(s) look double-encoded (mojibake): {shown}"]
    raise EncodingError(
        "is valid UTF-8 but reads as mojibake (wrongly decoded text)",
        source=source,
        hint="re-export the article from its source as UTF-8",
    )


def _decode_explicit(data: bytes, encoding: str, source: str | None) -> tuple[str, str, list[str]]:
    name = _norm(encoding)
    if name is None:
        raise EncodingError(
            f"unknown encoding {encoding!r}",
            source=source,
            hint="use a codec name such as utf-8, cp1256, iso-8859-6 or utf-16",
        )
    if name == "utf-8" and data.startswith(codecs.BOM_UTF8):
        name = "utf-8-sig"
    try:
        text = data.decode(name)
    except UnicodeDecodeError as err:
        where = f"byte {data[err.start]:#04x} at offset {err.start}"
        raise EncodingError(
            f"is not valid {encoding} ({where})",
            source=source,
            hint="check --encoding, or omit it to detect the encoding",
        ) from err
    if score(text) is None:
        try:
            guess = decode(data)[1]
        except EncodingError:
            guess = None
        fix = f"pass --encoding {guess}" if guess and guess != name else "check the file's encoding"
        raise EncodingError(f"decoding as {encoding} gives mojibake", source=source, hint=fix)
    return text, name, [f"decoded as {name} (given)"]
