package extract

import (
	"strings"

	"github.com/whosaid/whosaid/kg"
)

// arVerb describes an Arabic verb for form generation: the 3ms perfect and
// imperfect and the active participle, and irregular forms to add.
type arVerb struct {
	lemma
	perf, imperf, part string
	// irregular forms (hollow and defective verbs) listed as they are written
	xPerf, xImperf, xFirst, xPart []string
	nouns                         []string // verbal nouns carrying the same predicate
}

// arabicVerbs is the Arabic cue lexicon. Stance predicates follow
// data-model.md §2 and arabic-extraction.md §3.1.
var arabicVerbs = []arVerb{
	{lemma: lemma{word: "قال", class: report}, imperf: "يقول", part: "قائل",
		xPerf: []string{"قال", "قالت", "قالوا", "قالا", "قالتا"}, xFirst: []string{"قلنا", "نقول", "أقول"}},
	{lemma: lemma{word: "صرح", class: report}, perf: "صرح", imperf: "يصرح", part: "مصرح"},
	{lemma: lemma{word: "أكد", class: report}, perf: "أكد", imperf: "يؤكد", part: "مؤكد"},
	{lemma: lemma{word: "أعلن", class: report}, perf: "أعلن", imperf: "يعلن", part: "معلن"},
	{lemma: lemma{word: "أشار", class: report}, perf: "أشار", imperf: "يشير", part: "مشير"},
	{lemma: lemma{word: "أضاف", class: report, cont: true}, perf: "أضاف", imperf: "يضيف", part: "مضيف"},
	{lemma: lemma{word: "تابع", class: report, cont: true, needs: ":"}, perf: "تابع", part: "متابع"},
	{lemma: lemma{word: "استطرد", class: report, cont: true}, perf: "استطرد", part: "مستطرد"},
	{lemma: lemma{word: "أردف", class: report, cont: true}, perf: "أردف", part: "مردف"},
	{lemma: lemma{word: "أوضح", class: report}, perf: "أوضح", imperf: "يوضح", part: "موضح"},
	{lemma: lemma{word: "لفت", class: report}, perf: "لفت", imperf: "يلفت", part: "لافت"},
	{lemma: lemma{word: "أفاد", class: report}, perf: "أفاد", imperf: "يفيد"},
	{lemma: lemma{word: "ذكر", class: report}, perf: "ذكر"},
	{lemma: lemma{word: "لمح", class: report}, perf: "لمح", imperf: "يلمح", part: "ملمح"},
	{lemma: lemma{word: "كشف", class: report}, perf: "كشف", imperf: "يكشف", part: "كاشف"},
	{lemma: lemma{word: "علق", class: report}, perf: "علق", imperf: "يعلق"},
	{lemma: lemma{word: "عبر", class: lightVerb, ambiguous: true, needs: "عن"}, perf: "عبر", imperf: "يعبر", part: "معبر"},
	{lemma: lemma{word: "تأسف", pred: kg.Concern, class: stance}, perf: "تأسف", imperf: "يتأسف", part: "متأسف", xPart: []string{"آسفا", "آسفة", "آسفين"}},
	{lemma: lemma{word: "أنذر", pred: kg.Warn, class: stance}, perf: "أنذر", imperf: "ينذر", part: "منذر"},
	{lemma: lemma{word: "شدد", class: report}, perf: "شدد", imperf: "يشدد", part: "مشدد"},
	{lemma: lemma{word: "جدد", class: lightVerb}, perf: "جدد", imperf: "يجدد", part: "مجدد"},
	{lemma: lemma{word: "أعرب", class: lightVerb}, perf: "أعرب", imperf: "يعرب", part: "معرب"},
	{lemma: lemma{word: "أبدى", class: lightVerb},
		xPerf: []string{"أبدى", "أبدت", "أبدوا"}, xImperf: []string{"يبدي", "تبدي", "يبدون"}, xPart: []string{"مبديا", "مبدية", "مبدين"}},
	{lemma: lemma{word: "اعتبر", class: evaluative}, perf: "اعتبر", imperf: "يعتبر", part: "معتبر"},
	{lemma: lemma{word: "رأى", class: evaluative, ambiguous: true}, xPerf: []string{"رأى", "رأت", "رأوا"}, xImperf: []string{"يرى", "ترى"}},
	{lemma: lemma{word: "وصف", class: evaluative}, perf: "وصف", imperf: "يصف", part: "واصف"},
	{lemma: lemma{word: "اقترح", pred: kg.Propose, class: stance}, perf: "اقترح", imperf: "يقترح", nouns: []string{"اقتراح"}},
	{lemma: lemma{word: "تعهد", pred: kg.Commit, class: stance}, perf: "تعهد", imperf: "يتعهد", part: "متعهد"},
	{lemma: lemma{word: "حذر", pred: kg.Warn, class: stance, ambiguous: true}, perf: "حذر", imperf: "يحذر", part: "محذر", nouns: []string{"تحذير"}},
	{lemma: lemma{word: "نبه", pred: kg.Warn, class: stance}, perf: "نبه", imperf: "ينبه", part: "منبه"},
	{lemma: lemma{word: "هدد", pred: kg.Threaten, class: stance}, perf: "هدد", imperf: "يهدد", nouns: []string{"تهديد"}},
	{lemma: lemma{word: "توعد", pred: kg.Threaten, class: stance}, perf: "توعد", imperf: "يتوعد", part: "متوعد"},
	{lemma: lemma{word: "دعا", pred: kg.CallFor, class: stance},
		xPerf: []string{"دعا", "دعت", "دعوا", "دعتا"}, xImperf: []string{"يدعو", "تدعو", "يدعون", "سيدعو"},
		xFirst: []string{"دعونا", "ندعو", "أدعو"}, xPart: []string{"داعيا", "داعية", "داعين"},
		nouns: []string{"دعوة"}},
	{lemma: lemma{word: "ناشد", pred: kg.CallFor, class: stance}, perf: "ناشد", imperf: "يناشد", part: "مناشد"},
	{lemma: lemma{word: "حث", pred: kg.CallFor, class: stance}, perf: "حث", imperf: "يحث", part: "حاث"},
	{lemma: lemma{word: "طالب", pred: kg.Demand, class: stance, ambiguous: true}, perf: "طالب", imperf: "يطالب", part: "مطالب", nouns: []string{"مطالبة"}},
	{lemma: lemma{word: "أدان", pred: kg.Condemn, class: stance}, perf: "أدان",
		xImperf: []string{"يدين", "تدين", "يدينون", "يدن", "تدن"}, xFirst: []string{"ندين", "أدين"}, nouns: []string{"إدانة"}},
	{lemma: lemma{word: "ندد", pred: kg.Condemn, class: stance}, perf: "ندد", imperf: "يندد", part: "مندد", nouns: []string{"تنديد"}},
	{lemma: lemma{word: "استنكر", pred: kg.Condemn, class: stance}, perf: "استنكر", imperf: "يستنكر", part: "مستنكر", nouns: []string{"استنكار"}},
	{lemma: lemma{word: "شجب", pred: kg.Condemn, class: stance}, perf: "شجب", imperf: "يشجب"},
	{lemma: lemma{word: "انتقد", pred: kg.Condemn, class: stance}, perf: "انتقد", imperf: "ينتقد", part: "منتقد"},
	{lemma: lemma{word: "اتهم", pred: kg.Accuse, class: stance}, perf: "اتهم", imperf: "يتهم", nouns: []string{"اتهام"}},
	{lemma: lemma{word: "حمل", pred: kg.Accuse, class: stance, needs: "مسؤولية"}, perf: "حمل", imperf: "يحمل", part: "محمل"},
	{lemma: lemma{word: "رفض", pred: kg.Reject, class: stance, ambiguous: true}, perf: "رفض", imperf: "يرفض", part: "رافض", nouns: []string{"رفض"}},
	{lemma: lemma{word: "استبعد", pred: kg.Reject, class: stance}, perf: "استبعد", imperf: "يستبعد", part: "مستبعد"},
	{lemma: lemma{word: "نفى", pred: kg.Deny, class: stance},
		xPerf: []string{"نفى", "نفت", "نفوا"}, xImperf: []string{"ينفي", "تنفي"}, xFirst: []string{"ننفي"}, xPart: []string{"نافيا", "نافية"}},
	{lemma: lemma{word: "رحب", pred: kg.Welcome, class: stance}, perf: "رحب", imperf: "يرحب", part: "مرحب", nouns: []string{"ترحيب"}},
	{lemma: lemma{word: "أشاد", pred: kg.Praise, class: stance}, perf: "أشاد", imperf: "يشيد", part: "مشيد", nouns: []string{"إشادة"}},
	{lemma: lemma{word: "نوه", pred: kg.Praise, class: stance}, perf: "نوه", imperf: "ينوه", part: "منوه"},
	{lemma: lemma{word: "ثمن", pred: kg.Praise, class: stance, ambiguous: true}, perf: "ثمن", imperf: "يثمن", part: "مثمن"},
	{lemma: lemma{word: "شكر", pred: kg.Praise, class: stance, ambiguous: true}, perf: "شكر", imperf: "يشكر", part: "شاكر"},
	{lemma: lemma{word: "أيد", pred: kg.Support, class: stance}, perf: "أيد", imperf: "يؤيد", part: "مؤيد", nouns: []string{"تأييد"}},
	{lemma: lemma{word: "دعم", pred: kg.Support, class: stance, ambiguous: true}, perf: "دعم", imperf: "يدعم", part: "داعم", nouns: []string{"دعم"}},
	{lemma: lemma{word: "ساند", pred: kg.Support, class: stance}, perf: "ساند", imperf: "يساند", nouns: []string{"مساندة"}},
	{lemma: lemma{word: "عارض", pred: kg.Oppose, class: stance}, perf: "عارض", imperf: "يعارض", nouns: []string{"معارضة"}},
	{lemma: lemma{word: "أمل", pred: kg.Hope, class: stance, ambiguous: true}, perf: "أمل", imperf: "يأمل", part: "آمل"},
	{lemma: lemma{word: "تمنى", pred: kg.Hope, class: stance}, xPerf: []string{"تمنى", "تمنت"}, xImperf: []string{"يتمنى", "تتمنى"}, xFirst: []string{"نتمنى"}},
	{lemma: lemma{word: "اتفق", pred: kg.AgreeWith, class: stance, needs: "مع"}, perf: "اتفق", imperf: "يتفق"},
	{lemma: lemma{word: "بحث", class: discuss, ambiguous: true, needs: "مع"}, perf: "بحث", imperf: "يبحث"},
	{lemma: lemma{word: "ناقش", class: discuss, needs: "مع"}, perf: "ناقش", imperf: "يناقش"},
	{lemma: lemma{word: "تباحث", class: discuss, needs: "مع"}, perf: "تباحث", imperf: "يتباحث"},
	{lemma: lemma{word: "نقل", class: channel, needs: "عن"}, perf: "نقل", imperf: "ينقل"},
	{lemma: lemma{word: "أبان", class: report}, perf: "أبان", imperf: "يبين"},
	{lemma: lemma{word: "مضى", class: report, cont: true, needs: "بالقول"}, xPerf: []string{"مضى", "مضت"}},
	{lemma: lemma{word: "استرسل", class: report, cont: true, needs: "بالقول"}, perf: "استرسل"},
	{lemma: lemma{word: "تساءل", class: report}, perf: "تساءل", imperf: "يتساءل", part: "متسائل"},
	{lemma: lemma{word: "أبلغ", class: report}, perf: "أبلغ"},
	{lemma: lemma{word: "أقر", class: report, ambiguous: true}, perf: "أقر", imperf: "يقر"},
	{lemma: lemma{word: "اعترف", class: report}, perf: "اعترف", imperf: "يعترف", part: "معترف"},
	{lemma: lemma{word: "توقع", class: report}, perf: "توقع", imperf: "يتوقع", part: "متوقع"},
	{lemma: lemma{word: "جزم", class: report}, perf: "جزم", imperf: "يجزم", part: "جازم"},
	{lemma: lemma{word: "حرص", pred: kg.Commit, class: stance, needs: "على"}, perf: "حرص"},
}

