#!/usr/bin/env bash
# Side-by-side timings of hrdraft against pandoc and LibreOffice on the same content.
#
#   benches/compare.sh [RUNS] [COUNTRIES]      (defaults: 5 runs, 20 countries)
#
# In one run, on the same Markdown (what `hrdraft context --markdown` renders
# from examples/kazakhstan), it times:
#   1. Markdown -> DOCX: `hrdraft convert` against `pandoc -o x.docx`;
#   2. Markdown -> PDF:  `hrdraft convert` against LibreOffice converting our
#      own DOCX to PDF (`soffice --headless --convert-to pdf`);
#   3. a whole `hrdraft draft` of COUNTRIES generated countries (3 documents
#      each, DOCX) against one pandoc run per document on the same Markdown.
# It prints the median wall time of RUNS runs of each, the ratios, and the
# peak memory (maximum resident set size, from /usr/bin/time -v).
#
# It installs nothing. It needs, from the system's packages:
#   pandoc, LibreOffice (soffice), GNU time (/usr/bin/time);
# hyperfine is not needed. It builds hrdraft with `cargo build --release`.
set -euo pipefail

RUNS=${1:-5}
COUNTRIES=${2:-20}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HRDRAFT="$ROOT/target/release/hrdraft"

missing=()
command -v pandoc >/dev/null 2>&1 || missing+=("pandoc (package: pandoc)")
command -v soffice >/dev/null 2>&1 || missing+=("LibreOffice's soffice (package: libreoffice-writer)")
[ -x /usr/bin/time ] || missing+=("GNU time at /usr/bin/time (package: time)")
command -v cargo >/dev/null 2>&1 || missing+=("cargo (https://rustup.rs)")
[ -n "${EPOCHREALTIME:-}" ] || missing+=("bash 5 or later (for \$EPOCHREALTIME)")
if [ ${#missing[@]} -gt 0 ]; then
    echo "compare.sh needs these, which are not installed:" >&2
    for m in "${missing[@]}"; do echo "  - $m" >&2; done
    echo "On Debian or Ubuntu: sudo apt-get install pandoc libreoffice-writer time" >&2
    exit 1
fi

echo "building hrdraft (release)..." >&2
(cd "$ROOT" && cargo build --release --quiet)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/hrdraft-compare.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# LibreOffice keeps its profile here, so that the run does not touch the user's.
LO_PROFILE="file://$WORK/lo-profile"

# time_runs LABEL CMD...: runs CMD RUNS times; sets MEDIAN_MS and PEAK_KB.
# Wall time is taken with bash's $EPOCHREALTIME around the bare command (no
# process is started to read the clock, nothing wraps the command); peak
# memory comes from one more run under /usr/bin/time -v, which would
# otherwise add its own start-up to every timing.
time_runs() {
    local label=$1
    shift
    local times=()
    for _ in $(seq "$RUNS"); do
        local start end
        start=$EPOCHREALTIME
        "$@" >/dev/null 2>"$WORK/stderr.txt" || {
            echo "failed: $*" >&2
            cat "$WORK/stderr.txt" >&2
            exit 1
        }
        end=$EPOCHREALTIME
        times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", (b - a) * 1000000 }')")
    done
    /usr/bin/time -v -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/stderr.txt" || {
        echo "failed: $*" >&2
        cat "$WORK/stderr.txt" >&2
        exit 1
    }
    PEAK_KB=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
    MEDIAN_MS=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m/1000}')
    printf '  %-44s %10s ms %10s MB\n' "$label" "$MEDIAN_MS" "$((PEAK_KB / 1024))"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }

MD="$WORK/mia-report.md"
"$HRDRAFT" context "$ROOT/examples/kazakhstan" -t mia-report --markdown >"$MD"
"$HRDRAFT" convert "$MD" -f docx -o "$WORK/ours.docx"
# LibreOffice's first start creates its profile; not counted.
soffice -env:UserInstallation="$LO_PROFILE" --headless --convert-to pdf --outdir "$WORK/lo" "$WORK/ours.docx" >/dev/null 2>&1

echo "Same Markdown: the Kazakhstan MIA ($(wc -c <"$MD") bytes); median of $RUNS runs; peak memory"
echo
echo "1. Markdown -> DOCX"
time_runs "hrdraft convert -f docx" "$HRDRAFT" convert "$MD" -f docx -o "$WORK/ours.docx"
ours=$MEDIAN_MS
time_runs "pandoc -o x.docx" pandoc "$MD" -o "$WORK/pandoc.docx"
theirs=$MEDIAN_MS
echo "  => hrdraft is $(ratio "$theirs" "$ours")x faster than pandoc"
echo
echo "2. Markdown -> PDF"
time_runs "hrdraft convert -f pdf" "$HRDRAFT" convert "$MD" -f pdf -o "$WORK/ours.pdf"
ours=$MEDIAN_MS
time_runs "soffice --convert-to pdf (our DOCX)" soffice -env:UserInstallation="$LO_PROFILE" --headless --convert-to pdf --outdir "$WORK/lo" "$WORK/ours.docx"
theirs=$MEDIAN_MS
echo "  => hrdraft is $(ratio "$theirs" "$ours")x faster than LibreOffice"
echo
echo "3. A batch: $COUNTRIES generated countries x 3 documents, DOCX"
"$HRDRAFT" bench gen --countries "$COUNTRIES" --seed 1 -o "$WORK/batch" >"$WORK/countries.txt" 2>/dev/null
mkdir -p "$WORK/md"
while read -r dir; do
    for t in mia-report open-letter pledging-questions; do
        "$HRDRAFT" context "$dir" -t "$t" --markdown >"$WORK/md/$(basename "$dir")-$t.md"
    done
done <"$WORK/countries.txt"
mapfile -t datasets <"$WORK/countries.txt"
time_runs "hrdraft draft (all documents, one process)" "$HRDRAFT" draft "${datasets[@]}" -f docx -o "$WORK/out"
ours=$MEDIAN_MS
cat >"$WORK/pandoc-all.sh" <<EOF
#!/usr/bin/env bash
set -e
for f in "$WORK"/md/*.md; do pandoc "\$f" -o "\${f%.md}.docx"; done
EOF
chmod +x "$WORK/pandoc-all.sh"
time_runs "pandoc, one run per document ($((COUNTRIES * 3)) runs)" "$WORK/pandoc-all.sh"
theirs=$MEDIAN_MS
echo "  => hrdraft is $(ratio "$theirs" "$ours")x faster than pandoc"
echo "  (hrdraft's time includes loading, plugins and templates; pandoc's only the conversion)"
