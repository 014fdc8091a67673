"""The running-text pattern: finds date expressions, built from the same data, allowing only real calendar days."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

import regex

from factcheck.languages import Language
from factcheck.extraction.patterns import either as _either, literal_trie, optional as _optional, spell_loosely

from factcheck.extraction.dates.vocabulary import _fold, _vocabulary

# ---------------------------------------------------------------------------------------------
# The pattern: built from the same data, allowing only day-month pairs a calendar has.
#
# Speed, measured: `regex` resets every quantifier of a pattern (?, *, +, {m,n}) at each of
# the positions it tries, so a pattern with thousands of them crawls even where they never
# run. This one has a handful: optional parts are written "(?:x|)", spaces as one "\s",
# word lists as atomic literal tries. Look-arounds cost nothing until they run, so which
# words must precede a date ("a giugno", "nel 2024", "tra il 2017 e il 2021") is a
# look-behind at the date's core, and calendar checks are look-aheads at digits.
# Inside, matching is case-sensitive whatever the caller's flags: a word matches in lower
# case or capitalised (and in capitals for capitalized_only words), as literals compare
# fastest.

_ALL_MONTHS = tuple(range(1, 13))
_MONTHS_30 = (4, 6, 9, 11)
_DAY = r"(?:3[01]|[12][0-9]|0[1-9]|[1-9])(?![0-9])"
_NUMERIC_MONTH = r"(?:1[0-2]|0[1-9]|[1-9])(?![0-9])"
_NUMBER_END = r"(?![.,][0-9]|[0-9])"  # not "2024,5" nor "20245"
_YEAR = r"[12][0-9][0-9][0-9]" + _NUMBER_END
_LEAP_YEAR = r"(?:[12][0-9](?:0[48]|[2468][048]|[13579][26])|(?:12|16|20|24|28)00)" + _NUMBER_END
_RANGE_YEAR = r"(?:1[89]|20)[0-9][0-9]" + _NUMBER_END  # "tra 1000 e 2000 persone" is no range
_SPACE = r"\s"
_DIGIT = "(?:0|1|2|3|4|5|6|7|8|9)"  # where a pattern starts, "[0-9]" would stop `regex` skipping ahead


def _literal_trie(words: Iterable[str]) -> str:
    """`words` as one atomic trie of literal characters: "gen|genn" -> (?>gen(?:n|))."""
    return literal_trie(words, atomic=True, spell=spell_loosely)


def _words_rx(words: Iterable[str], tail: str = "", elided_tail: str = "", cased: Iterable[str] = (),
              capitals: bool = False) -> str:
    """Whole words as literal tries, one per first character (lower case tried first).

    A word matches in lower case or capitalised, with or without its accents ("lunedi");
    a `cased` one ("may" the month) only as "May" or "MAY"; with `capitals`, all in capitals
    too ("AD"). It is followed by `tail`, or if elided ("dell'") by `elided_tail`. A word
    ending in a letter must end there: "maggio" is not "maggiormente".
    """
    cased = {_fold(w) for w in cased}
    groups: dict[str, set[str]] = {}  # lower-case first letter -> the rest of each spelling
    exact: dict[str, set[str]] = {}  # the same, for spellings that keep their case
    for word in words:
        if _fold(word) in cased:
            for spelling in (word.capitalize(), word.upper()):
                exact.setdefault(spelling[0], set()).add(spelling[1:])
            continue
        for spelling in {word.casefold(), _fold(word)}:
            groups.setdefault(spelling[0], set()).add(spelling[1:])
            if capitals:
                exact.setdefault(spelling[0].upper(), set()).add(spelling[1:].upper())
    branches = []
    for first, rests in [*sorted(groups.items()), *sorted(exact.items())]:  # exact: "M" of "May"
        elided = {r for r in rests if r.endswith("'")}
        closed = {r for r in rests - elided if not (first + r)[-1:].isalnum()}  # "a.d.", "°"
        spaced = rests - elided - closed
        ends = [f"{_literal_trie(spaced)}\\b{tail}" if spaced else "",
                f"{_literal_trie(closed)}{tail}" if closed else "",
                f"{_literal_trie(elided)}{elided_tail}" if elided else ""]
        branches.append((first, _either(ends)))
    # literal first letters, lower case first: `regex` tests them faster than "[dD]" classes
    lower = [regex.escape(first) + ends for first, ends in branches]
    upper = [regex.escape(first.upper()) + ends for first, ends in branches if first not in exact]
    return _either(lower + upper) if branches else "(?!)"


def _after_words_rx(words: Iterable[str]) -> str:
    """Look-behind: one of `words` stands just before: "nel ", "durante il ", elided "nell'"."""
    words = set(words)
    spaced = {w for w in words if not w.endswith("'")}
    elided = words - spaced
    alternatives = [f"\\b{_words_rx(spaced)}{_SPACE}" if spaced else "",
                    f"\\b{_words_rx(elided)}{_optional(_SPACE)}" if elided else ""]
    return f"(?<={_either(alternatives)})"


class _PatternBuilder:
    """date_pattern's pieces, each a method named for the text it finds."""

    def __init__(self, data: Mapping[str, object]):
        self.data = data

    def forms(self, words: Iterable[str]) -> list[str]:
        """`words` and their articulated forms: "di" -> di, del, dello, dell', ..."""
        words = list(words)
        return words + [form for base in words for form in self.data["contractions"].get(base, ())]

    def shift_words(self) -> list[str]:
        return [*self.data["past_words"], *self.data["next_words"], *self.data["this_words"]]

    def articles(self) -> list[str]:
        return [a for a in self.data["articles"] if not a.startswith("'")]  # not "'s"

    def month(self, months: Iterable[int] = _ALL_MONTHS, *, full: bool = True, abbreviated: bool = True) -> str:
        """Names of `months`; an abbreviation may end in a dot. capitalized_only words keep case."""
        months = set(months)
        names = [n for i, n in enumerate(self.data["months"], 1) if full and i in months]
        short = [n for n, i in self.data["month_abbreviations"].items() if abbreviated and i in months]
        cased = self.data["capitalized_only"]
        return _either([_words_rx(names, cased=cased) if names else "",
                        _words_rx(short, _optional(r"\."), cased=cased) if short else ""])

    def day(self) -> str:
        """ "6", "06", "6th", "1°"; look-behind: not the end of a longer number."""
        suffixes = self.data["ordinal_suffixes"]
        return rf"(?<![0-9.,]){_DAY}{_optional(_words_rx(suffixes)) if suffixes else ''}"

    def of(self) -> str:
        """ " ", " di ", " of ": between a day and its month."""
        return f"{_SPACE}{_optional(_words_rx(self.data['of_words'], _SPACE))}"

    def to_year(self) -> str:
        """ " ", ", ", " del ": between a month and its year."""
        of_words = [w for w in self.forms(self.data["of_words"]) if not w.endswith("'")]
        return _either([f"{_SPACE}{_words_rx(of_words, _SPACE)}", _SPACE, f",{_SPACE}"])

    def impossible_day(self, day_first: bool) -> str:
        """Negative look-ahead for days a month lacks: 31 novembre, 30 February, and 29
        February before a year that is not a leap year."""
        short, february = self.month((2, *_MONTHS_30)), self.month([2])
        if day_first:
            return (f"(?!31{self.of()}{short}|30{self.of()}{february}"
                    f"|29{self.of()}{february}{self.to_year()}(?!{_LEAP_YEAR})[0-9])")
        comma = f"{_optional(',')}{_SPACE}"
        return (f"(?!{short}{_SPACE}31(?![0-9])|{february}{_SPACE}30(?![0-9])"
                f"|{february}{_SPACE}29{comma}(?!{_LEAP_YEAR})[0-9])")

    def day_month(self) -> str:
        """ "6 novembre [2024]", "6th of November": full names; abbreviations need the year,
        since "vinto in 3 set" is a tennis score."""
        return (f"{self.impossible_day(True)}{self.day()}{self.of()}"
                f"(?:{self.month(abbreviated=False)}{_optional(self.to_year() + _YEAR)}"
                f"|{self.month(full=False)}{self.to_year()}{_YEAR})")

    def month_led(self) -> str:
        """ "novembre 2024", "dic. 2013", and where text puts the month first "November 6, 2024"."""
        by_year = f"{self.to_year()}{_YEAR}"
        if not self.data["month_first"]:
            return f"{self.month()}{by_year}"
        by_day = f"{_SPACE}{self.day()}{_optional(_either([_SPACE, f',{_SPACE}']) + _YEAR)}"
        return f"{self.impossible_day(False)}{self.month()}(?:{by_year}|{by_day})"

    def numeric(self) -> str:
        """ "3/3/2015", "31/10/74", "10.31.1974", "2015-03-03": either day-month order, since
        parse_date reads the other when the language's own is impossible."""
        forms = []
        for sep in ("/", "-", "."):
            s = regex.escape(sep)
            year = _YEAR if sep == "." else _either([_YEAR, r"[0-9][0-9]" + _NUMBER_END])  # "3.3.15": a version
            forms.append(f"{_either([f'{_DAY}{s}{_NUMERIC_MONTH}', f'{_NUMERIC_MONTH}{s}{_DAY}'])}{s}{year}")
            if sep != ".":
                forms.append(rf"[12][0-9][0-9][0-9]{s}{_NUMERIC_MONTH}{s}{_DAY}")
        # the calendar, in both orders: no 31/04 nor 04/31, no 30/02, 29/02 only in leap years
        short, february, sep = r"(?:0[2469]|[2469]|11)", r"(?:02|2)", r"[/.-]"  # short: no 31st
        impossible = (rf"(?!(?:31{sep}{short}|{short}{sep}31|30{sep}{february}|{february}{sep}30)(?![0-9])"
                      rf"|(?:29{sep}{february}|{february}{sep}29){sep}(?!{_LEAP_YEAR})"
                      rf"|[0-9][0-9][0-9][0-9]{sep}(?:{short}{sep}31|{february}{sep}30)(?![0-9])"
                      rf"|(?!{_LEAP_YEAR}){sep.join(['[0-9][0-9][0-9][0-9]', february, '29'])}(?![0-9]))")
        start = r"(?<![0-9.,/-])(?=(?:[0-9][0-9][0-9][0-9]|[0-9][0-9]|[0-9])[/.-][0-9])"
        return f"{start}{impossible}{_either(forms)}(?![/.-][0-9])"

    def month_alone(self) -> str:
        """ "a giugno", "lo scorso giugno", "giugno scorso", "in June": a month name alone needs
        a preposition or "scorso" next to it; "Giugno" alone is too often a name."""
        named = self.month(abbreviated=False)
        parts = list(self.data.get("month_parts") or {})  # "a fine aprile", "in late April"
        return _either([f"{_after_words_rx([*self.forms(self.data['lead_words']), *self.shift_words(), *parts])}{named}",
                        f"{named}(?={self.shift_after()})"])

    def year_alone(self) -> str:
        """ "nel 2024", "dal 2017", "in 2014 AD": a bare year needs its preposition."""
        era = _optional(_SPACE + _words_rx(self.data["year_suffixes"], capitals=True)) if self.data["year_suffixes"] else ""
        return f"{_after_words_rx(self.data['year_lead_words'])}{_YEAR}{era}"

    def date_range(self) -> str:
        """ "tra il 2017 e il 2021", "dal 3 al 5 giugno", "between June and August 2024"."""
        articles = _optional(_words_rx(self.articles(), _SPACE, _optional(_SPACE)))
        piece = _either([self.day_month(), f"{self.month()}{self.to_year()}{_YEAR}",
                         self.month(abbreviated=False), _RANGE_YEAR])
        short, february = self.month(_MONTHS_30), self.month([2])
        alternatives = []
        for opener, closers in self.data["ranges"].items():
            openers = self.forms([opener])
            after_opener = _after_words_rx(
                [*openers, *(f"{o} {a}" for o in openers if not o.endswith("'") for a in self.articles())])
            closes = f"{_SPACE}{_words_rx(self.forms(closers), _SPACE, _optional(_SPACE))}{articles}"
            # "dal 3 al 5 giugno": the first day takes the second's month, so must exist in it
            second = f"{closes}{_DAY}{self.of()}"
            first_day_exists = (f"(?!(?:30|31){second}{february}|31{second}{short}"
                                f"|29{second}{february}{self.to_year()}(?!{_LEAP_YEAR})[0-9])")
            alternatives.append(f"{after_opener}(?:{piece}{closes}{piece}"
                                f"|{first_day_exists}{self.day()}{closes}{self.day_month()})")
        return _either(alternatives)

    def shift_after(self) -> str:
        return f"{_SPACE}{_words_rx([*self.data['past_words'], *self.data['next_words']])}"

    def before_word(self) -> str:
        """One word that may stand before a date, with what separates it from the next."""
        data = self.data
        words = {*self.forms([*data["lead_words"], *data["ranges"]]), *self.articles(), *self.shift_words(),
                 *data["weekdays"], *(w.split()[0] for w in data["year_lead_words"]), *(data.get("month_parts") or {})}
        return _words_rx(words - set(data["not_before_dates"]), _either([_SPACE, f",{_SPACE}"]), _optional(_SPACE))

    def core(self) -> str:
        """What a date is built around: digits or a month name, checked with what precedes."""
        by_digit = _either([self.date_range(), self.numeric(), self.day_month(), self.year_alone()])
        by_name = _either([self.month_led(), self.date_range(), self.month_alone()])
        month_word = self.month()
        return f"(?:(?={_DIGIT}){by_digit}|(?={month_word}){by_name}){_optional(self.shift_after())}"

    def weekday_alone(self) -> str:
        """ "mercoledì", "on Wednesday", "lunedì scorso", "last Monday": a day of the week with no date,
        resolved against the reference (the most recent such day)."""
        data = self.data
        lead = _words_rx({*self.forms(data["lead_words"]), *self.shift_words()} - set(data["not_before_dates"]),
                         _SPACE, _optional(_SPACE))
        weekday = _words_rx(data["weekdays"])
        return f"{_optional(lead)}{weekday}{_optional(self.shift_after())}(?![0-9]|{_SPACE}[0-9])"

    def pattern(self) -> str:
        before = self.before_word()
        # up to two words before the core ("lo scorso", "on the"). Atomic: such a word never
        # starts a core, so once read it is not given back. No quantifier: see above. Failing
        # that, a weekday alone.
        return (f"\\b(?-i:(?>{_optional(before + _optional(before))}){self.core()}"
                f"|{self.weekday_alone()})")


def trigger_words(lang: str | Language) -> frozenset[str]:
    """Words one of which every `date_pattern` match without a digit contains: month names, their
    abbreviations and weekdays, as written and without accents ("mercoledì", "mercoledi"). A scan for
    these and digits is far cheaper than the date pattern."""
    data = _vocabulary(lang).data
    words = (*data["months"], *data["month_abbreviations"], *data["weekdays"])
    return frozenset(w.lower() for w in words) | frozenset(_fold(w) for w in words)