// arabicUncued are the predicates no Arabic cue word or phrase carries,
// each with the rule of stances (stance.go) that gives it. A predicate of
// kg's table neither cued nor listed here fails TestEveryPredicateIsCued.
var arabicUncued = map[kg.Predicate]string{
	kg.Assert:         "a reporting verb whose complement states no stance",
	kg.Announce:       "أعلن, or a reporting verb with a future marker in its complement",
	kg.DeclineComment: "a negated علق or كشف, or رفض followed by تعليق",
}

// lightNouns are the nouns after أعرب عن / أبدى / جدد / أكد / أعلن that
// carry the stance («أعرب عن امتنانه» → PRAISE, «أكدت دعمها» → SUPPORT).
var lightNouns = map[kg.Predicate][]string{
	kg.Praise:    {"امتنان", "شكر", "تقدير", "إشادة"},
	kg.Welcome:   {"ترحيب", "ارتياح", "سعادة", "ترحيبه"},
	kg.Condemn:   {"إدانة", "استنكار", "تنديد", "شجب"},
	kg.Concern:   {"قلق", "انزعاج", "مخاوف", "أسف", "خشية", "تحفظ"},
	kg.Hope:      {"أمل", "ثقة", "تفاؤل", "تطلع"},
	kg.Reject:    {"رفض"},
	kg.Support:   {"دعم", "تأييد", "تضامن", "مساندة", "تمسك"},
	kg.Oppose:    {"معارضة", "اعتراض"},
	kg.Commit:    {"استعداد", "عزم", "التزام"},
	kg.AgreeWith: {"موافقة"},
}

