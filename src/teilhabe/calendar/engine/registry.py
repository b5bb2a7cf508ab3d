"""The registry of communities and observance definitions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, timedelta
from types import MappingProxyType

from teilhabe.calendar.engine import chinese, hebrew, hindu, islamic, solar
from teilhabe.calendar.engine import rules as r
from teilhabe.calendar.engine.model import Community, ObservanceDef, Rule

# --- communities --------------------------------------------------------------------------------

COMMUNITIES: tuple[Community, ...] = (
    Community("christian", "Christentum", "Christianity", "#1F4E9C", ()),
    Community("orthodox", "Orthodoxes Christentum", "Orthodox Christianity", "#7B3294",
              ("el", "ru", "ro", "sr", "uk", "ka", "hy")),
    Community("islamic", "Islam", "Islam", "#1B7837", ("tr", "ar", "bs")),
    Community("alevi", "Alevitentum", "Alevism", "#8C510A", ("tr",)),
    Community("jewish", "Judentum", "Judaism", "#2C7FB8", ("he", "ru")),
    Community("hindu", "Hinduismus", "Hinduism", "#E66101", ("hi", "ta")),
    Community("buddhist", "Buddhismus", "Buddhism", "#C9A100", ("vi", "th", "si", "zh", "ko")),
    Community("sikh", "Sikhismus", "Sikhism", "#F1A340", ("pa", "hi")),
    Community("bahai", "Bahá'í", "Bahá'í Faith", "#C51B7D", ("fa",)),
    Community("persian", "Persische Tradition", "Persian tradition", "#35978F", ("fa", "tg", "ku")),
    Community("kurdish", "Kurdische Tradition", "Kurdish tradition", "#D73027", ("ku", "ckb")),
    Community("yazidi", "Êzîdentum", "Yazidism", "#F768A1", ("ku",)),
    Community("east-asian", "Ostasiatische Tradition", "East Asian tradition", "#A50026", ("zh", "vi", "ko")),
    Community("international", "Internationale und deutsche Tage", "International and German days",
              "#636363", ("en",)),
)

# The names in the portal's further interface languages (docs/translations.md; AI-written like those
# catalogues and not yet checked by native speakers).
_FURTHER_NAMES: dict[str, dict[str, str]] = {
    "christian": {"ar": "المسيحية", "fa": "مسیحیت", "tr": "Hristiyanlık", "uk": "Християнство",
                  "ru": "Христианство"},
    "orthodox": {"ar": "المسيحية الأرثوذكسية", "fa": "مسیحیت ارتدکس", "tr": "Ortodoks Hristiyanlık",
                 "uk": "Православ’я", "ru": "Православие"},
    "islamic": {"ar": "الإسلام", "fa": "اسلام", "tr": "İslam", "uk": "Іслам", "ru": "Ислам"},
    "alevi": {"ar": "العلوية الأناضولية", "fa": "علوی‌گری آناتولی", "tr": "Alevilik", "uk": "Алевізм",
              "ru": "Алевизм"},
    "jewish": {"ar": "اليهودية", "fa": "یهودیت", "tr": "Yahudilik", "uk": "Юдаїзм", "ru": "Иудаизм"},
    "hindu": {"ar": "الهندوسية", "fa": "هندوئیسم", "tr": "Hinduizm", "uk": "Індуїзм", "ru": "Индуизм"},
    "buddhist": {"ar": "البوذية", "fa": "بودیسم", "tr": "Budizm", "uk": "Буддизм", "ru": "Буддизм"},
    "sikh": {"ar": "السيخية", "fa": "آیین سیک", "tr": "Sihizm", "uk": "Сикхізм", "ru": "Сикхизм"},
    "bahai": {"ar": "البهائية", "fa": "آیین بهائی", "tr": "Bahailik", "uk": "Бахаїзм", "ru": "Бахаизм"},
    "persian": {"ar": "التقاليد الفارسية", "fa": "سنت ایرانی", "tr": "Fars geleneği", "uk": "Перська традиція",
                "ru": "Персидская традиция"},
    "kurdish": {"ar": "التقاليد الكردية", "fa": "سنت کردی", "tr": "Kürt geleneği", "uk": "Курдська традиція",
                "ru": "Курдская традиция"},
    "yazidi": {"ar": "الإيزيدية", "fa": "ایزدی‌گری", "tr": "Ezidilik", "uk": "Єзидизм", "ru": "Езидизм"},
    "east-asian": {"ar": "تقاليد شرق آسيا", "fa": "سنت شرق آسیا", "tr": "Doğu Asya geleneği",
                   "uk": "Східноазійська традиція", "ru": "Восточноазиатская традиция"},
    "international": {"ar": "الأيام الدولية والألمانية", "fa": "روزهای بین‌المللی و آلمانی",
                      "tr": "Uluslararası ve Alman günleri", "uk": "Міжнародні та німецькі дні",
                      "ru": "Международные и немецкие дни"},
}
COMMUNITIES = tuple(replace(c, names=tuple(sorted(_FURTHER_NAMES.get(c.key, {}).items()))) for c in COMMUNITIES)

# --- definitions --------------------------------------------------------------------------------


def _one(function: Rule) -> dict[str, Rule]:
    return {"standard": function}


def _christian() -> list[ObservanceDef]:
    return [
        ObservanceDef(
            "epiphany", "christian",
            {"de": "Heilige Drei Könige (Erscheinung des Herrn)", "en": "Epiphany"},
            "Erscheinung des Herrn; Besuch der Weisen aus dem Morgenland.",
            "Feast of the Epiphany; visit of the Magi.",
            _one(r.fixed(1, 6)), can_be_statutory=True,
        ),
        ObservanceDef(
            "ash-wednesday", "christian", {"de": "Aschermittwoch", "en": "Ash Wednesday"},
            "Beginn der vierzigtägigen Fastenzeit vor Ostern.",
            "Beginning of the forty-day Lenten fast before Easter.",
            _one(r.after_western_easter(-46)),
        ),
        ObservanceDef(
            "good-friday", "christian", {"de": "Karfreitag", "en": "Good Friday"},
            "Gedenken an die Kreuzigung Jesu.", "Commemoration of the crucifixion of Jesus.",
            _one(r.after_western_easter(-2)), can_be_statutory=True,
        ),
        ObservanceDef(
            "easter", "christian", {"de": "Ostern", "en": "Easter"},
            "Fest der Auferstehung Jesu; Ostersonntag und Ostermontag.",
            "Feast of the resurrection of Jesus; Easter Sunday and Easter Monday.",
            _one(r.after_western_easter(0)), length_days=2, can_be_statutory=True,
        ),
        ObservanceDef(
            "ascension", "christian", {"de": "Christi Himmelfahrt", "en": "Ascension Day"},
            "Himmelfahrt Jesu, 40 Tage nach Ostern.", "Ascension of Jesus, forty days after Easter.",
            _one(r.after_western_easter(39)), can_be_statutory=True,
        ),
        ObservanceDef(
            "pentecost", "christian", {"de": "Pfingsten", "en": "Pentecost"},
            "Sendung des Heiligen Geistes; Pfingstsonntag und Pfingstmontag.",
            "Descent of the Holy Spirit; Whit Sunday and Whit Monday.",
            _one(r.after_western_easter(49)), length_days=2, can_be_statutory=True,
        ),
        ObservanceDef(
            "corpus-christi", "christian", {"de": "Fronleichnam", "en": "Corpus Christi"},
            "Katholisches Hochfest der Eucharistie, oft mit Prozessionen.",
            "Catholic feast of the Eucharist, often with processions.",
            _one(r.after_western_easter(60)), can_be_statutory=True,
        ),
        ObservanceDef(
            "reformation-day", "christian", {"de": "Reformationstag", "en": "Reformation Day"},
            "Evangelisches Gedenken an den Beginn der Reformation 1517.",
            "Protestant commemoration of the beginning of the Reformation in 1517.",
            _one(r.fixed(10, 31)), can_be_statutory=True,
        ),
        ObservanceDef(
            "all-saints", "christian", {"de": "Allerheiligen", "en": "All Saints' Day"},
            "Gedenken an alle Heiligen.", "Commemoration of all saints.",
            _one(r.fixed(11, 1)), can_be_statutory=True,
        ),
        ObservanceDef(
            "first-advent", "christian", {"de": "1. Advent", "en": "First Sunday of Advent"},
            "Beginn der Adventszeit und des Kirchenjahres.",
            "Beginning of Advent and of the church year.",
            _one(r.computed(r.first_advent)),
        ),
        ObservanceDef(
            "christmas", "christian", {"de": "Weihnachten", "en": "Christmas"},
            "Geburt Jesu; Heiligabend am Vorabend, erster und zweiter Weihnachtstag.",
            "Birth of Jesus; Christmas Eve on the evening before, Christmas Day and Boxing Day.",
            _one(r.fixed(12, 25)), begins_evening_before=True, length_days=2, can_be_statutory=True,
        ),
    ]


def _orthodox() -> list[ObservanceDef]:
    return [
        ObservanceDef(
            "orthodox-christmas", "orthodox",
            {"de": "Orthodoxe Weihnachten", "en": "Orthodox Christmas", "ru": "Рождество Христово",
             "sr": "Божић", "uk": "Різдво Христове", "ka": "შობა"},
            "Geburt Jesu nach dem julianischen Kalender (25. Dezember julianisch); Heiliger Abend am Vorabend.",
            "Birth of Jesus by the Julian calendar (25 December Julian); Christmas Eve on the evening before.",
            {"julian": r.julian_fixed(12, 25), "armenian": r.fixed(1, 6)},
            begins_evening_before=True, variant_group="orthodox-christmas",
            variant_names={"armenian": {
                "de": "Armenische Weihnachten und Theophanie", "en": "Armenian Christmas and Theophany",
                "hy": "Սուրբ Ծնունդ և Աստվածահայտնություն"}},
        ),
        ObservanceDef(
            "orthodox-epiphany", "orthodox",
            {"de": "Orthodoxe Theophanie (Taufe des Herrn)", "en": "Orthodox Theophany",
             "ru": "Крещение Господне", "sr": "Богојављење", "uk": "Водохреще", "ka": "ნათლისღება"},
            "Taufe Jesu im Jordan nach dem julianischen Kalender (6. Januar julianisch), mit Wasserweihe.",
            "Baptism of Jesus by the Julian calendar (6 January Julian), with the blessing of the waters.",
            _one(r.julian_fixed(1, 6)),
        ),
        ObservanceDef(
            "orthodox-easter", "orthodox",
            {"de": "Orthodoxes Osterfest", "en": "Orthodox Easter", "el": "Πάσχα", "ru": "Пасха",
             "ro": "Paștele", "sr": "Васкрс", "uk": "Великдень", "ka": "აღდგომა"},
            "Auferstehungsfest nach der julianischen Osterrechnung.",
            "Feast of the resurrection, dated by the Julian Easter reckoning.",
            _one(r.after_orthodox_easter(0)),
        ),
        ObservanceDef(
            "orthodox-pentecost", "orthodox",
            {"de": "Orthodoxes Pfingsten (Dreifaltigkeitsfest)", "en": "Orthodox Pentecost (Trinity Sunday)",
             "el": "Πεντηκοστή", "ru": "Троица", "ro": "Rusaliile", "sr": "Духови", "uk": "Трійця",
             "ka": "სულთმოფენობა"},
            "Sendung des Heiligen Geistes, 50 Tage nach dem orthodoxen Osterfest.",
            "Descent of the Holy Spirit, fifty days after Orthodox Easter.",
            _one(r.after_orthodox_easter(49)),
        ),
    ]


def _islamic_def(
    key: str, names: dict[str, str], description_de: str, description_en: str, rules: dict[str, Rule],
    *, night: bool = False, length_days: int = 1,
) -> ObservanceDef:
    return ObservanceDef(
        key, "islamic", names, description_de, description_en, rules,
        begins_evening_before=not night, length_days=length_days, provisional=True, night=night,
        variant_group="islamic",
    )


def _islamic() -> list[ObservanceDef]:
    return [
        _islamic_def(
            "ramadan-start", {"de": "Beginn des Ramadan", "en": "Beginning of Ramadan",
                              "tr": "Ramazan Başlangıcı", "ar": "بداية رمضان", "bs": "Početak ramazana"},
            "Erster Fastentag des Monats Ramadan; das Nachtgebet (Tarawih) beginnt am Vorabend.",
            "First day of fasting in Ramadan; the night prayer (tarawih) begins the evening before.",
            r.hijri_variants(islamic.RAMADAN, 1),
        ),
        _islamic_def(
            "laylat-al-qadr", {"de": "Nacht der Bestimmung (Lailat al-Qadr)", "en": "Night of Power (Laylat al-Qadr)",
                               "tr": "Kadir Gecesi", "ar": "ليلة القدر", "bs": "Lejletul-kadr"},
            "Nacht der ersten Offenbarung des Korans, begangen in der Nacht zum 27. Ramadan.",
            "Night of the first revelation of the Qur'an, kept in the night before 27 Ramadan.",
            r.hijri_variants(islamic.RAMADAN, 26), night=True,
        ),
        _islamic_def(
            "eid-al-fitr", {"de": "Ramadanfest (Eid al-Fitr)", "en": "Eid al-Fitr",
                            "tr": "Ramazan Bayramı", "ar": "عيد الفطر", "bs": "Ramazanski bajram"},
            "Fest des Fastenbrechens zum Ende des Ramadan (hier drei Tage).",
            "Festival of breaking the fast at the end of Ramadan (three days here).",
            r.hijri_variants(islamic.SHAWWAL, 1), length_days=3,
        ),
        _islamic_def(
            "eid-al-adha", {"de": "Opferfest (Eid al-Adha)", "en": "Eid al-Adha",
                            "tr": "Kurban Bayramı", "ar": "عيد الأضحى", "bs": "Kurban-bajram"},
            "Fest zum Höhepunkt der Pilgerfahrt nach Mekka (hier vier Tage).",
            "Festival at the climax of the pilgrimage to Mecca (four days here).",
            r.hijri_variants(islamic.DHU_AL_HIJJAH, 10), length_days=4,
        ),
        _islamic_def(
            "islamic-new-year", {"de": "Islamisches Neujahr", "en": "Islamic New Year",
                                 "tr": "Hicri Yılbaşı", "ar": "رأس السنة الهجرية", "bs": "Nova hidžretska godina"},
            "Erster Tag des Monats Muharram und des Hidschra-Jahres.",
            "First day of the month of Muharram and of the Hijri year.",
            r.hijri_variants(islamic.MUHARRAM, 1),
        ),
        _islamic_def(
            "ashura", {"de": "Aschura", "en": "Ashura", "tr": "Aşure Günü", "ar": "عاشوراء", "bs": "Ašura"},
            "10. Muharram; Fasten- und Gedenktag, für Schiiten und Aleviten Trauertag um Husain.",
            "10 Muharram; a day of fasting and remembrance, for Shia Muslims and Alevis of mourning for Husayn.",
            r.hijri_variants(islamic.MUHARRAM, 10),
        ),
        _islamic_def(
            "mawlid", {"de": "Geburtstag des Propheten (Maulid an-Nabi)", "en": "Prophet's Birthday (Mawlid)",
                       "tr": "Mevlid-i Nebi", "ar": "المولد النبوي", "bs": "Mevlud"},
            "Geburtstag des Propheten Muhammad am 12. Rabi al-Awwal; die Nacht davor ist die Mevlid-Kandil-Nacht.",
            "Birthday of the Prophet Muhammad on 12 Rabi al-Awwal; the night before is the Mevlid Kandili.",
            r.hijri_variants(islamic.RABI_AL_AWWAL, 12),
        ),
        _islamic_def(
            "regaip-kandili", {"de": "Regaip-Nacht (Regaip Kandili)", "en": "Night of Wishes (Regaip Kandili)",
                               "tr": "Regaip Kandili", "ar": "ليلة الرغائب", "bs": "Lejletur-regaib"},
            "Nacht vor dem ersten Freitag des Monats Radschab; Beginn der drei heiligen Monate.",
            "Night before the first Friday of Rajab, opening the three holy months.",
            {variant: r.regaip(variant) for variant in islamic.VARIANTS}, night=True,
        ),
        _islamic_def(
            "mirac-kandili", {"de": "Nacht der Himmelsreise (Miraç Kandili)",
                              "en": "Night of the Ascension (Miraç Kandili)",
                              "tr": "Miraç Kandili", "ar": "ليلة الإسراء والمعراج", "bs": "Lejletul-miradž"},
            "Nacht zum 27. Radschab: Nachtreise und Himmelfahrt des Propheten.",
            "Night before 27 Rajab: the Prophet's night journey and ascension.",
            r.hijri_variants(islamic.RAJAB, 26), night=True,
        ),
        _islamic_def(
            "berat-kandili", {"de": "Nacht der Vergebung (Berat Kandili)", "en": "Night of Forgiveness (Berat Kandili)",
                              "tr": "Berat Kandili", "ar": "ليلة النصف من شعبان", "bs": "Lejletul-berat"},
            "Nacht zum 15. Schaban, Nacht der Vergebung und Bestimmung.",
            "Night before 15 Sha'ban, a night of forgiveness.",
            r.hijri_variants(islamic.SHABAN, 14), night=True,
        ),
        ObservanceDef(
            "hidrellez", "alevi", {"de": "Hıdırellez (Frühlingsfest)", "en": "Hıdırellez (spring festival)",
                                   "tr": "Hıdırellez"},
            "Frühlingsfest der Begegnung von Hızır und İlyas, von Aleviten und in Anatolien gefeiert; "
            "am Vorabend beginnend.",
            "Spring festival of the meeting of Hızır and İlyas, kept by Alevis and across Anatolia; "
            "begins the evening before.",
            _one(r.fixed(5, 6)), begins_evening_before=True,
        ),
    ]


def _jewish_def(
    key: str, names: dict[str, str], description_de: str, description_en: str, rule: Rule, length_days: int = 1,
) -> ObservanceDef:
    return ObservanceDef(
        key, "jewish", names, description_de, description_en, _one(rule),
        begins_evening_before=True, length_days=length_days,
    )


def _hebrew(month: int, day: int) -> Rule:
    return r.computed(lambda year: hebrew.hebrew_date(year, month, day))


def _jewish() -> list[ObservanceDef]:
    return [
        _jewish_def("tu-bishvat", {"de": "Tu biSchwat (Neujahrsfest der Bäume)", "en": "Tu BiShvat",
                                   "he": "ט״ו בשבט", "ru": "Ту би-Шват"},
                    "Neujahrsfest der Bäume am 15. Schwat.", "New Year of the Trees on 15 Shevat.",
                    _hebrew(hebrew.SHEVAT, 15)),
        _jewish_def("purim", {"de": "Purim", "en": "Purim", "he": "פורים", "ru": "Пурим"},
                    "Fest der Rettung der Juden Persiens nach dem Buch Ester.",
                    "Festival of the rescue of the Jews of Persia, from the Book of Esther.",
                    r.computed(hebrew.purim)),
        _jewish_def("pesach", {"de": "Pessach", "en": "Passover (Pesach)", "he": "פסח", "ru": "Песах"},
                    "Fest des Auszugs aus Ägypten; acht Tage in der Diaspora.",
                    "Festival of the Exodus from Egypt; eight days in the diaspora.",
                    _hebrew(hebrew.NISAN, 15), length_days=8),
        _jewish_def("shavuot", {"de": "Schawuot (Wochenfest)", "en": "Shavuot", "he": "שבועות", "ru": "Шавуот"},
                    "Fest der Gabe der Tora, sieben Wochen nach Pessach; zwei Tage in der Diaspora.",
                    "Festival of the giving of the Torah, seven weeks after Passover; two days in the diaspora.",
                    _hebrew(hebrew.SIVAN, 6), length_days=2),
        _jewish_def("tisha-bav", {"de": "Tischa beAv", "en": "Tisha B'Av", "he": "תשעה באב", "ru": "Тиша бе-Ав"},
                    "Fast- und Trauertag zur Zerstörung des Jerusalemer Tempels.",
                    "Fast day mourning the destruction of the Temple in Jerusalem.",
                    r.computed(hebrew.tisha_bav)),
        _jewish_def("rosh-hashanah", {"de": "Rosch ha-Schana (Neujahr)", "en": "Rosh Hashanah",
                                      "he": "ראש השנה", "ru": "Рош ха-Шана"},
                    "Jüdisches Neujahrsfest, zwei Tage.", "Jewish New Year, two days.",
                    _hebrew(hebrew.TISHREI, 1), length_days=2),
        _jewish_def("yom-kippur", {"de": "Jom Kippur (Versöhnungstag)", "en": "Yom Kippur",
                                   "he": "יום כיפור", "ru": "Йом-Кипур"},
                    "Versöhnungstag, höchster Fast- und Feiertag.", "Day of Atonement, the holiest fast day.",
                    _hebrew(hebrew.TISHREI, 10)),
        _jewish_def("sukkot", {"de": "Sukkot (Laubhüttenfest)", "en": "Sukkot", "he": "סוכות", "ru": "Суккот"},
                    "Laubhüttenfest zur Erinnerung an die Wüstenwanderung, sieben Tage.",
                    "Feast of Tabernacles recalling the wandering in the desert, seven days.",
                    _hebrew(hebrew.TISHREI, 15), length_days=7),
        _jewish_def("simchat-torah", {"de": "Simchat Tora", "en": "Simchat Torah", "he": "שמחת תורה",
                                      "ru": "Симхат Тора"},
                    "Fest der Torafreude zum Abschluss und Neubeginn der Toralesung (Diaspora: 23. Tischri).",
                    "Rejoicing of the Torah, ending and restarting the annual reading (diaspora: 23 Tishrei).",
                    _hebrew(hebrew.TISHREI, 23)),
        _jewish_def("hanukkah", {"de": "Chanukka", "en": "Hanukkah", "he": "חנוכה", "ru": "Ханука"},
                    "Lichterfest zur Wiedereinweihung des Tempels, acht Tage.",
                    "Festival of Lights for the rededication of the Temple, eight days.",
                    _hebrew(hebrew.KISLEV, 25), length_days=8),
    ]


def _dharmic() -> list[ObservanceDef]:
    return [
        ObservanceDef(
            "holi", "hindu", {"de": "Holi", "en": "Holi", "hi": "होली", "ta": "ஹோலி"},
            "Frühlings- und Farbenfest; am Vorabend wird das Holika-Feuer entzündet.",
            "Spring festival of colours; the Holika bonfire is lit the evening before.",
            _one(r.computed(hindu.holi)), begins_evening_before=True,
        ),
        ObservanceDef(
            "diwali", "hindu", {"de": "Diwali (Lichterfest)", "en": "Diwali", "hi": "दीपावली", "ta": "தீபாவளி"},
            "Lichterfest mit Lakshmi-Puja am Neumondabend des Monats Kartik.",
            "Festival of lights with Lakshmi Puja on the new-moon evening of Kartik.",
            _one(r.computed(hindu.diwali)),
        ),
        ObservanceDef(
            "vesak", "buddhist",
            {"de": "Vesakh (Buddhas Geburt, Erleuchtung und Tod)", "en": "Vesak (Buddha Day)",
             "vi": "Lễ Phật Đản", "th": "วันวิสาขบูชา", "si": "වෙසක්"},
            "Gedenken an Geburt, Erleuchtung und Verlöschen des Buddha am Vollmond des Monats Vesakha.",
            "Commemoration of the Buddha's birth, enlightenment and passing, at the full moon of Vesakha.",
            {"vaishakha-purnima": r.computed(hindu.buddha_purnima), "east-asian": r.computed(chinese.buddha_birthday)},
            variant_group="vesak",
            variant_names={"east-asian": {"de": "Buddhas Geburtstag", "en": "Buddha's Birthday",
                                          "zh": "佛诞", "ko": "부처님 오신 날", "vi": "Lễ Phật Đản"}},
        ),
        ObservanceDef(
            "vaisakhi", "sikh", {"de": "Vaisakhi", "en": "Vaisakhi", "pa": "ਵਿਸਾਖੀ", "hi": "बैसाखी"},
            "Erntefest und Gründungstag der Khalsa (1699).",
            "Harvest festival and founding day of the Khalsa (1699).",
            {"sankranti": r.computed(hindu.vaisakhi), "nanakshahi": r.fixed(4, 14)}, variant_group="vaisakhi",
        ),
        ObservanceDef(
            "guru-nanak-gurpurab", "sikh",
            {"de": "Geburtstag Guru Nanaks (Gurpurab)", "en": "Guru Nanak Gurpurab",
             "pa": "ਗੁਰੂ ਨਾਨਕ ਗੁਰਪੁਰਬ", "hi": "गुरु नानक जयंती"},
            "Geburtstag Guru Nanaks, des ersten Gurus der Sikhs, am Vollmond des Monats Kartik.",
            "Birth anniversary of Guru Nanak, the first Sikh Guru, at the full moon of Kartik.",
            _one(r.computed(hindu.guru_nanak_gurpurab)),
        ),
    ]


def _ridvan(year: int) -> date:
    """13 Jalál: the 32nd day of the Badí' year."""
    return solar.bahai_nawruz(year) + timedelta(days=31)


