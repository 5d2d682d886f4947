package world

// What CLDR's region names lack: the short forms the news writes, the
// capitals that stand for governments, irregular nisba adjectives and English
// demonyms. Keyed by ISO 3166-1 alpha-2. Compiled by hand from the countries'
// Arabic and English Wikipedia articles (CC BY-SA 4.0) for whosaid.

// countryFix overrides or adds to what CLDR gives for one country.
type countryFix struct {
	id        string   // when the kebab-case English name is not the id
	en, ar    string   // when CLDR's name is not the one the news uses
	aliasesEn []string // further English names
	aliasesAr []string // further Arabic names
	capitalEn string   // the capital, standing for the government
	capitalAr []string
	nisba     []string // masculine nisba stems without ال, when the rule gets them wrong
	demonym   string   // English adjective, when the rule gets it wrong
}

var fixes = map[string]countryFix{
	"US": {en: "United States", aliasesEn: []string{"US", "U.S.", "USA", "U.S.A.", "America", "United States of America"},
		aliasesAr: []string{"الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية", "أمريكا", "أميركا", "واشنطن"},
		capitalEn: "Washington", nisba: []string{"أمريكي", "أميركي"}, demonym: "American"},
	"GB": {aliasesEn: []string{"UK", "U.K.", "Britain", "Great Britain"}, aliasesAr: []string{"بريطانيا", "بريطانيا العظمى"},
		capitalEn: "London", capitalAr: []string{"لندن"}, nisba: []string{"بريطاني"}, demonym: "British"},
	"RU": {aliasesEn: []string{"Russian Federation"}, aliasesAr: []string{"روسيا الاتحادية"}, capitalEn: "Moscow", capitalAr: []string{"موسكو"}},
	"SA": {aliasesEn: []string{"Kingdom of Saudi Arabia", "KSA"}, aliasesAr: []string{"السعودية", "المملكة السعودية"},
		capitalEn: "Riyadh", capitalAr: []string{"الرياض"}, nisba: []string{"سعودي"}, demonym: "Saudi"},
	"AE": {en: "United Arab Emirates", aliasesEn: []string{"UAE", "U.A.E.", "the Emirates"}, aliasesAr: []string{"الإمارات", "دولة الإمارات"},
		capitalEn: "Abu Dhabi", capitalAr: []string{"أبوظبي", "أبو ظبي"}, nisba: []string{"إماراتي"}, demonym: "Emirati"},
	"SY": {aliasesAr: []string{"سورية"}, capitalEn: "Damascus", capitalAr: []string{"دمشق"}},
	"IR": {aliasesEn: []string{"Islamic Republic of Iran"}, aliasesAr: []string{"الجمهورية الإسلامية الإيرانية", "ايران"}, capitalEn: "Tehran", capitalAr: []string{"طهران"}},
	"IQ": {capitalEn: "Baghdad", capitalAr: []string{"بغداد"}},
	"EG": {capitalEn: "Cairo", capitalAr: []string{"القاهرة"}},
	"TR": {aliasesEn: []string{"Türkiye"}, capitalEn: "Ankara", capitalAr: []string{"أنقرة"}},
	"CN": {aliasesEn: []string{"People's Republic of China"}, capitalEn: "Beijing", capitalAr: []string{"بكين"}, demonym: "Chinese"},
	"FR": {capitalEn: "Paris", capitalAr: []string{"باريس"}, demonym: "French"},
	"DE": {capitalEn: "Berlin", capitalAr: []string{"برلين"}, demonym: "German"},
	"IT": {capitalEn: "Rome", capitalAr: []string{"روما"}},
	"ES": {capitalEn: "Madrid", capitalAr: []string{"مدريد"}, demonym: "Spanish"},
	"JP": {capitalEn: "Tokyo", capitalAr: []string{"طوكيو"}, demonym: "Japanese"},
	"UA": {capitalEn: "Kyiv", capitalAr: []string{"كييف"}},
	"AF": {capitalEn: "Kabul", capitalAr: []string{"كابول"}, nisba: []string{"أفغاني"}, demonym: "Afghan"},
	"PK": {capitalEn: "Islamabad", capitalAr: []string{"إسلام آباد"}, demonym: "Pakistani"},
	"IN": {capitalEn: "New Delhi", capitalAr: []string{"نيودلهي"}},
	"KP": {en: "North Korea", aliasesAr: []string{"كوريا الديمقراطية"}, capitalEn: "Pyongyang", capitalAr: []string{"بيونغ يانغ", "بيونغيانغ"}, nisba: []string{"كوري شمالي"}, demonym: "North Korean"},
	"KR": {en: "South Korea", capitalEn: "Seoul", capitalAr: []string{"سيول"}, nisba: []string{"كوري جنوبي"}, demonym: "South Korean"},
	"IL": {aliasesAr: []string{"اسرائيل"}, capitalEn: "Tel Aviv", capitalAr: []string{"تل أبيب"}, demonym: "Israeli"},
	"PS": {id: "palestine", en: "Palestine", ar: "فلسطين", aliasesEn: []string{"State of Palestine", "Palestinian Territories"},
		aliasesAr: []string{"دولة فلسطين", "الأراضي الفلسطينية"}, capitalEn: "Ramallah", capitalAr: []string{"رام الله"}, nisba: []string{"فلسطيني"}, demonym: "Palestinian"},
	"JO": {capitalEn: "Amman", nisba: []string{"أردني"}, demonym: "Jordanian"},
	"LB": {capitalEn: "Beirut", capitalAr: []string{"بيروت"}, demonym: "Lebanese"},
	"QA": {capitalEn: "Doha", capitalAr: []string{"الدوحة"}, demonym: "Qatari"},
	"KW": {demonym: "Kuwaiti"},
	"BH": {capitalEn: "Manama", capitalAr: []string{"المنامة"}, demonym: "Bahraini"},
	"OM": {ar: "عمان", aliasesAr: []string{"سلطنة عمان", "سلطنة عُمان"}, capitalEn: "Muscat", capitalAr: []string{"مسقط"}, nisba: []string{"عماني"}, demonym: "Omani"},
	"YE": {capitalEn: "Sanaa", capitalAr: []string{"صنعاء"}, nisba: []string{"يمني"}, demonym: "Yemeni"},
	"SD": {capitalEn: "Khartoum", capitalAr: []string{"الخرطوم"}, demonym: "Sudanese"},
	"SS": {demonym: "South Sudanese", nisba: []string{"جنوب سوداني"}},
	"LY": {capitalEn: "Tripoli", nisba: []string{"ليبي"}, demonym: "Libyan"},
	"TN": {nisba: []string{"تونسي"}, demonym: "Tunisian"},
	"DZ": {nisba: []string{"جزائري"}, demonym: "Algerian"},
	"MA": {capitalEn: "Rabat", capitalAr: []string{"الرباط"}, nisba: []string{"مغربي"}, demonym: "Moroccan"},
	"MR": {demonym: "Mauritanian"},
	"SO": {capitalEn: "Mogadishu", capitalAr: []string{"مقديشو"}, demonym: "Somali"},
	"ET": {capitalEn: "Addis Ababa", capitalAr: []string{"أديس أبابا"}, demonym: "Ethiopian"},
	"NL": {aliasesEn: []string{"Holland"}, aliasesAr: []string{"هولندا"}, nisba: []string{"هولندي"}, demonym: "Dutch"},
	"BE": {demonym: "Belgian"},
	"CH": {demonym: "Swiss"},
	"SE": {demonym: "Swedish"},
	"DK": {demonym: "Danish"},
	"NO": {demonym: "Norwegian"},
	"FI": {demonym: "Finnish"},
	"PL": {demonym: "Polish"},
	"GR": {demonym: "Greek"},
	"IE": {demonym: "Irish"},
	"PT": {demonym: "Portuguese"},
	"CA": {capitalEn: "Ottawa", capitalAr: []string{"أوتاوا"}, demonym: "Canadian"},
	"AU": {demonym: "Australian"},
	"BR": {demonym: "Brazilian"},
	"VE": {capitalEn: "Caracas", capitalAr: []string{"كاراكاس"}},
	"CU": {capitalEn: "Havana", capitalAr: []string{"هافانا"}},
	"MX": {demonym: "Mexican"},
	"AR": {demonym: "Argentine"},
	"PH": {demonym: "Filipino"},
	"TH": {demonym: "Thai"},
	"VN": {demonym: "Vietnamese"},
	"BD": {demonym: "Bangladeshi", nisba: []string{"بنغالي", "بنجلاديشي"}},
	"MM": {en: "Myanmar", ar: "ميانمار", aliasesEn: []string{"Burma"}, aliasesAr: []string{"بورما"}, demonym: "Myanmar"},
	"CD": {id: "dr-congo", en: "Democratic Republic of the Congo", ar: "جمهورية الكونغو الديمقراطية", aliasesEn: []string{"DR Congo", "DRC"}, aliasesAr: []string{"الكونغو الديمقراطية"}, demonym: "-"},
	"CG": {id: "republic-of-the-congo", en: "Republic of the Congo", ar: "جمهورية الكونغو", aliasesEn: []string{"Congo-Brazzaville"}, demonym: "-"},
	"VA": {id: "vatican"}, // an organisation (the Holy See) in organisations.yaml
	"HK": {en: "Hong Kong", ar: "هونغ كونغ"},
	"MO": {en: "Macao", ar: "ماكاو"},
	"XK": {en: "Kosovo", ar: "كوسوفو"},
	"AZ": {capitalEn: "Baku", capitalAr: []string{"باكو"}, demonym: "Azerbaijani"},
	"KZ": {capitalEn: "Astana", capitalAr: []string{"أستانا"}, demonym: "Kazakh"},
	"TJ": {aliasesAr: []string{"طاجكستان"}, demonym: "Tajik"},
	"KG": {aliasesAr: []string{"قرغيزيا", "قيرغيزيا", "قرغيزستان"}, demonym: "Kyrgyz"},
	"UZ": {demonym: "Uzbek"},
	"TM": {demonym: "Turkmen"},
	"BY": {aliasesAr: []string{"روسيا البيضاء"}, capitalEn: "Minsk", capitalAr: []string{"مينسك"}, demonym: "Belarusian"},
	"CY": {demonym: "Cypriot"},
	"NZ": {demonym: "New Zealand"},
	"ZA": {demonym: "South African"},
	"NG": {demonym: "Nigerian"},
}