// arabicPhrases are fixed phrases, by what they contribute.
var arabicPhrases = []struct {
	kind  phraseKind
	pred  kg.Predicate
	pol   kg.Polarity
	words []string
	pre   bool
}{
	{trigger, kg.Reject, "", []string{"لا يمكن قبوله", "لا يمكن القبول به", "غير مقبول", "غير مقبولة", "مرفوض", "مرفوضة", "أمر مرفوض"}, true},
	{trigger, kg.Oppose, "", []string{"خطأ فادح", "خطأ فادحا", "خطأ كبير", "خطأ كبيرا", "خرق", "خرقا", "انتهاك", "انتهاكا", "غير قانوني", "غير شرعي", "غير شرعية", "ليس من المعقول", "غير معقول"}, true},
	{trigger, kg.Reject, "", []string{"لن نقبل", "لن تقبل", "لن يقبل", "لن أقبل", "لا أقبل", "لا نقبل", "لا تقبل", "لا يقبل", "لن نسمح"}, false},
	{trigger, kg.Support, "", []string{"يفضل", "نفضل", "أفضل من", "السبيل الوحيد", "الطريق الوحيد", "الحل الوحيد", "لا بديل عن", "لا يمكن حلها إلا", "لا حل إلا"}, false},
	{trigger, kg.Concern, "", []string{"قلق", "القلق", "بقلق", "نشعر بالقلق", "يثير القلق", "مخاوف", "قلقون", "قلقها", "قلقه", "قلقنا"}, false},
	{trigger, kg.Warn, "", []string{"زعزعة", "يزعزع", "تزعزع", "خطر", "خطرا", "خطورة", "يهدد", "تهدد", "كارثة", "كارثي", "تتفاقم", "يتفاقم", "تفاقم", "تدهور", "عواقب", "انزلاق", "حرب أهلية", "يشكل تهديدا", "مجاعة", "كارثة إنسانية", "على حافة", "قد نواجه", "أسوأ"}, false},
	{trigger, kg.Oppose, "", []string{"نعارض", "معارضتنا"}, false},
	{trigger, kg.Condemn, "", []string{"ندين", "نستنكر", "نندد", "إدانتنا", "جريمة", "جرائم", "عمل إرهابي", "مجازر", "مجزرة", "فظاعات", "وحشية", "همجية"}, false},
	{trigger, kg.CallFor, "", []string{"ضرورة", "بضرورة", "يجب", "ينبغي", "لا بد", "لابد", "من المهم", "المهم", "أهمية", "لا يجوز", "من الضروري", "يتعين", "ندعو", "نطالب", "نحث"}, false},
	{trigger, kg.Hope, "", []string{"نأمل", "نتطلع", "نتمنى"}, false},
	// Stances the dev split says with a reporting verb: commitments and
	// denials in what is said. (Support, accusation and condemnation words
	// were tried too: they cost more on the seed article than they gained.)
	{trigger, kg.Commit, "", []string{"سنعمل", "سنواصل", "سوف نعمل", "سوف نواصل", "سنستمر", "ملتزمون", "ملتزمة", "ملتزم", "التزامها", "التزامه", "مستعدون", "عازمون", "عازمة", "حريصة على", "حريص على", "حريصون على", "حرص المملكة", "حرص الحكومة", "لن نتوانى", "لن نتردد", "ستواصل", "سيواصل", "ستعمل"}, false},
	{trigger, kg.Deny, "", []string{"لا صحة", "غير صحيح", "غير صحيحة", "عار من الصحة", "مزاعم", "ادعاءات", "أكاذيب", "كاذبة", "مفبركة", "لا أساس"}, false},
	{trigger, kg.AgreeWith, "", []string{"بطريقة موحدة مع", "موحدة مع", "لا خلافات", "لا خلاف", "نتفق مع", "متفقون مع", "تطابق المواقف", "تطابق وجهات النظر", "توافق"}, false},
	{trigger, kg.Praise, "", []string{"نشكر", "نثمن", "نشيد", "نقدر"}, false},
	{trigger, kg.Welcome, "", []string{"نرحب"}, false},
	{trigger, kg.Deny, "", []string{"لم أقل", "لم نقل", "ننفي", "أنفي", "لا أساس له من الصحة", "عار عن الصحة", "عارية عن الصحة"}, false},
	{future, "", "", []string{"سوف", "غدا", "يوم غد", "غد", "المقبل", "المقبلة", "القادم", "القادمة", "سيتم", "سيجري", "سيجرى", "سيعقد", "ستعقد", "سيشارك", "سيبحث", "ستبحث", "سيزور", "سيلتقي", "يناقشون غدا"}, false},
	{stopper, "", "", []string{"منع", "وقف", "إيقاف", "وضع حد", "تحجيم", "الحد من", "مكافحة", "التصدي", "إنهاء", "القضاء على", "محاربة", "تفادي", "تجنب"}, false},
	{positive, "", "", []string{"الموقف البناء", "الدور البناء", "موقف بناء", "بناءة", "البناءة", "إيجابي", "إيجابية", "مثمر", "مثمرة", "ناجح", "ناجحة", "في الوقت المناسب", "خطوة مهمة", "خطوة إيجابية", "خطوة في الاتجاه الصحيح", "ممتاز", "جيد"}, false},
	{negative, "", "", []string{"ضحايا", "الضحايا", "سلبي", "سلبية", "خطير", "خطيرة", "مأساوي", "مأساوية", "فاشل", "فاشلة", "كارثي", "مدمر"}, false},
	{negation, "", "", []string{"لا", "لن", "لم", "ليس", "ليست", "غير", "عدم"}, false},
	{skip, "", "", []string{"معالي", "فخامة", "سمو", "صاحب السمو", "صاحب السمو الملكي", "سعادة", "مجددا", "مجدداً", "اليوم", "أمس", "أيضا", "كذلك", "بشدة", "بدوره", "بدورها", "من جهته", "من جهتها", "من جانبه", "من جانبها", "من ناحيته", "من ناحيتها", "قد", "فيه", "فيها", "هاتفيا", "صباح", "مساء", "اليوم الإثنين", "يوم"}, false},
	{medium, "", "", []string{"في بيان", "في تصريح", "في تصريحات", "في مؤتمر صحفي", "في مؤتمر صحافي", "خلال مؤتمر صحفي", "في مقابلة", "في كلمة", "في كلمته", "في كلمتها", "في خطاب", "خلال اجتماع", "في اجتماع", "للصحفيين", "للصحافيين", "لوكالة", "لقناة", "لصحيفة", "عبر تويتر", "على تويتر", "في تغريدة", "في حسابه", "خلال جلسة", "في ختام", "على هامش", "عقب", "خلال لقائه", "خلال زيارة", "أمام", "في رسالة"}, false},
	{docNoun, "", "", []string{"كلمة", "الكلمة", "خطاب", "خطابا", "الخطاب", "مقابلة", "تصريح", "تصريحا", "تصريحات", "تغريدة", "مؤتمرا صحفيا", "مؤتمر صحفي", "بيان", "البيان", "بيانا", "تقرير", "التقرير", "رسالة", "الرسالة", "مذكرة", "المذكرة", "إعلان", "الإعلان", "قرار", "القرار"}, false},
	{dual, "", "", []string{"الجانبان", "الجانبين", "الطرفان", "الطرفين", "المجلسان", "المجلسين", "البلدان", "البلدين", "الوزيران", "الوزيرين", "الرئيسان", "الرئيسين", "الزعيمان", "الزعيمين", "المسؤولان", "المسؤولين", "الدولتان", "الدولتين"}, false},
	{member, "", "", []string{"الدول الأعضاء في", "الدول الأعضاء ب", "دول", "أعضاء", "الأعضاء في", "ممثلو", "ممثلي", "ممثل", "وفد", "قادة", "زعماء", "رؤساء", "وزراء خارجية", "وزراء", "أعضاء مجلس"}, false},
	{title, "", "", []string{"رئيس", "الرئيس", "رئيسة", "وزير", "الوزير", "وزيرة", "نائب", "مساعد", "المتحدث", "متحدث", "المتحدثة", "الناطق", "ناطق", "الناطقة", "سفير", "السفير", "مندوب", "المندوب", "الأمين العام", "أمين عام", "المبعوث", "مبعوث", "ممثل", "مستشار", "المستشار", "المستشارة", "قائد", "زعيم", "الملك", "العاهل", "الأمير", "ولي العهد", "الشيخ", "السلطان", "الجنرال", "اللواء", "العميد", "العقيد", "المرشد", "المفوض", "منسق", "مدير", "عضو", "النائب", "السيناتور", "نظيره", "نظيرها", "نظيرته", "رئيس الوزراء", "رئيس الحكومة", "زعيمة", "المنسق", "الممثل", "الممثلة",
		// ranks, honorifics and offices that stand before a name («القنصل الأمريكي العام دونالد بلوم», «الدكتور محمد مارم»)
		"القنصل", "قنصل", "الدكتور", "الدكتورة", "السكرتير", "وكيل", "الوكيل", "محافظ", "المحافظ", "مديرة", "المديرة", "المدير",
		"رئيسة", "نائبة", "النائبة", "المتحدثة", "مساعدة", "الأمينة العامة", "القاضي", "المدعي العام", "الفريق", "الرائد", "المقدم",
		"العميد", "حاكم", "الحاكم", "المرشح", "المرشحة", "الناشط", "الناشطة", "الخبير", "المحلل", "الكاتب", "الصحفي", "البروفيسور",
		"القيادي", "القيادية", "المطران", "البابا", "الإمام", "المفتي", "رئيسا", "سفيرة", "السفيرة", "مندوبة", "المندوبة", "القائم بالأعمال", "المراسل"}, false},
	{titleMod, "", "", []string{"باسم", "لشؤون", "للشؤون", "خارجية", "دفاع", "داخلية", "الخارجية", "الدفاع", "الداخلية", "العام", "الأعلى", "الأول", "الخاص", "الدائم", "مجلس", "الوزراء", "حكومة", "الحكومة", "حزب", "حركة", "جمهورية", "هيئة", "لجنة", "مكتب", "شؤون", "الشؤون", "الأمن", "القومي", "السابق", "الأسبق", "الحالي", "الجديد", "إدارة", "دولة", "الدولة", "الأمم", "المتحدة", "الشعب", "النواب", "الدوما", "البرلمان", "الجمهورية", "الخاصة", "الدولي", "الدولية", "لدى", "في"}, false},
	{stopName, "", "", []string{"في", "إن", "أن", "ان", "إنه", "أنه", "انه", "إنها", "أنها", "إننا", "على", "إلى", "الى", "عن", "من", "مع", "خلال", "أمس", "اليوم", "غدا", "يوم", "الذي", "التي", "الذين", "قد", "لقد", "عقب", "بعد", "قبل", "أمام", "حيث", "كما", "و", "أو", "هو", "هي", "لدى", "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "صباح", "مساء", "بأن", "لأن", "ليل", "حول", "بشأن",
		"لكن", "ولكن", "لكنه", "ولكنه", "لكنها", "ولكنها", "منذ", "حتى", "إذ", "إذا", "لو", "وهو", "وهي", "بينما", "فيما", "أي", "كل", "جميع", "بعض",
		"لإذاعة", "لتلفزيون", "لقناة", "لوكالة", "لصحيفة", "لموقع", "لشبكة", "لمجلة", "لراديو", "دليل", "بمنصب", "منصب", "كلمة", "بيانا", "الذي", "نحو", "ضد"}, false},
}

