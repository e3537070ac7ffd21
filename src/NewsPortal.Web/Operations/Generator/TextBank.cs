using System.Text;

namespace NewsPortal.Web.Operations.Generator;

/// <summary>
/// Word and sentence banks for generated articles: plausible English and Korean newsroom prose,
/// deterministic for a given random seed so a benchmark database can be rebuilt identically.
/// </summary>
internal static class TextBank
{
    public static readonly string[] EnglishSubjects =
    [
        "The finance ministry", "Seoul city officials", "Opposition lawmakers", "The central bank", "Exporters",
        "Chipmakers", "The unification ministry", "Local farmers", "University researchers", "The national assembly",
        "Labor unions", "Health authorities", "The foreign minister", "Small business owners", "Shipbuilders",
        "Automakers", "The presidential office", "Election officials", "Climate scientists", "Tech start-ups",
        "Film producers", "The K-pop agency", "Coast guard officers", "Prosecutors", "Housing regulators",
        "Defense officials", "The weather agency", "Parents' groups", "Economists", "Transport planners",
    ];

    public static readonly string[] EnglishVerbs =
    [
        "announced", "pushed back against", "unveiled", "warned of", "agreed on", "called for", "delayed",
        "expanded", "questioned", "welcomed", "approved", "rejected", "outlined", "reviewed", "proposed",
        "defended", "criticized", "signed", "postponed", "launched",
    ];

    public static readonly string[] EnglishObjects =
    [
        "a new housing supply plan", "tighter export controls", "a revised budget for next year",
        "talks on inter-Korean cooperation", "a semiconductor investment package", "stricter rules on lending",
        "a plan to cut carbon emissions", "higher minimum wages", "a pilot program for elderly care",
        "measures to stabilize the won", "a bill on platform workers", "new subway lines in the capital region",
        "a cultural exchange program", "a probe into price fixing", "support for struggling exporters",
        "a digital ID system", "the extension of nuclear plant licenses", "a trade agreement with Southeast Asia",
        "a ban on single-use plastics", "incentives for young farmers", "an overhaul of college admissions",
        "funding for AI research", "a summit with regional partners", "safety checks on aging bridges",
    ];

    public static readonly string[] EnglishTimes =
    [
        "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "over the weekend", "this week",
        "earlier this month", "late on Sunday", "after weeks of debate", "amid growing pressure", "ahead of the holidays",
    ];

    public static readonly string[] EnglishClauses =
    [
        "according to officials familiar with the matter", "citing rising costs and weak demand",
        "in a move analysts called overdue", "despite objections from industry groups",
        "as the government seeks to calm public concern", "following a surge in complaints",
        "in what critics described as a half measure", "with details expected later this year",
        "as lawmakers prepare for the next session", "after a closed-door meeting in Seoul",
    ];

    public static readonly string[] EnglishFollowUps =
    [
        "The decision is expected to affect millions of households across the country.",
        "Market reaction was muted, with the benchmark index closing little changed.",
        "Officials said the details would be finalized after consultations with local governments.",
        "Critics argued that the plan does not go far enough to address the underlying problem.",
        "Supporters said the measure would bring long-awaited relief to small businesses.",
        "The proposal still needs approval from the National Assembly before it can take effect.",
        "Experts cautioned that the impact may take several quarters to become visible.",
        "The announcement came as a surprise to many observers in Seoul and abroad.",
        "Similar programs in other countries have produced mixed results, analysts noted.",
        "A spokesperson declined to comment on the timeline for implementation.",
        "Residents interviewed near the site expressed both hope and skepticism.",
        "The opposition party said it would hold hearings on the matter next month.",
    ];

    public static readonly string[] KoreanSubjects =
    [
        "기획재정부는", "서울시는", "야당 의원들은", "한국은행은", "수출 기업들은", "반도체 업계는", "통일부는",
        "지역 농민들은", "대학 연구진은", "국회는", "노동조합은", "보건당국은", "외교부 장관은", "소상공인들은",
        "조선업계는", "자동차 업계는", "대통령실은", "선거관리위원회는", "기후 과학자들은", "스타트업들은",
    ];

