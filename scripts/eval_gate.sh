#!/usr/bin/env bash
# The evaluation gate (docs/eval.md): offline backend, pinned floors; exits non-zero when a score
# drops below its floor. Floors are raised as the extractor improves and never lowered silently:
# change them here and in docs/eval.md ("CI gate and measured scores") in the same commit, saying why.
set -euo pipefail
cd "$(dirname "$0")/.."
if command -v factcheck >/dev/null 2>&1; then EVAL=(factcheck eval); else EVAL=("${PYTHON:-python}" -m factcheck.evaluate); fi

# Seeds (issue acceptance): core claims >= 0.9, both core counters found and linked, 5/5 core
# findings; oracle 7/7 with no false core finding; no ungrounded quote.
"${EVAL[@]}" fixtures/seeds --backend offline \
  --min-core-claim-recall 0.9 --min-core-counter-recall 1.0 --min-core-link-recall 1.0 \
  --min-core-findings 1.0 --min-oracle-findings 1.0 --max-oracle-false-core-findings 0 --max-ungrounded 0

# Own stories: the reconciler must raise each story's core finding from the gold extraction;
# extractor floors as measured. Named one by one: a new story gets its own floors below, so that
# adding a harder story never loosens the floors of these.
"${EVAL[@]}" fixtures/stories/flood-death-toll fixtures/stories/interview-denied fixtures/stories/quake-confirmed-ar \
  --backend offline \
  --min-claim-recall 0.9 --min-core-claim-recall 0.8 --min-finding-recall 0.4 --min-core-findings 0.66 \
  --min-oracle-core-findings 1.0 --max-oracle-false-core-findings 0 --max-ungrounded 0

# cholera-rumour-ar (Arabic + English, one spokesman in both scripts): its core link needs stance by
# content across the two reports (issue 7, deliverable 2); floors as measured.
"${EVAL[@]}" fixtures/stories/cholera-rumour-ar --backend offline \
  --min-claim-recall 1.0 --min-core-claim-recall 1.0 --min-counter-recall 0.33 \
  --min-oracle-core-findings 1.0 --max-oracle-false-core-findings 0 --max-ungrounded 0

# AuRED dev (Arabic rumours and authorities' answers): floors as measured (docs/eval.md).
# The team's bilingual story (issue 7): an English and an Arabic report of one claim cluster together,
# and the Arabic denial stated as a contradicting fact (no denial verb) is linked to them.
"${EVAL[@]}" fixtures/stories/cholera-bilingual --backend offline \
  --min-claim-recall 1.0 --min-core-claim-recall 1.0 --min-core-counter-recall 1.0 --min-core-link-recall 1.0 \
  --min-core-findings 1.0 --min-oracle-core-findings 1.0 --max-oracle-false-core-findings 0 --max-ungrounded 0

"${EVAL[@]}" fixtures/eval/aured-dev --backend offline \
  --min-claim-recall 0.93 --min-counter-recall 0.80 --min-link-f1 0.80 --min-link-accuracy 0.90 \
  --min-finding-recall 0.74 --max-negative-fp-rate 0.0 \
  --min-oracle-findings 1.0 --max-oracle-false-core-findings 0 --max-ungrounded 0

# PolNeAR dev (English quotes and speakers, a quote set): scored where it lies, never copied here
# (its articles are publishers' news with no licence; docs/eval.md). The path is relative to the
# repository root; CI's fresh clone has shared/ beside it. Floors as measured (offline), on all 84
# documents since ingest keeps an article whose mojibake is one word (the corpus's "François"; it
# was left out before): ggt@0.3 F1 0.4686, overlap50 F1 0.3910, speech-named overlap50 F1 0.5256,
# speaker accuracy 0.7822, quote+speaker F1 0.3033, exact F1 0.2059. On the 83 documents scored
# before, the figures are unchanged (0.4705, 0.3920): the floors follow the larger set.
# Raised with beliefs, intentions, stances and views beyond named subjects (issue 7, the "other"
# tail): measured ggt@0.3 F1 0.7003, overlap50 F1 0.6383, speech-named overlap50 F1 0.7785, speaker
# accuracy 0.948, quote+speaker F1 0.6199, exact F1 0.4546; floors a point or less below.
POLNEAR="${FACTCHECK_POLNEAR_DIR:-../shared/eval/polnear-dev}"
if [ -f "$POLNEAR/gold.jsonl" ]; then
  # Licence guard: no PolNeAR article is tracked here, so none can reach the sdist (which ships
  # fixtures/ for the tests).
  if git rev-parse --git-dir >/dev/null 2>&1; then
    tracked=$(git ls-files -s | awk '{print $2}' | sort -u)
    copied=$(find "$POLNEAR/docs" -name '*.txt' -print | git hash-object --stdin-paths | sort -u | comm -12 - <(echo "$tracked"))
    if [ -n "$copied" ]; then
      echo "eval gate: a PolNeAR article is tracked in this repository (blob $copied); its licence forbids it" >&2
      exit 1
    fi
  fi
  "${EVAL[@]}" "$POLNEAR" --backend offline \
    --min-ggt-f1 0.69 --min-overlap-f1 0.63 --min-speech-named-f1 0.77 --min-speaker-accuracy 0.94 \
    --min-quote-speaker-f1 0.61 --min-exact-f1 0.44 --max-failed-docs 0
else
  echo "eval gate: PolNeAR dev step skipped: no quote set at $POLNEAR (set FACTCHECK_POLNEAR_DIR; it is not in the repository because its licence forbids copying)"
fi