// arabicComplementizers introduce the content of a statement.
var arabicComplementizers = []string{"إن", "أن", "ان", "بأن", "إنه", "أنه", "انه", "إنها", "أنها", "إننا", "أننا", "إنهم", "أنهم", "بأنه", "بأنها"}

// generic words that may not be names of new persons.
var arabicNotNames = []string{"مسؤول", "مصدر", "مصادر", "متحدث", "ناطق", "خبير", "خبراء", "مسؤولون", "مراقبون", "دبلوماسي", "محلل"}

// buildArabic generates the surface forms of the Arabic lexicon: conjunction
// prefixes are covered by the bare key; this adds the perfect (3ms, 3fs -ت,
// 3mp -وا, dual -ا/-تا, 1pl -نا), the imperfect (ي/ت/ن/أ, -ون, -ان, future
// س), the participle (-ا tanween, -ة, -ين, -ون) and verbal nouns with
// possessive suffixes.
func buildArabic() *lexicon {
	lx := newLexicon("ar")
	for i := range arabicVerbs {
		v := &arabicVerbs[i]
		l := &v.lemma
		if v.perf != "" {
			for _, s := range []string{"", "ت", "وا", "ا", "تا"} {
				lx.addForm(v.perf+s, form{lemma: l, kind: perfect, plural: s == "وا"})
			}
			lx.addForm(v.perf+"نا", form{lemma: l, kind: perfect, first: true})
		}
		if v.imperf != "" {
			stem := strings.TrimPrefix(v.imperf, "ي")
			for _, p := range []string{"", "س"} {
				lx.addForm(p+"ي"+stem, form{lemma: l, kind: imperfect})
				lx.addForm(p+"ت"+stem, form{lemma: l, kind: imperfect})
				lx.addForm(p+"ي"+stem+"ون", form{lemma: l, kind: imperfect, plural: true})
				lx.addForm(p+"ي"+stem+"ان", form{lemma: l, kind: imperfect, plural: true})
				lx.addForm(p+"ت"+stem+"ان", form{lemma: l, kind: imperfect, plural: true})
				lx.addForm(p+"ن"+stem, form{lemma: l, kind: imperfect, first: true})
				lx.addForm(p+"أ"+stem, form{lemma: l, kind: imperfect, first: true})
			}
		}
		if v.part != "" {
			for _, s := range []string{"ا", "اً", "ة", "ين", "ون", "تين"} {
				lx.addForm(v.part+s, form{lemma: l, kind: participle, plural: s == "ين" || s == "ون"})
			}
		}
		for _, x := range v.xPerf {
			lx.addForm(x, form{lemma: l, kind: perfect, plural: strings.HasSuffix(x, "وا")})
		}
		for _, x := range v.xImperf {
			lx.addForm(x, form{lemma: l, kind: imperfect, plural: strings.HasSuffix(x, "ون")})
		}
		for _, x := range v.xFirst {
			lx.addForm(x, form{lemma: l, kind: imperfect, first: true})
		}
		for _, x := range v.xPart {
			lx.addForm(x, form{lemma: l, kind: participle, plural: strings.HasSuffix(x, "ين")})
		}
		for _, n := range v.nouns {
			for i, s := range nounForms(n) {
				lx.addForm(s, form{lemma: l, kind: noun, suffixed: i > 0})
			}
		}
	}
	for pred, ns := range lightNouns {
		l := &lemma{word: ns[0], pred: pred, class: stance}
		for _, n := range ns {
			for i, s := range nounForms(n) {
				lx.addForm(s, form{lemma: l, kind: noun, suffixed: i > 0})
			}
		}
	}
	for _, p := range arabicPhrases {
		for _, w := range p.words {
			lx.addPhrase(w, phraseInfo{kind: p.kind, pred: p.pred, pol: p.pol, pre: p.pre})
		}
	}
	for _, c := range arabicComplementizers {
		for _, t := range keysOf(c) {
			lx.comp[t.Light] = true
		}
	}
	lx.orgHeads, lx.notNameStart, lx.namesBeforeTitles = orgHeads, notNameStart, true
	return lx
}