def _iranian_and_others() -> list[ObservanceDef]:
    return [
        ObservanceDef(
            "naw-ruz-bahai", "bahai", {"de": "Naw-Rúz (Bahá'í-Neujahr)", "en": "Naw-Rúz (Bahá'í New Year)",
                                       "fa": "عید نوروز"},
            "Neujahrsfest der Bahá'í am Tag der Frühlings-Tagundnachtgleiche (Bezugsort Teheran).",
            "Bahá'í New Year on the day of the March equinox (reckoned for Tehran).",
            _one(r.computed(solar.bahai_nawruz)), begins_evening_before=True,
        ),
        ObservanceDef(
            "ridvan", "bahai", {"de": "Riḍván-Fest", "en": "Festival of Riḍván", "fa": "عید رضوان"},
            "Zwölftägiges Fest der Verkündigung Bahá'u'lláhs (1863); Feiertage am 1., 9. und 12. Tag.",
            "Twelve-day festival of Bahá'u'lláh's declaration (1863); holy days on the 1st, 9th and 12th day.",
            _one(r.computed(_ridvan)), begins_evening_before=True, length_days=12,
        ),
        ObservanceDef(
            "nowruz", "persian", {"de": "Nouruz (Persisches Neujahr)", "en": "Nowruz (Persian New Year)",
                                  "fa": "نوروز", "ku": "Newroz", "tg": "Наврӯз"},
            "Neujahrsfest zum Frühlingsbeginn im Iran, in Afghanistan, Zentralasien und im Kaukasus.",
            "New Year at the beginning of spring in Iran, Afghanistan, Central Asia and the Caucasus.",
            r.persian_variants(lambda nowruz: nowruz), variant_group="nowruz",
        ),
        ObservanceDef(
            "chaharshanbe-suri", "persian", {"de": "Tschahar Schanbe Suri (Feuerfest)",
                                             "en": "Chaharshanbe Suri (Festival of Fire)",
                                             "fa": "چهارشنبه‌سوری"},
            "Feuerfest am Abend vor dem letzten Mittwoch vor Nouruz.",
            "Fire festival on the evening before the last Wednesday before Nowruz.",
            r.persian_variants(r.chaharshanbe_suri), night=True, variant_group="nowruz",
        ),
        ObservanceDef(
            "yalda", "persian", {"de": "Yalda-Nacht (Wintersonnenwende)", "en": "Yalda Night (winter solstice)",
                                 "fa": "شب یلدا"},
            "Längste Nacht des Jahres, die Nacht vor dem 1. Dey, mit Familie, Granatäpfeln und Hafis-Gedichten.",
            "Longest night of the year, before 1 Dey, with family, pomegranates and Hafez poetry.",
            r.persian_variants(r.yalda), night=True, variant_group="nowruz",
        ),
        ObservanceDef(
            "newroz", "kurdish", {"de": "Newroz (Kurdisches Neujahr)", "en": "Newroz (Kurdish New Year)",
                                  "ku": "Newroz", "ckb": "نەورۆز"},
            "Kurdisches Neujahrs- und Frühlingsfest am 21. März; Feuer am Vorabend.",
            "Kurdish New Year and spring festival on 21 March; bonfires on the evening before.",
            _one(r.fixed(3, 21)), begins_evening_before=True,
        ),
        ObservanceDef(
            "yazidi-new-year", "yazidi", {"de": "Êzîdisches Neujahr (Çarşema Sor)",
                                          "en": "Yazidi New Year (Çarşema Sor)", "ku": "Çarşema Sor"},
            "Neujahr der Êzîden am ersten Mittwoch im April des julianischen Kalenders.",
            "Yazidi New Year on the first Wednesday of April in the Julian calendar.",
            _one(r.computed(r.yazidi_new_year)), begins_evening_before=True,
        ),
        ObservanceDef(
            "chinese-new-year", "east-asian",
            {"de": "Chinesisches Neujahr (Frühlingsfest)", "en": "Lunar New Year (Spring Festival)",
             "zh": "春节", "vi": "Tết Nguyên Đán", "ko": "설날"},
            "Neujahr des chinesischen Mondkalenders, auch in Vietnam und Korea gefeiert.",
            "New Year of the Chinese lunisolar calendar, also kept in Vietnam and Korea.",
            _one(r.computed(chinese.spring_festival)),
        ),
        ObservanceDef(
            "mid-autumn-festival", "east-asian",
            {"de": "Mondfest (Mittherbstfest)", "en": "Mid-Autumn Festival", "zh": "中秋节",
             "vi": "Tết Trung Thu", "ko": "추석"},
            "Erntedank- und Familienfest am Vollmond des achten Mondmonats.",
            "Harvest and family festival at the full moon of the eighth lunar month.",
            _one(r.computed(chinese.mid_autumn_festival)),
        ),
    ]


