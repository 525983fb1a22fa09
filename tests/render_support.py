"""A small, valid, grounded Brief for render tests, built on the two seed articles.

Built by hand (not by the reconciler) so the render tests do not depend on the other stages: every
quote is located in its article with grounding.locate, so ``grounding.ungrounded(brief) == []``.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

from factcheck.models import (
    Article,
    ArticleFailure,
    Brief,
    Claim,
    ClaimCluster,
    ClaimStatus,
    CounterKind,
    CounterStatement,
    Evidence,
    Finding,
    FindingKind,
    Quote,
    RunInfo,
    Source,
    SourceKind,
    Usage,
    Version,
)
from factcheck.text.grounding import locate

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"

HOSTILE = "قال المصدر <script>alert('x')</script> | # *نجمة* _خط_ @someone [رابط](http://evil.example) $x$ 1."


def _q(text: str, quote: str) -> Quote:
    found = locate(text, quote)
    assert found is not None, f"test quote not in article: {quote[:40]!r}"
    return found


def _article(name: str, art_id: str, **kw: object) -> Article:
    text = unicodedata.normalize("NFC", (SEEDS / name).read_text(encoding="utf-8"))
    return Article(id=art_id, text=text, input_name=name, language="ar", **kw)  # type: ignore[arg-type]


def build_brief(*, llm: bool = False, hostile: bool = False) -> Brief:
    """The test brief: offline by default (no translations); ``llm`` adds English renderings and usage;
    ``hostile`` adds an article whose quote carries HTML/Markdown markup."""
    a0 = _article(
        "000_7a755da794561b55.txt",
        "a7a755da79456",
        outlet="عربي21",
        published=dt.date(2025, 11, 14),
        title="سوريا تنفي تعاون الشرع مع التحالف | تقرير",
    )
    a1 = _article("002_bb4ab9c79788da7a.txt", "abb4ab9c79788", published=dt.date(2025, 11, 15))
    articles = [a0, a1]
    t0, t1 = a0.text, a1.text

    sources = [
        Source(id="nyt", name="نيويورك تايمز", name_en="The New York Times", kind=SourceKind.news_outlet),
        Source(
            id="anon",
            name="مسؤولين سوريين ودبلوماسيين غربيين",
            name_en="Unnamed Syrian officials and Western diplomats",
            kind=SourceKind.anonymous,
        ),
        Source(
            id="presidency",
            name="مديرية الإعلام في الرئاسة السورية",
            name_en="Media Directorate of the Syrian Presidency",
            kind=SourceKind.government,
        ),
        Source(id="minister", name="حمزة المصطفى", kind=SourceKind.official, role="وزير الإعلام السوري"),
        Source(id="medialine", name="The Media Line", kind=SourceKind.news_outlet, handles=["@TheMediaLine"]),
        Source(
            id="wais",
            name="مظهر الويس",
            name_en="Mazhar al-Wais",
            kind=SourceKind.person,
            handles=["@maabdwalshamee1"],
        ),
        Source(id="arabi21", name="عربي21", name_en="Arabi21", kind=SourceKind.news_outlet),
    ]
    secret = (
        "كان يتعاون سراً مع التحالف الدولي ضد تنظيم الدولة والقاعدة "
        "منذ سيطرته على جزء من المناطق في شمال غرب سوريا عام 2016"
    )
    claims = [
        Claim(
            id="c1",
            article_id=a0.id,
            quote=_q(t0, secret),
            statement=secret,
            claimant="nyt",
            reported_by="arabi21",
            based_on=["anon"],
            anonymous=True,
            evidence=[_q(t0, "مسؤولين سوريين ودبلوماسيين غربيين، تحدثوا بشرط عدم الكشف عن هوياتهم")],
        ),
        Claim(
            id="c2",
            article_id=a1.id,
            quote=_q(t1, secret),
            statement=secret,
            claimant="nyt",
            based_on=["anon"],
            anonymous=True,
        ),
        Claim(
            id="c3",
            article_id=a0.id,
            statement="إعلان للتعاون السياسي والعسكري",
            claimant="nyt",
            quote=_q(t0, "وقّع رسمياً على إعلان للتعاون السياسي والعسكري مع التحالف الدولي لمحاربة داعش"),
        ),
        Claim(
            id="c4",
            article_id=a0.id,
            statement="إعلان تعاون سياسي",
            claimant="minister",
            quote=_q(
                t0,
                "أن الرئيس وقّع إعلان تعاون سياسي مع التحالف الدولي الذي تقوده واشنطن ضد تنظيم الدولة الإسلامية",
            ),
        ),
        Claim(
            id="c5",
            article_id=a1.id,
            statement="interview",
            claimant="medialine",
            about="wais",
            quote=_q(
                t1,
                "In an interview with The Media Line, Mazhar al-Wais says limited, interest-based "
                "cooperation that preserves sovereignty can support Syria",
            ),
        ),
        Claim(
            id="c6",
            article_id=a0.id,
            statement="مكافأة",
            claimant="nyt",
            quote=_q(t0, "وضعت مكافأة قدرها 10 ملايين دولار على رأس أحمد الشرع حتى ديسمبر 2024"),
        ),
        Claim(
            id="c7",
            article_id=a0.id,
            statement="مكافأة",
            claimant="nyt",
            quote=_q(t0, "رصدت مكافأة قدرها 10 ملايين دولار لمن يدلي بمعلومات عنه حتى كانون الأول/ ديسمبر الماضي"),
        ),
    ]
    counters = [
        CounterStatement(
            id="k1",
            article_id=a0.id,
            speaker="presidency",
            kind=CounterKind.denial,
            targets=["c1", "c2"],
            statement="نفي",
            quote=_q(t0, "المعلومات التي وردت في بعض التقارير الصحفية عن وجود تعاون بين الشرع مع التحالف غير صحيحة"),
        ),
        CounterStatement(
            id="k2",
            article_id=a1.id,
            speaker="wais",
            kind=CounterKind.attribution_denial,
            targets=["c5"],
            statement="نفي",
            quote=_q(t1, "أنفي ما تم تداوله عن أي تصريحات مُنسوبة لي لوسائل إعلامية."),
        ),
    ]
    both = [a0.id, a1.id]
    findings = [
        Finding(
            id="f1",
            kind=FindingKind.contested,
            clusters=["C1"],
            claims=["c1", "c2"],
            counters=["k1"],
            articles=both,
            explanation_ar="تنفي مديرية الإعلام في الرئاسة ما نقلته الصحيفة.",
            explanation_en="The presidency's media directorate denies what the newspaper reported.",
        ),
        Finding(
            id="f2",
            kind=FindingKind.attribution_disputed,
            clusters=["C2"],
            claims=["c5"],
            counters=["k2"],
            articles=[a1.id],
            explanation_ar="ينفي الشخص المنسوب إليه التصريح أنه أجرى المقابلة.",
            explanation_en="The person quoted denies giving the interview.",
        ),
        Finding(
            id="f3",
            kind=FindingKind.discrepancy,
            clusters=["C3", "C4"],
            claims=["c3", "c4"],
            articles=[a0.id],
            field="scope",
            versions=[
                Version(claim="c3", article_id=a0.id, quote=claims[2].quote, differing=["السياسي والعسكري"]),
                Version(claim="c4", article_id=a0.id, quote=claims[3].quote, differing=["سياسي"]),
            ],
            explanation_ar="رواية تذكر تعاونًا سياسيًا وعسكريًا، وأخرى سياسيًا فقط.",
            explanation_en="One version says political and military cooperation, the other political.",
        ),
        Finding(
            id="f4",
            kind=FindingKind.single_origin,
            clusters=["C1"],
            claims=["c1", "c2"],
            articles=both,
            origin="nyt",
            explanation_ar="المقالان ينقلان عن أصل واحد.",
            explanation_en="Both articles repeat one origin.",
        ),
        Finding(
            id="f5",
            kind=FindingKind.anonymous_sourcing,
            clusters=["C1"],
            claims=["c1"],
            articles=[a0.id],
            origin="anon",
            evidence=[Evidence(article_id=a0.id, quote=claims[0].evidence[0], role="sourcing", item="c1")],
            explanation_ar="يستند إلى مسؤولين لم تُكشف هوياتهم.",
            explanation_en="Rests on officials who were not named.",
        ),
        Finding(
            id="f6",
            kind=FindingKind.consistent,
            clusters=["C5"],
            claims=["c6", "c7"],
            articles=[a0.id],
            field="date",
            versions=[
                Version(claim="c6", article_id=a0.id, quote=_q(t0, "حتى ديسمبر 2024"), differing=["ديسمبر 2024"]),
                Version(
                    claim="c7",
                    article_id=a0.id,
                    quote=_q(t0, "حتى كانون الأول/ ديسمبر الماضي"),
                    differing=["كانون الأول/ ديسمبر الماضي"],
                ),
            ],
            explanation_ar="التاريخان مكتوبان بصيغتين ويتفقان.",
            explanation_en="The two dates are written differently and agree.",
        ),
    ]
    clusters = [
        ClaimCluster(
            id="C1",
            claims=["c1", "c2"],
            articles=both,
            claimant="nyt",
            reported_by=["arabi21"],
            origin="nyt",
            status=ClaimStatus.contested,
            findings=["f1", "f4", "f5"],
            counters=["k1"],
        ),
        ClaimCluster(
            id="C2",
            claims=["c5"],
            articles=[a1.id],
            claimant="medialine",
            status=ClaimStatus.attribution_disputed,
            findings=["f2"],
            counters=["k2"],
        ),
        ClaimCluster(
            id="C3",
            claims=["c3"],
            articles=[a0.id],
            claimant="nyt",
            status=ClaimStatus.discrepant,
            findings=["f3"],
        ),
        ClaimCluster(
            id="C4",
            claims=["c4"],
            articles=[a0.id],
            claimant="minister",
            status=ClaimStatus.discrepant,
            findings=["f3"],
        ),
        ClaimCluster(
            id="C5",
            claims=["c6", "c7"],
            articles=[a0.id],
            claimant="nyt",
            status=ClaimStatus.reported,
            findings=["f6"],
        ),
    ]
    run = RunInfo(
        factcheck_version="0.1.0",
        extractors=["offline"],
        failures=[
            ArticleFailure(input_name="broken.html", error="bytes are not valid UTF-8 | cannot decode", stage="ingest")
        ],
        notes=["a7a755da79456: dropped 1 claim whose quote is not in the article (ungrounded)"],
    )
    if llm:
        claims[0].statement_en = "Al-Sharaa secretly cooperated with the coalition since 2016."
        claims[4].statement_ar = "مقابلة منسوبة إلى الويس"
        run = run.model_copy(
            update={
                "extractors": ["llm"],
                "models": ["gpt-4o-mini"],
                "prompt_version": "extract-v1",
                "usage": Usage(calls=2, prompt_tokens=5000, completion_tokens=800, cost_usd=0.0012),
            }
        )
    if hostile:
        text = f"مقدمة. {HOSTILE} خاتمة."
        a2 = Article(id="a000000000bad", text=text, language="ar", input_name="<b>evil</b>.txt", outlet="| *x* |")
        articles.append(a2)
        sources.append(Source(id="evil", name="<img src=x onerror=alert(1)>", kind=SourceKind.person))
        claims.append(Claim(id="c8", article_id=a2.id, quote=_q(text, HOSTILE), statement="x", claimant="evil"))
        clusters.append(ClaimCluster(id="C6", claims=["c8"], articles=[a2.id], claimant="evil"))
    return Brief(
        articles=articles,
        sources=sources,
        claims=claims,
        counters=counters,
        clusters=clusters,
        findings=findings,
        run=run,
    )