// nounForms returns a verbal noun with the possessive suffixes news copy
// uses: رفض، رفضه، رفضها، رفضهم، رفضهما، رفضنا؛ إدانة → إدانته.
func nounForms(n string) []string {
	stem := n
	if strings.HasSuffix(n, "ة") {
		stem = strings.TrimSuffix(n, "ة") + "ت"
	}
	out := []string{n}
	for _, s := range []string{"ه", "ها", "هم", "هما", "نا", "كم", "هن"} {
		out = append(out, stem+s)
	}
	return out
}

// arabic is the Arabic language of the extractor: its lexicon and its
// rules of word order (the verb first, its subject after it) and word shape
// (clitics, the article, nisba adjectives).
type arabic struct{ *lexicon }

func (g arabic) words() *lexicon { return g.lexicon }

// inName: Arabic has no capitals to join a cue word to a name.
func (arabic) inName([]Token, int) bool { return false }

// startsClause: a verb after و / ف (وأدانت، واعربوا), after كما / حيث /
// ثم, or after a comma and فيما / بينما / كما starts a clause.
func (arabic) startsClause(s *docState, k, a int, f form) bool {
	toks := s.d.Tokens
	t := toks[k]
	if (f.kind == perfect || f.kind == imperfect) && t.Conj && !s.lx.formKeyed(t.Key) {
		return true
	}
	if k > a && toks[k-1].Key == "و" || s.afterParticle(k, a) {
		return true
	}
	if k > a+1 {
		p := toks[k-1].Key
		if (p == "فيما" || p == "بينما" || p == "كما" || p == "ثم") && (toks[k-2].Key == "," || toks[k-2].Kind == Punct) {
			return true
		}
	}
	return false
}