    public static readonly string[] KoreanObjects =
    [
        "새로운 주택 공급 계획을", "수출 규제 강화 방안을", "내년도 수정 예산안을", "남북 협력 회담을",
        "반도체 투자 지원책을", "대출 규제 강화안을", "탄소 배출 감축 계획을", "최저임금 인상안을",
        "노인 돌봄 시범 사업을", "원화 안정 대책을", "플랫폼 노동자 보호 법안을", "수도권 신규 지하철 노선을",
        "문화 교류 프로그램을", "가격 담합 조사를", "인공지능 연구 예산을", "노후 교량 안전 점검을",
    ];

    public static readonly string[] KoreanVerbs =
    [
        "발표했다", "공개했다", "승인했다", "검토하고 있다", "제안했다", "비판했다", "연기했다", "확대했다",
        "촉구했다", "환영했다", "추진하기로 했다", "재검토하기로 했다",
    ];

    public static readonly string[] KoreanTimes =
    [
        "월요일", "화요일", "수요일", "목요일", "금요일", "주말 동안", "이번 주", "이달 초", "지난달 말",
    ];

    public static readonly string[] KoreanFollowUps =
    [
        "이번 결정은 전국 수백만 가구에 영향을 미칠 것으로 예상된다.",
        "시장 반응은 제한적이었으며 코스피는 보합세로 마감했다.",
        "관계자들은 지방자치단체와의 협의를 거쳐 세부 내용을 확정할 것이라고 밝혔다.",
        "비판론자들은 이번 계획이 근본적인 문제를 해결하기에는 부족하다고 지적했다.",
        "지지자들은 이 조치가 소상공인들에게 오랫동안 기다려온 숨통을 틔워줄 것이라고 말했다.",
        "이 제안이 시행되려면 국회의 승인이 필요하다.",
        "전문가들은 효과가 나타나기까지 몇 분기가 걸릴 수 있다고 전망했다.",
        "현장 인근 주민들은 기대와 우려를 동시에 나타냈다.",
        "야당은 다음 달 이 문제에 대한 청문회를 열겠다고 밝혔다.",
        "대변인은 시행 일정에 대해 언급을 피했다.",
    ];

    public static readonly string[] EnglishSubheads =
    [
        "What happens next", "Background", "Reaction", "Why it matters", "The numbers", "Looking ahead",
    ];

    public static readonly string[] KoreanSubheads = ["향후 전망", "배경", "각계 반응", "쟁점"];

    public static readonly (string Slug, string Name)[] Tags = BuildTags();

