"""News paragraphs in many languages, to test decoding and searching non-UTF-8 archives.

Written for these tests (not copied from any paper): harbour dredging, city
budgets and storms, in a news register. Each text uses only characters that
every encoding in its `encodings` can represent, so a test can encode it,
decode it and compare: KOI8-R has no « » or dashes, ISO-8859-2 has no „“ or –,
so the Russian and Central European texts use ASCII quotes and hyphens.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class LanguageSample:
    language: str  #: "ja", "zh-Hans", "zh-Hant", "ko", "ru", "uk", "cs", "pl", "hu", "el", "de", "fr", "en"
    paragraphs: tuple[str, ...]
    words: tuple[str, ...]  #: words that occur in the text, to search for
    encodings: tuple[str, ...]  #: legacy encodings (Python codec names) that represent the text exactly


_SAMPLES = (
    LanguageSample(
        "ja",
        (
            "県は5日、老朽化した港湾の機能を回復するため、今月下旬から北防波堤の周辺で浚渫工事を始めると発表した。"
            "航路には長年の土砂が堆積し、大型の貨物船は満潮時しか入港できない状態が続いていた。"
            "工事費は約12億円で、国の補助金が半分を賄う。",
            "浚渫で取り除く土砂はおよそ30万立方メートルに上る見込みだ。"
            "県港湾課によると、土砂の一部は沖合の埋め立て地に運び、残りは海岸の養浜に再利用する。"
            "漁業関係者からは、海水の濁りによる影響を心配する声も出ている。",
            "地元の漁業協同組合は先月、工事期間中の水質調査を求める要望書を県に提出した。"
            "組合長は「港湾の整備には賛成だが、ノリの養殖が始まる秋までに浚渫を終えてほしい」と話した。"
            "県は週に一度、濁度の測定結果を公表すると約束した。",
            "港湾の利用は近年増えており、昨年の取扱貨物量は過去最高を記録した。"
            "市の担当者は、浚渫が終われば定期コンテナ航路の誘致にも弾みがつくと期待を寄せる。"
            "工事は来年3月末までに完了する予定である。",
            "一方、台風の季節に入る9月以降は作業船の運航を一時停止する。"
            "過去には高波で作業台船が流され、港湾工事の工期が2か月遅れたことがあった。"
            "県は気象情報を見ながら、安全を最優先に浚渫を進めるとしている。",
        ),
        ("浚渫", "港湾", "防波堤", "漁業"),
        ("shift_jis", "cp932", "euc_jp"),
    ),
    LanguageSample(
        "zh-Hans",
        (
            "市交通运输局昨日表示，港口主航道疏浚工程将于下月中旬正式开工。"
            "由于上游泥沙长期淤积，航道水深已从十二米降至不足九米，大型集装箱船只能候潮进港。"
            "工程总投资约四点六亿元，计划工期十个月。",
            "根据施工方案，疏浚船将分三个阶段作业，共清除淤泥约二百万立方米。"
            "清出的泥沙经检测合格后，将用于港口后方的填海造地。"
            "环保部门要求施工单位每天监测水体浑浊度，并向社会公开数据。",
            "港口集团负责人介绍，去年港口货物吞吐量突破一亿吨，同比增长百分之七。"
            "航道疏浚完成后，十万吨级货轮可以全天候进出，预计每年可为航运企业节省数千万元的等候费用。",
            "不过，附近渔民对施工期间的捕捞禁令表示担忧。"
            "当地政府已经承诺发放临时补贴，并在禁渔期结束后组织增殖放流活动。"
            "一位在港口经营渔具店三十年的老板说，他希望疏浚工程能按期完成。",
            "气象部门提醒，今年台风季节可能提前到来。"
            "施工单位表示，一旦发布台风预警，疏浚船将立即撤回港口避风，待风浪平息后再复工。",
        ),
        ("疏浚", "港口", "航道", "渔民"),
        ("gb2312", "gbk", "gb18030"),
    ),
    LanguageSample(
        "zh-Hant",
        (
            "港務公司昨天宣布，港口主航道的疏浚工程將在下個月動工。"
            "由於上游泥沙長年淤積，航道水深已經不足九公尺，大型貨櫃輪只能趁漲潮時進港。"
            "整個工程預算約新臺幣十八億元，預計明年夏天完工。",
            "依照施工計畫，疏浚船會分成三個階段作業，總共清除約一百五十萬立方公尺的淤泥。"
            "清出的土方經過檢驗後，將用於港口旁的填海造地。"
            "環保團體則要求港務公司公開每天的水質監測結果。",
            "港務公司總經理表示，去年港口的貨櫃裝卸量創下歷史新高，航道疏浚後可以吸引更多遠洋航線停靠。"
            "他也承認，施工期間部分碼頭的作業時間必須調整，已經和航商協調過。",
            "附近漁會對禁止捕撈的範圍仍有疑慮。"
            "漁會理事長說，漁民並不反對疏浚，但希望政府提供合理的補償，並在工程結束後協助恢復漁場。"
            "縣政府預定下週召開說明會。",
        ),
        ("疏浚", "港口", "航道", "漁會"),
        ("big5", "cp950"),
    ),
    LanguageSample(
        "ko",
        (
            "해양수산부는 3일 북항의 항만 기능을 높이기 위해 다음 달부터 대규모 준설 공사를 시작한다고 밝혔다. "
            "그동안 항로에 토사가 쌓여 대형 선박은 만조 때에만 입항할 수 있었다. "
            "총사업비는 약 850억 원으로 국비가 대부분을 차지한다.",
            "준설 작업으로 걷어 낼 토사는 약 120만 세제곱미터에 이를 것으로 예상된다. "
            "파낸 토사 가운데 오염되지 않은 것은 인근 매립지 조성에 다시 쓰일 예정이다. "
            "해양수산부는 공사 기간 동안 매주 수질 검사 결과를 공개하기로 했다.",
            "지역 어민들은 공사로 인한 흙탕물 피해를 걱정하고 있다. "
            "한 어촌계장은 \"항만 개발에는 찬성하지만 김 양식이 시작되는 가을 전에 준설을 마쳐 달라\"고 요청했다. "
            "시는 피해가 확인되면 보상 방안을 마련하겠다고 답했다.",
            "지난해 이 항만의 컨테이너 물동량은 역대 최대를 기록했다. "
            "업계는 준설이 끝나면 초대형 컨테이너선의 입항이 쉬워져 경쟁력이 크게 높아질 것으로 기대하고 있다. "
            "공사는 내년 6월 마무리될 예정이다.",
        ),
        ("준설", "항만", "토사", "어민들은"),
        ("euc_kr", "cp949"),
    ),
    LanguageSample(
        "ru",
        (
            "Администрация порта объявила о начале дноуглубления главного фарватера. "
            "Работы начнутся в июне и продлятся до конца навигации. "
            "По словам капитана порта, за последние годы глубина канала уменьшилась почти на два метра.",
            "Стоимость дноуглубления оценивается в 1,8 миллиарда рублей. "
            "Большую часть средств выделит федеральный бюджет, остальное оплатит сама компания-оператор. "
            "Подрядчик будет выбран на открытом конкурсе до конца апреля.",
            "Экологи опасаются, что работы повредят нерестилищам осетровых рыб. "
            "Представители порта отвечают, что грунт после дноуглубления будут вывозить на полигон в открытом море, "
            "а земснаряды остановят на время нереста. Независимый мониторинг качества воды проведет местный университет.",
            "После завершения дноуглубления порт сможет принимать суда с осадкой до 13 метров. "
            "Сейчас крупные танкеры вынуждены ждать прилива или догружаться на рейде. "
            "Губернатор назвал проект важнейшим для экономики региона и пообещал лично следить за сроками.",
            "Жители прибрежных поселков просили учесть шум от земснарядов, которые будут работать круглосуточно. "
            "На общественных слушаниях в прошлую пятницу мэр пообещал, что ночью техника не будет подходить "
            "ближе километра к жилым домам. Ещё одно обсуждение назначено на осень.",
        ),
        ("дноуглубления", "порт", "фарватера", "земснарядов"),
        ("koi8_r", "cp1251"),
    ),
    LanguageSample(
        "uk",
        (
            "Міська рада Одеси затвердила бюджет на наступний рік обсягом 14,2 мільярда гривень. "
            "Найбільше коштів — понад третину — спрямують на освіту та ремонт шкіл. "
            "Депутати ухвалили документ після шестигодинного засідання.",
            "Опозиційні фракції критикували бюджет за скорочення видатків на громадський транспорт. "
            "«Ми знову відкладаємо закупівлю нових трамваїв», — заявив голова профільної комісії. "
            "Мер відповів, що кошти на трамваї передбачені в програмі співфінансування з міжнародним банком.",
            "Окремим рядком у бюджеті передбачено 300 мільйонів гривень на ґрунтовний ремонт набережної "
            "та укріплення схилів. Торішня злива зруйнувала кілька підпірних стін, і мешканці прибережних "
            "кварталів досі чекають на відновлення.",
            "Податкові надходження до міського бюджету зросли на 9 відсотків, передусім завдяки малому бізнесу. "
            "Фінансове управління попереджає, що прогноз може змінитися, якщо інфляція прискориться. "
            "Ще 40 мільйонів гривень заплановано на реставрацію пам’яток архітектури.",
        ),
        ("бюджет", "гривень", "набережної", "трамваїв"),
        ("cp1251",),
    ),
    LanguageSample(
        "cs",
        (
            "Zastupitelstvo města Ostravy schválilo rozpočet na příští rok ve výši 12,4 miliardy korun. "
            "Největší část peněz půjde na opravy škol, mostů a městské hromadné dopravy. "
            "Opozice hlasovala proti, protože podle ní město příliš spoléhá na úvěr.",
            "Schválený rozpočet počítá s dokončením rekonstrukce plaveckého stadionu a s nákupem dvaceti nových tramvají. "
            "Primátor uvedl, že na tramvaje město získá dotaci z evropských fondů. "
            "Výdaje na kulturu zůstanou přibližně na loňské úrovni.",
            "Část zastupitelů žádala, aby rozpočet pamatoval také na protipovodňová opatření. "
            "Při loňské bouři se řeka vylila z koryta a zaplavila desítky domů v Hrabové. "
            "Město proto vyčlenilo 180 milionů korun na zpevnění břehů a čištění koryta.",
            "Daňové příjmy by podle odhadu finančního odboru měly vzrůst o šest procent. "
            "Ekonomové ale upozorňují, že zpomalení průmyslu v regionu může rozpočet zasáhnout už v létě. "
            "O případných úpravách rozhodne zastupitelstvo v září.",
        ),
        ("rozpočet", "zastupitelstvo", "tramvají", "břehů"),
        ("iso8859_2", "cp1250"),
    ),
    LanguageSample(
        "pl",
        (
            "Władze portu w Gdańsku rozpoczęły pogłębianie toru wodnego prowadzącego do nabrzeży kontenerowych. "
            "Prace potrwają do końca przyszłego roku i kosztują ponad 400 milionów złotych. "
            "Dzięki nim do portu będą mogły wpływać największe statki świata.",
            "Samo pogłębianie toru odbywa się przy pomocy dwóch pogłębiarek, które pracują przez całą dobę. "
            "Urobek z dna trafia na wyznaczone miejsce na otwartym morzu, z dala od plaż. "
            "Urząd Morski zapewnia, że woda jest regularnie badana.",
            "Rybacy z pobliskich przystani obawiają się, że pogłębianie zmąci wodę i odstraszy ryby. "
            "Na spotkaniu z dyrekcją portu domagali się rekompensat za utracone połowy. "
            "Dyrekcja obiecała, że wypłaci odszkodowania, jeśli badania potwierdzą szkody.",
            "W zeszłym roku port przeładował rekordowe 80 milionów ton towarów. "
            "Zdaniem ekspertów pogłębianie toru umocni jego pozycję wśród portów Bałtyku. "
            "Źródła w ministerstwie mówią, że później mogą przyjść kolejne inwestycje w żegludze śródlądowej.",
        ),
        ("pogłębianie", "portu", "Gdańsku", "pogłębiarek"),
        ("iso8859_2", "cp1250"),
    ),
    LanguageSample(
        "hu",
        (
            "A szegedi közgyűlés csütörtökön elfogadta a város jövő évi költségvetését, amelynek főösszege 98 milliárd forint. "
            "A legtöbb pénzt a tömegközlekedés fejlesztésére és az iskolák felújítására fordítják. "
            "Az ellenzéki képviselők szerint a terv túlságosan optimista.",
            "A költségvetés szerint a Tisza-parti gátak megerősítésére is jut pénz. "
            "A tavalyi árvíz idején több utcát is ki kellett üríteni, és a lakók azóta várják a munkálatok kezdetét. "
            "A polgármester szerint a gátépítés még az ősszel elindul.",
            "Vita alakult ki a villamosvonal meghosszabbításáról is, amelyet a költségvetés csak részben fedez. "
            "A hiányzó összeget uniós pályázatból remélik megszerezni. "
            "A közlekedési bizottság elnöke szerint a döntés legkésőbb tavasszal megszületik.",
            "A helyi adóbevételek várhatóan hat százalékkal nőnek, elsősorban az iparűzési adó miatt. "
            "Közgazdászok figyelmeztetnek, hogy a költségvetés érzékeny a nagy gyárak eredményeire. "
            "A közgyűlés nyáron tekinti át újra a számokat.",
        ),
        ("költségvetés", "közgyűlés", "villamosvonal", "gátak"),
        ("iso8859_2", "cp1250"),
    ),
    LanguageSample(
        "el",
        (
            "Το δημοτικό συμβούλιο του Πειραιά ενέκρινε τον προϋπολογισμό για το επόμενο έτος, ύψους 210 εκατομμυρίων ευρώ. "
            "Το μεγαλύτερο μέρος των κονδυλίων θα διατεθεί στην καθαριότητα και στη συντήρηση των σχολείων. "
            "Η αντιπολίτευση καταψήφισε την πρόταση.",
            "Στον προϋπολογισμό περιλαμβάνεται και η βυθοκόρηση του παλιού λιμανιού των αλιέων. "
            "Οι ψαράδες ζητούν εδώ και χρόνια να καθαριστεί ο βυθός, επειδή τα σκάφη τους προσαράζουν "
            "όταν πέφτει η στάθμη της θάλασσας. Οι εργασίες αναμένεται να ξεκινήσουν την άνοιξη.",
            "Μετά την καταιγίδα του περασμένου Νοεμβρίου, ο δήμος δεσμεύτηκε να αναβαθμίσει το αποχετευτικό δίκτυο. "
            "«Δεν θα ξαναδούμε πλημμυρισμένους δρόμους στο κέντρο», δήλωσε ο δήμαρχος. "
            "Τα έργα θα ολοκληρωθούν πριν από τον επόμενο χειμώνα.",
            "Τα έσοδα από τα δημοτικά τέλη αναμένεται να αυξηθούν κατά 4%. "
            "Οικονομολόγοι προειδοποιούν, ωστόσο, ότι η μείωση της κίνησης στο λιμάνι θα μπορούσε να επηρεάσει τα έσοδα. "
            "Ο προϋπολογισμός θα επανεξεταστεί τον Ιούνιο.",
        ),
        ("προϋπολογισμό", "βυθοκόρηση", "λιμάνι", "δήμαρχος"),
        ("iso8859_7", "cp1253"),
    ),
    LanguageSample(
        "de",
        (
            "Der Stadtrat von Bremerhaven hat am Dienstag den Haushalt für 2020 beschlossen. "
            "Er umfasst Ausgaben von 1,1 Milliarden € – so viel wie nie zuvor. "
            "„Wir investieren in Schulen, Brücken und den Hafen“, sagte Oberbürgermeisterin Anke Vollmer nach der Abstimmung.",
            "Ein großer Posten ist die Ausbaggerung der Hafenzufahrt: Die Weser führt jedes Jahr Tausende Tonnen Schlick mit sich, "
            "der die Fahrrinne verengt. Für die Baggerarbeiten sind 38 Millionen € eingeplant … "
            "und das dürfte, so die Hafengesellschaft, kaum reichen.",
            "Die Opposition kritisierte den Haushalt scharf. "
            "Die Stadt verschulde sich weiter, obwohl die Steuereinnahmen stiegen — „das ist unsolide“, sagte ein Sprecher der Fraktion. "
            "Die Koalition verwies auf die niedrigen Zinsen.",
            "Nach dem Sturm im Februar müssen zudem Deiche und Uferwege repariert werden. "
            "Allein die Schäden an der Promenade werden auf 2,4 Mio. € geschätzt. "
            "Mit den Arbeiten soll im Frühjahr begonnen werden, sobald der Haushalt genehmigt ist.",
        ),
        ("Haushalt", "Ausbaggerung", "Hafenzufahrt", "Schlick"),
        ("cp1252",),
    ),
    LanguageSample(
        "fr",
        (
            "Le conseil municipal de Saint-Nazaire a adopté jeudi soir un budget de 212 millions d’euros pour l’année prochaine. "
            "La majorité y voit « un budget de responsabilité », l’opposition dénonce une hausse de la taxe foncière. "
            "Le vote a été acquis par 31 voix contre 12.",
            "Le dragage du chenal d’accès au port représente à lui seul 9 millions €. "
            "Chaque hiver, l’estuaire charrie des tonnes de vase qui réduisent le tirant d’eau… et les navires doivent attendre la marée haute. "
            "Les travaux débuteront en octobre, hors de la saison de pêche.",
            "Les pêcheurs restent inquiets : ils craignent que le dragage ne trouble l’eau et n’éloigne les poissons. "
            "« Nous ne sommes pas contre, mais nous voulons être associés au suivi », explique le président du comité local des pêches. "
            "La mairie promet des analyses hebdomadaires – publiées en ligne.",
            "La tempête de novembre a aussi laissé des traces : digues fissurées, promenade endommagée, cœur de ville inondé pendant deux jours. "
            "Le budget prévoit 3,5 millions d’euros pour les réparations — une somme jugée insuffisante par les commerçants du front de mer.",
        ),
        ("dragage", "budget", "chenal", "pêcheurs"),
        ("cp1252",),
    ),
    LanguageSample(
        "en",
        (
            "Dredging of the harbor’s main channel will begin next month, the Port Authority said on Tuesday, "
            "after years of silt build-up left large cargo ships waiting offshore for high tide. "
            "The $48 million project is expected to deepen the channel to 45 feet.",
            "“We have been losing business to other ports every year,” said Maria Delgado, the authority’s executive director. "
            "“Once the dredging is finished, the biggest container ships can come in at any hour.” "
            "Officials expect the work to take about 14 months.",
            "Environmental groups have raised concerns about the dredged sediment, some of which contains traces of industrial pollutants. "
            "The authority says contaminated material will be sealed in a lined disposal site rather than dumped at sea — "
            "a promise the groups say they will hold it to.",
            "The city council voted 7–2 on Monday to contribute $6 million toward the dredging. "
            "Council member James Whitaker, who voted no, said the money would be better spent repairing damage from last fall’s storm… "
            "“The seawall on Front Street is still cracked,” he said.",
        ),
        ("dredging", "harbor", "channel", "sediment"),
        ("cp1252",),
    ),
)

SAMPLES: dict[str, LanguageSample] = {sample.language: sample for sample in _SAMPLES}


def sample_text(language: str, paragraphs: int, seed: int) -> str:
    """paragraphs chosen (seeded, deterministic) from the sample's paragraphs, joined by blank lines.

    Every paragraph is used once before any is repeated, so a longer text has
    all of them (and all of `words`).
    """
    sample = SAMPLES[language]
    rng = random.Random(f"{language}:{seed}")
    chosen: list[str] = []
    while len(chosen) < paragraphs:
        round_ = list(sample.paragraphs)
        rng.shuffle(round_)
        chosen.extend(round_)
    return "\n\n".join(chosen[:paragraphs])