// mayInherit: a participle (مضيفا), a continuation (أضاف), a verb that
// starts a clause or follows و / a particle; a bare imperfect (يقول) only
// after و or a particle.
func (arabic) mayInherit(s *docState, k, a int, f form) bool {
	conj := strings.HasPrefix(s.d.Tokens[k].Key, "و")
	if f.kind == imperfect && !conj && !s.afterParticle(k, a) {
		return false
	}
	return f.kind == participle || f.lemma.cont || s.isBoundary(k, a, f) || conj || s.afterParticle(k, a)
}

func (arabic) subjectUnresolved(s *docState, i, b int) bool { return s.unresolvedSubject(i, b) }

// agreement: -ت (أضافت), -ة of a participle (مضيفة), ت- of an imperfect
// (تقول) mark the feminine; -وا، -ون، -ين the plural.
func (arabic) agreement(t Token, f form) (feminine, plural bool) {
	k := t.Key
	feminine = strings.HasSuffix(k, "ت") || strings.HasSuffix(k, "ه") && f.kind == participle || f.kind == imperfect && strings.HasPrefix(strings.TrimPrefix(k, "و"), "ت")
	plural = strings.HasSuffix(k, "وا") || strings.HasSuffix(k, "ون") || strings.HasSuffix(k, "ين")
	return feminine, plural
}

