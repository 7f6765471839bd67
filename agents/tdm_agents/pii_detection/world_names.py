"""Personal names written in non-Latin scripts: CJK, Hangul, Cyrillic, Arabic, Hebrew, Greek, ...

Vocabularies come from Faker's locale providers (given names, family names, patronymics, kana
readings, titles, company words), and shape rules cover what a short list cannot: a Japanese
name is a family name and a given name of one to four characters each, usually with a space; a
Chinese or Korean name is a known family name followed by one or two characters used in given
names; a Russian family name ends in -ов/-ева/-ский, a patronymic in -ович/-овна. Company names
(legal forms, industry words) and addresses (administrative suffixes, abbreviations) are refused.
"""

from __future__ import annotations

import importlib
import re
from functools import cache

from tdm_agents.pii_detection.lexicon import fold_accents
from tdm_agents.pii_detection.scripts import script_of

SCRIPT_LOCALES: dict[str, tuple[str, ...]] = {
    "cjk": ("ja_JP", "zh_CN", "zh_TW"),
    "hangul": ("ko_KR",),
    "cyrillic": ("ru_RU", "uk_UA", "bg_BG"),
    "arabic": ("ar_AA", "ar_SA", "ar_PS", "fa_IR"),
    "hebrew": ("he_IL",),
    "greek": ("el_GR",),
    "thai": ("th_TH",),
    "devanagari": ("hi_IN",),
}
_FIRST = (
    "first_names",
    "first_names_male",
    "first_names_female",
    "first_kana_names",
    "first_kana_names_male",
    "first_kana_names_female",
)
_LAST = ("last_names", "last_names_male", "last_names_female", "last_kana_names")
_MIDDLE = ("middle_names", "middle_names_male", "middle_names_female")
_TITLES = ("prefixes", "prefixes_male", "prefixes_female", "suffixes", "suffixes_male", "suffixes_female")
# Legal forms and business words that Faker's lists do not spell out.
_EXTRA_COMPANY_WORDS = frozenset({
    "ооо", "оао", "зао", "пао", "ао", "нпо", "ип", "тов", "пат", "ат", "компания", "группа", "холдинг",
    "банк", "завод", "фабрика", "شركة", "مؤسسة", "مجموعة", "بنك", "مصنع", "בע״מ", "בע\"מ", "בעמ",
    "חברת", "קבוצת", "בנק", "εταιρεία", "τράπεζα", "ομιλος", "ομιλοσ",
})  # fmt: skip
_CJK_COMPANY = re.compile(
    r"会社|公司|集团|集團|銀行|银行|商事|商会|工業|工业|産業|建設|電気|電機|情報|通信|食品|印刷|水産|農林|鉱業|"
    r"病院|医院|大学|大學|学校|學校|協会|財団|科技|网络|網路|传媒|傳媒|企業|企业|事務所|株式|有限|주식회사|유한회사|"
    r"재단|협회|은행|병원|대학교"
)
_CJK_ADDRESS = re.compile(r"[都道府県省].{0,6}[市区區町村郡县縣]|[市区區]$|[路街巷弄号號]|丁目|番地")
_SPACES = re.compile(r"[\s\u3000・·]+")
_STRIP = ".,;:()'\"«»()[]"
_RU_SURNAME = re.compile(
    r"(?:ов|ова|ев|ева|ёв|ёва|ин|ина|ын|ына|ский|ская|цкий|цкая|ской|енко|ук|юк|ич|ян|дзе|швили|ко)$"
)
_RU_PATRONYMIC = re.compile(r"(?:ович|евич|ич|овна|евна|ична|инична)$")
# Characters common in Chinese given names, beyond the few hundred names Faker lists.
_COMMON_GIVEN_HAN = (
    "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌"
    "成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之"
    "轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘秀娟英华慧巧美娜"
    "静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅"
    "琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭"
    "冰爽琬茗羽希欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝丽阳妮宝贝初程梵罡恒鸿桦骅剑娇纪宽灵玛媚琪"
    "晴容睿烁堂唯威韦雯苇萱阅彦宇雨洋忠宗曼紫逸贤蝶菡儿烟小轩"
)
_CHARACTER_SCRIPTS = frozenset({"cjk", "hangul"})  # names are runs of characters, not words
_KOREAN_COMPOUND_SURNAMES = frozenset({"남궁", "황보", "제갈", "선우", "독고", "사공", "서문"})


