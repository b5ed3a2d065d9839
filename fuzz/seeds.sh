#!/bin/sh
# Rebuild the committed seed corpus (fuzz/seeds/<target>/) from the examples.
# Run from anywhere, with a built `hrdraft` (cargo build) in ../target/debug.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
hrdraft="$root/target/debug/hrdraft"
seeds="$here/seeds"
rm -rf "$seeds"
mkdir -p "$seeds/dataset" "$seeds/markdown" "$seeds/template" \
    "$seeds/write_docx" "$seeds/write_pdf" "$seeds/write_html" "$seeds/write_markdown"

# dataset: the first byte picks the file of the minimal dataset the rest
# replaces (fuzz/src/lib.rs); seeds are every example file under its index.
files="country.toml treaties.toml special-procedures.toml candidacy.toml upr.toml reprisals.toml questions.toml sources.toml documents.toml"
for ds in "$root/tests/fixtures/minimal" "$root/examples/valdoria" "$root/examples/kazakhstan" "$root"/tests/check/*; do
    i=0
    for f in $files; do
        # Large files make every run slow; the small ones cover the syntax.
        if [ -f "$ds/$f" ] && [ "$(wc -c < "$ds/$f")" -le 65536 ]; then
            name="$(basename "$ds")-$f"
            { printf "\\$(printf '%03o' "$i")"; cat "$ds/$f"; } > "$seeds/dataset/$name"
        fi
        i=$((i + 1))
    done
done

# markdown: what the built-in templates render for both examples.
for ds in valdoria kazakhstan; do
    for t in open-letter pledging-questions mia-report; do
        "$hrdraft" context "$root/examples/$ds" -t "$t" --markdown > "$seeds/markdown/$ds-$t.md"
    done
done
rm -f "$seeds/markdown/kazakhstan-mia-report.md" # 150 KB: too slow a seed

# template: the built-in templates' bodies.
for t in "$root"/templates/*/; do
    cp "$t/body.md.hbs" "$seeds/template/$(basename "$t").hbs"
done

# The writer targets take `arbitrary` documents; libFuzzer starts them from nothing.
for w in docx pdf html markdown; do
    printf 'The writer targets start from an empty corpus.\n' > "$seeds/write_$w/README"
done

# sheet: the first byte says what the rest is (fuzz_targets/sheet.rs):
# bit 0 a workbook, bit 1 the UPR Info import, bit 2 OpenDocument.
mkdir -p "$seeds/sheet"
tmp=$(mktemp -d)
"$hrdraft" sheet export "$root/tests/fixtures/minimal" -o "$tmp/sheet.csv" >/dev/null
"$hrdraft" sheet export "$root/tests/fixtures/minimal" -o "$tmp/sheet.xlsx" >/dev/null
{ printf '\000'; cat "$tmp/sheet.csv"; } > "$seeds/sheet/response.csv"
{ printf '\001'; cat "$tmp/sheet.xlsx"; } > "$seeds/sheet/response.xlsx"
{ printf '\002'; cat "$root/examples/upr-info/sample.csv"; } > "$seeds/sheet/upr-info.csv"
{ printf '\002'; cat "$root/examples/upr-info/bad.csv"; } > "$seeds/sheet/upr-info-bad.csv"
{ printf '\003'; cat "$root/examples/upr-info/sample.xlsx"; } > "$seeds/sheet/upr-info.xlsx"
rm -rf "$tmp"