// verbSubject: the subject after the verb («قال لافروف»), else one
// before it («وكان لافروف أعلن»); a participle has none of its own.
func (arabic) verbSubject(s *docState, k, a, after, b int, f form) np {
	if f.kind == participle {
		return np{}
	}
	if p := s.parseNP(after, b); p.ok() {
		return p
	}
	return s.npBefore(k, s.clauseStart(k, a))
}

// subjectReach: a subject before the verb starts within three words of
// the clause start.
func (arabic) subjectReach(clause, k int) int { return clause + 4 }

func (arabic) accordingApposition(*docState, int, int) np { return np{} }

// pronoun: Arabic subject pronouns live in the verb.
func (arabic) pronoun(*docState, int) np { return np{} }

func (arabic) inverted(_ *docState, c attribution, _ int) (attribution, bool) { return c, false }

// endsName: a preposition or conjunction with the article («للشخصيات»),
// a nisba adjective («مغربي»), a one-letter word, a definite first word, a
// pronoun suffix, or و after the first word.
func (arabic) endsName(s *docState, i, j int) bool {
	t := s.d.Tokens[j]
	if strings.HasPrefix(t.Key, "لل") || strings.HasPrefix(t.Key, "بال") || strings.HasPrefix(t.Key, "وال") || strings.HasPrefix(t.Key, "كال") {
		return true // a preposition or conjunction with the article («للشخصيات»): not a name
	}
	if strings.HasSuffix(t.Light, "ي") && s.x.nisba[nisbaStem(t.Light)] != nil {
		return true // «ناشط حقوقي مغربي»: a nationality adjective describes, it does not name
	}
	if len([]rune(t.Key)) < 2 || (j == i && t.Definite()) || pronounSuffixed(t) {
		return true
	}
	// «وزير الخارجية الإيراني محمد ... ونظيره»: a conjunction ends the name
	return j > i && t.Conj && strings.HasPrefix(t.Key, "و")
}