    private static (string Slug, string Name)[] BuildTags()
    {
        string[] english =
        [
            "economy", "housing", "semiconductors", "exports", "inflation", "interest-rates", "north-korea", "diplomacy",
            "climate", "energy", "nuclear", "education", "health", "elderly-care", "labor", "minimum-wage", "k-pop",
            "film", "baseball", "football", "olympics", "ai", "startups", "smartphones", "automobiles", "shipbuilding",
            "trade", "china", "japan", "united-states", "election", "national-assembly", "courts", "prosecution",
            "transport", "subway", "tourism", "food", "agriculture", "fisheries", "defense", "military", "space",
            "science", "environment", "plastics", "weather", "typhoon", "heatwave", "seoul", "busan", "jeju",
            "incheon", "daegu", "gwangju", "culture", "books", "art", "music", "fashion", "gaming", "esports",
            "banking", "stocks", "won", "real-estate", "population", "birth-rate", "immigration", "welfare",
        ];
        string[] korean =
        [
            "경제", "부동산", "반도체", "수출", "물가", "금리", "북한", "외교", "기후", "에너지", "교육", "보건",
            "노동", "최저임금", "케이팝", "영화", "야구", "축구", "인공지능", "스타트업", "자동차", "조선", "무역",
            "선거", "국회", "법원", "교통", "관광", "농업", "국방", "과학", "환경", "날씨", "서울", "부산", "제주",
            "문화", "음악", "게임", "주식", "저출산", "복지",
        ];
        var tags = new List<(string, string)>();
        foreach (var slug in english)
        {
            tags.Add(("gen-" + slug, string.Concat(slug.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]))));
        }
        for (var i = 0; i < korean.Length; i++)
        {
            tags.Add(($"gen-ko-{i + 1}", korean[i]));
        }
        return [.. tags];
    }

    public static readonly string[] GivenNames =
    [
        "Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yun", "Soo-ah", "Jae-won", "Yu-na", "Hyun-woo", "Ji-woo",
        "Sung-min", "Eun-ji", "Tae-yang", "Da-eun", "Woo-jin", "Chae-won", "Joon-ho", "Na-rae", "Kyung-soo", "Mi-rae",
    ];

    public static readonly string[] FamilyNames = ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh"];

    public static string Pick(Random random, string[] bank) => bank[random.Next(bank.Length)];

    public static string EnglishSentence(Random random) =>
        $"{Pick(random, EnglishSubjects)} {Pick(random, EnglishVerbs)} {Pick(random, EnglishObjects)} {Pick(random, EnglishTimes)}, {Pick(random, EnglishClauses)}.";

    public static string KoreanSentence(Random random) =>
        $"{Pick(random, KoreanSubjects)} {Pick(random, KoreanTimes)} {Pick(random, KoreanObjects)} {Pick(random, KoreanVerbs)}.";

    public static string EnglishHeadline(Random random)
    {
        var subject = Pick(random, EnglishSubjects);
        if (subject.StartsWith("The ", StringComparison.Ordinal))
        {
            subject = subject[4..];
        }
        var headline = $"{subject} {Pick(random, EnglishVerbs)} {Pick(random, EnglishObjects)}";
        return char.ToUpperInvariant(headline[0]) + headline[1..];
    }

    public static string KoreanHeadline(Random random) =>
        $"{Pick(random, KoreanSubjects).TrimEnd('는', '은')}, {Pick(random, KoreanObjects).TrimEnd('을', '를')} {Pick(random, KoreanVerbs).Split(' ')[0]}";

    /// <summary>A Markdown body: paragraphs of several sentences, sometimes a subheading, a quote and a list.</summary>
    public static string Body(Random random, bool korean)
    {
        var builder = new StringBuilder();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var paragraphs = random.Next(5, 10);
        for (var p = 0; p < paragraphs; p++)
        {
            if (p == paragraphs / 2 && random.Next(2) == 0)
            {
                builder.Append("## ").Append(Pick(random, korean ? KoreanSubheads : EnglishSubheads)).Append("\n\n");
            }
            if (p == 2 && random.Next(4) == 0)
            {
                builder.Append("> ").Append(FollowUp(random, korean, used)).Append("\n\n");
                continue;
            }
            if (p == 3 && random.Next(6) == 0)
            {
                for (var item = 0; item < 3; item++)
                {
                    builder.Append("- ").Append(Sentence(random, korean)).Append('\n');
                }
                builder.Append('\n');
                continue;
            }
            var sentences = random.Next(2, 5);
            for (var s = 0; s < sentences; s++)
            {
                if (s > 0)
                {
                    builder.Append(' ');
                }
                builder.Append(s % 2 == 0 ? Sentence(random, korean) : FollowUp(random, korean, used));
            }
            builder.Append("\n\n");
        }
        return builder.ToString().TrimEnd() + "\n";
    }

    private static string Sentence(Random random, bool korean) => korean ? KoreanSentence(random) : EnglishSentence(random);

    /// <summary>A stock follow-up sentence not yet used in this body (so key points never repeat), else a fresh one.</summary>
    private static string FollowUp(Random random, bool korean, HashSet<string> used)
    {
        var bank = korean ? KoreanFollowUps : EnglishFollowUps;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var candidate = Pick(random, bank);
            if (used.Add(candidate))
            {
                return candidate;
            }
        }
        return Sentence(random, korean);
    }
}