def _international(
    key: str, de: str, en: str, description_de: str, description_en: str, rule: Rule, since: int,
    *, can_be_statutory: bool = False,
) -> ObservanceDef:
    return ObservanceDef(
        key, "international", {"de": de, "en": en}, description_de, description_en, _one(rule),
        since=since, can_be_statutory=can_be_statutory,
    )


def _international_days() -> list[ObservanceDef]:
    return [
        _international("international-mother-language-day", "Internationaler Tag der Muttersprache",
                       "International Mother Language Day",
                       "UNESCO-Tag für sprachliche und kulturelle Vielfalt und Mehrsprachigkeit.",
                       "UNESCO day for linguistic and cultural diversity and multilingualism.",
                       r.fixed(2, 21), 2000),
        _international("international-womens-day", "Internationaler Frauentag", "International Women's Day",
                       "Tag für die Rechte der Frauen und die Gleichstellung der Geschlechter.",
                       "Day for women's rights and gender equality.",
                       r.fixed(3, 8), 1911, can_be_statutory=True),
        _international("international-day-against-racism", "Internationaler Tag gegen Rassismus",
                       "International Day for the Elimination of Racial Discrimination",
                       "UN-Gedenktag, erinnert an das Massaker von Sharpeville 1960.",
                       "UN day recalling the Sharpeville massacre of 1960.",
                       r.fixed(3, 21), 1966),
        _international("international-roma-day", "Internationaler Tag der Roma", "International Romani Day",
                       "Tag der Kultur der Roma und Sinti, erinnert an den ersten Welt-Roma-Kongress 1971.",
                       "Day celebrating Romani culture, recalling the first World Romani Congress of 1971.",
                       r.fixed(4, 8), 1990),
        _international("world-refugee-day", "Weltflüchtlingstag", "World Refugee Day",
                       "UN-Tag zu Ehren geflüchteter Menschen.", "UN day honouring refugees.",
                       r.fixed(6, 20), 2001),
        ObservanceDef(
            "intercultural-week", "international", {"de": "Interkulturelle Woche", "en": "Intercultural Week"},
            "Bundesweite Aktionswoche der Kirchen, Kommunen und Migrantenorganisationen (Ende September).",
            "Nationwide week of churches, municipalities and migrant organisations (end of September).",
            _one(r.intercultural_week), length_days=8, since=1991,
        ),
        _international("day-of-german-unity", "Tag der Deutschen Einheit", "Day of German Unity",
                       "Nationalfeiertag zur Wiedervereinigung am 3. Oktober 1990.",
                       "National holiday marking reunification on 3 October 1990.",
                       r.fixed(10, 3), 1990, can_be_statutory=True),
        _international("human-rights-day", "Tag der Menschenrechte", "Human Rights Day",
                       "Jahrestag der Allgemeinen Erklärung der Menschenrechte von 1948.",
                       "Anniversary of the Universal Declaration of Human Rights of 1948.",
                       r.fixed(12, 10), 1950),
        _international("international-migrants-day", "Internationaler Tag der Migrantinnen und Migranten",
                       "International Migrants Day",
                       "UN-Tag für die Rechte von Migrantinnen und Migranten.",
                       "UN day for the rights of migrants.",
                       r.fixed(12, 18), 2000),
    ]


def _build() -> Mapping[str, ObservanceDef]:
    groups = (_christian, _orthodox, _islamic, _jewish, _dharmic, _iranian_and_others, _international_days)
    definitions = [definition for group in groups for definition in group()]
    return MappingProxyType({definition.key: definition for definition in definitions})


DEFINITIONS: Mapping[str, ObservanceDef] = _build()
COMMUNITIES_BY_KEY: Mapping[str, Community] = MappingProxyType({c.key: c for c in COMMUNITIES})