func (arabic) minNameWords() int { return 1 }

// clauseNotName: four or more name-like words are more likely a clause.
func (arabic) clauseNotName(s *docState, i, j, end int) bool {
	toks := s.d.Tokens
	return j < end && toks[j].Kind == Word && !stopWord(toks[j]) && len(s.lx.formsAt(toks[j])) == 0 &&
		!toks[j].In(s.lx.comp) && j-i >= 3 && len([]rune(toks[j].Key)) >= 2 && !strings.HasPrefix(toks[j].Key, "ال") && !isTitleWord(toks[j])
}

// titleAdjective: a word with the article that is no stop word or cue.
func (arabic) titleAdjective(s *docState, t Token) bool {
	return strings.HasPrefix(t.Key, "ال") && !stopWord(t) && len(s.lx.formsAt(t)) == 0
}

// refersTo: a definite head noun of the body's name («المنظمة»).
func (arabic) refersTo(t Token, e *Entity) bool {
	if !t.Definite() {
		return false
	}
	for _, h := range e.heads {
		if t.Is(h) {
			return true
		}
	}
	return false
}

// written keeps the Arabic name as written; only the id, which names
// nothing, is transliterated («عبد الباسط سيدا» is not "Bd Albast Sida").
func (arabic) written(surface string) (kg.Names, string) {
	return kg.Names{Ar: surface}, transliterate(surface)
}

func (arabic) futureVerb(t Token) bool { return futureVerb(t) }

// pledge: سنعمل، سوف نواصل (for); لن نسمح (against).
func (arabic) pledge(toks []Token, k, b int) kg.Polarity {
	t, next := toks[k].Key, ""
	if k+1 < b {
		next = toks[k+1].Key
	}
	switch {
	case futureVerb(toks[k]) && strings.HasPrefix(t, "سن"):
		return kg.Favor
	case t == "سوف" && strings.HasPrefix(next, "ن"):
		return kg.Favor
	case t == "لن" && strings.HasPrefix(next, "ن"):
		return kg.Against
	}
	return ""
}