_ARABIC_FOLD = str.maketrans({"ة": "ه", "ى": "ي", "ـ": None})


def fold(word: str) -> str:
    """Lower case without diacritics, hamza seats, niqqud or tatweel: 'إبراهيم' and 'ابراهيم' are one name.

    Only for scripts written in words: NFKD would split Hangul syllables and kana voicing marks.
    """
    return fold_accents(word.lower()).translate(_ARABIC_FOLD)


def _provider_words(kind: str, locales: tuple[str, ...], attributes: tuple[str, ...]) -> set[str]:
    words: set[str] = set()
    for locale in locales:
        try:
            provider = importlib.import_module(f"faker.providers.{kind}.{locale}").Provider
        except ImportError:
            continue
        for attribute in attributes:
            values = getattr(provider, attribute, ()) or ()
            if isinstance(values, (list, tuple, dict, set, frozenset)):
                words |= {str(v).strip().lower() for v in values if str(v).strip()}
    return words


@cache
def vocabulary(script: str) -> tuple[frozenset[str], frozenset[str]]:
    """(given names, family names and patronymics) of one script, lower-cased."""
    locales = SCRIPT_LOCALES.get(script, ())
    firsts = _provider_words("person", locales, _FIRST)
    lasts = _provider_words("person", locales, _LAST + _MIDDLE)
    # Entries such as 'عجرمة (العجارمة)' or 'Шило-Вернигора' also contribute their parts.
    lasts |= {p.strip(_STRIP) for name in lasts for p in re.split(r"[\s\-]+", name) if p.strip(_STRIP)}
    if script not in _CHARACTER_SCRIPTS:
        firsts, lasts = {fold(w) for w in firsts}, {fold(w) for w in lasts}
    return frozenset(firsts), frozenset(lasts)


@cache
def _titles_and_company_words(script: str) -> tuple[frozenset[str], frozenset[str]]:
    """(titles skipped when matching, words that make a value a company's name) of one script."""
    locales = SCRIPT_LOCALES.get(script, ())
    titles = _provider_words("person", locales, _TITLES)
    company = _provider_words(
        "company", locales, ("company_suffixes", "company_prefixes", "company_categories")
    )
    words = {word for phrase in company for word in phrase.split()} | _EXTRA_COMPANY_WORDS
    return frozenset(fold(w) for w in titles), frozenset(fold(w) for w in words)


@cache
def _given_characters(script: str) -> frozenset[str]:
    """Characters (CJK) or syllables (Hangul) that appear in given names of that script."""
    firsts, _ = vocabulary(script)
    extra = _COMMON_GIVEN_HAN if script == "cjk" else ""
    return frozenset(ch for name in firsts for ch in name) | frozenset(extra)


def person_name_kind(value: str) -> str | None:
    """'first_name', 'last_name' or 'full_name' for a non-Latin personal name, else None."""
    script = script_of(value)
    if script in (None, "latin", "mixed"):
        return None
    text = value.strip()
    if script == "cjk":
        return _cjk_name(text)
    if script == "hangul":
        return _hangul_name(text)
    return _word_name(text, script)


def _cjk_name(text: str) -> str | None:
    if len(text) > 12 or _CJK_COMPANY.search(text):
        return None
    firsts, lasts = vocabulary("cjk")
    tokens = [t for t in _SPACES.split(text) if t]
    if len(tokens) == 2:
        family, given = tokens
        if family in lasts or given in firsts:
            return "full_name"
        # Family names are kanji; readings in katakana are checked against the kana lists above.
        shaped = all(_is_han(ch) for ch in family) and len(family) <= 3 and 1 <= len(given) <= 4
        return "full_name" if shaped and not _CJK_ADDRESS.search(text) else None
    if len(tokens) != 1:
        return None
    token = tokens[0]
    if token in lasts:
        return "last_name"
    if token in firsts:
        return "first_name"
    if _CJK_ADDRESS.search(token) or not 2 <= len(token) <= 4 or not all(_is_han(ch) for ch in token):
        return None
    # Chinese given names draw on thousands of characters, more than any list, and many words start
    # with a family-name character (黄金, 高速): one given-name character must be a known one.
    return "full_name" if _family_then_given(token, lasts, _given_characters("cjk"), known=1) else None


def _family_then_given(token: str, lasts: frozenset[str], given_chars: frozenset[str], known: int) -> bool:
    """A run-together name: a known family name of 1-2 characters, then 1-2 given-name characters of
    which at least `known` appear in the given names of the vocabulary."""
    for cut in (1, 2):
        given = token[cut:]
        if token[:cut] in lasts and 1 <= len(given) <= 2 and sum(ch in given_chars for ch in given) >= known:
            return True
    return False


def _hangul_name(text: str) -> str | None:
    if _CJK_COMPANY.search(text):
        return None
    token = _SPACES.sub("", text)
    firsts, lasts = vocabulary("hangul")
    if not 2 <= len(token) <= 5:
        return None
    if token in firsts and len(token) <= 3:
        return "first_name"
    if token in lasts:
        return "last_name"
    surnames = lasts | _KOREAN_COMPOUND_SURNAMES
    # Korean words often start with a family-name syllable (이메일, 김치): one given syllable must be known.
    return "full_name" if _family_then_given(token, surnames, _given_characters("hangul"), known=1) else None


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _word_name(text: str, script: str) -> str | None:
    """Names written in words (Cyrillic, Arabic, Hebrew, Greek...): every word must be a name part,
    one of them a given name; family names and patronymics may also be recognised by their endings."""
    firsts, lasts = vocabulary(script)
    titles, company = _titles_and_company_words(script)
    raw = [fold(w.strip(_STRIP)) for w in _SPACES.split(text) if w.strip(_STRIP)]
    if any(w in company and w not in firsts and w not in lasts for w in raw):
        return None
    words = [w for w in raw if w not in titles]
    if not words or len(words) > 5 or any("." in w or not w.replace("-", "").isalpha() for w in words):
        return None
    if len(words) == 1:
        return "first_name" if words[0] in firsts else "last_name" if words[0] in lasts else None
    kinds = [_word_kind(w, firsts, lasts, script) for w in words]
    # A given name first, then at most one word no list knows (families outnumber any list):
    # 'يوسف إبراهيم' or 'Иван Шпак'. Arabic and Hebrew names may chain given names ('محمد أحمد').
    if kinds[0] != "first" and "first" not in kinds:
        return None
    unknown = [w for w, kind in zip(words, kinds, strict=True) if kind is None]
    if len(unknown) > 1 or (unknown and (kinds[0] != "first" or len(unknown[0]) < 3)):
        return None
    return "full_name"


def _word_kind(word: str, firsts: frozenset[str], lasts: frozenset[str], script: str) -> str | None:
    if word in firsts:
        return "first"
    parts = word.split("-")
    if word in lasts or all(p in lasts for p in parts):
        return "last"
    if script == "cyrillic" and (_RU_PATRONYMIC.search(word) or _RU_SURNAME.search(word)) and len(word) > 4:
        return "last"
    if script == "arabic" and word.startswith("ال") and len(word) > 4:
        return "last"  # family names with the article: الحسيني, العجارمة
    return None
