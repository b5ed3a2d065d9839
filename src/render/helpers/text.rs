//! Text helpers: `join`, `upper`, `lower`, `capitalize`, `count`, `plural`, `concat`.

use handlebars::{Helper, RenderError};
use serde_json::Value;

use super::numbers::count_param;
use super::{as_text, fail, hash_str, param, text_arg, Lang};

/// Join items as prose: "Australia, Algeria and Germany".
pub fn join_words(items: &[String], sep: &str, last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., tail] => format!("{}{last}{tail}", init.join(sep)),
    }
}

/// Whether `text` ends in a phrase set off by a comma, which the words after
/// it must close with another: "…, aiming at the abolition of the death
/// penalty", "…, especially women and children", "…, and on the right to
/// non-discrimination in this context". Its last ", " is followed by a
/// lower-case word ending in "-ing" or "-ly", or by "and"; a comma between
/// the words of a list ("Economic, Social and Cultural Rights", "the sale
/// of children, child prostitution") does not count.
pub fn ends_in_aside(text: &str) -> bool {
    let Some(at) = text.rfind(", ") else {
        return false;
    };
    let word = text[at + 2..].split(' ').next().unwrap_or_default();
    word.chars().next().is_some_and(char::is_lowercase)
        && (word.ends_with("ing") || word.ends_with("ly") || word == "and")
}

/// `{{ends_in_aside text}}`: see [`ends_in_aside`]; for a comma after an
/// instrument's title when the sentence goes on ("…, aiming at the
/// abolition of the death penalty, in 2008").
pub fn ends_in_aside_helper(h: &Helper<'_>) -> Result<Value, RenderError> {
    Ok(Value::Bool(ends_in_aside(&text_param(h)?)))
}

/// `{{join list}}`, `last=" or "`, `sep="; "`, `key="name"` (join a field of
/// each object), `lang="ru"` (" и "), `serial=true` (a comma before the last
/// `last` of three items or more: "A, B, and C", for items that hold "and"
/// themselves). In English, three items or more of which one holds a comma
/// are joined by semicolons ("A, B; C; and D"), a comma separator becoming
/// one. In English an item that ends in a phrase set off by a comma
/// ([`ends_in_aside`]) is closed with another before the next separator
/// ("…, aiming at the abolition of the death penalty, and the …"), and
/// `close=true` closes the last item too, for a sentence that goes on.
pub fn join(h: &Helper<'_>) -> Result<Value, RenderError> {
    let list = match param(h, 0)? {
        Value::Array(a) => a,
        Value::Null => return Ok(Value::String(String::new())),
        other => return Err(fail(h.name(), format!("`{other}` is not a list"))),
    };
    let key = hash_str(h, "key")?;
    let mut items = Vec::with_capacity(list.len());
    for item in list {
        let v = match &key {
            Some(k) => item.get(k).unwrap_or(&Value::Null),
            None => item,
        };
        let text = as_text(v).ok_or_else(|| match &key {
            Some(k) => fail(h.name(), format!("an item has no text field `{k}`: {item}")),
            None => fail(
                h.name(),
                format!(
                    "an item is not text: {item}; use `key=\"field\"` to join a field of each item"
                ),
            ),
        })?;
        items.push(text);
    }
    let lang = Lang::of(h)?;
    let default_last = match lang {
        Lang::En => " and ",
        Lang::Ru => " и ",
    };
    let sep = hash_str(h, "sep")?.unwrap_or_else(|| ", ".into());
    let mut last = hash_str(h, "last")?.unwrap_or_else(|| default_last.into());
    let flag = |name: &str| {
        h.hash_get(name)
            .is_some_and(|v| v.value().as_bool() == Some(true))
    };
    if flag("serial") && items.len() > 2 && !last.starts_with(',') {
        last.insert(0, ',');
    }
    if lang != Lang::En {
        return Ok(Value::String(join_words(&items, &sep, &last)));
    }
    // Three items or more, one of which holds a comma of its own ("Cruel,
    // Inhuman or Degrading", "its causes and consequences"): semicolons
    // between them, as the series' letters list treaties and mandates, so
    // that each item's commas read as its own.
    let (sep, last) =
        if items.len() > 2 && sep.starts_with(',') && items.iter().any(|t| t.contains(',')) {
            let semi = |s: &str| format!(";{}", s.trim_start_matches(','));
            let last = if last.starts_with(',') {
                semi(&last)
            } else {
                format!(";{last}")
            };
            (semi(&sep), last)
        } else {
            (sep, last)
        };
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            let between = if i + 1 == items.len() { &last } else { &sep };
            if ends_in_aside(&items[i - 1]) && !between.starts_with([',', ';']) {
                out.push(',');
            }
            out.push_str(between);
        }
        out.push_str(item);
    }
    if flag("close") && items.last().is_some_and(|t| ends_in_aside(t)) {
        out.push(',');
    }
    Ok(Value::String(out))
}

fn text_param(h: &Helper<'_>) -> Result<String, RenderError> {
    let v = param(h, 0)?;
    text_arg(h.name(), v)
}

/// `{{upper s}}`.
pub fn upper(h: &Helper<'_>) -> Result<Value, RenderError> {
    Ok(Value::String(text_param(h)?.to_uppercase()))
}

/// `{{lower s}}`.
pub fn lower(h: &Helper<'_>) -> Result<Value, RenderError> {
    Ok(Value::String(text_param(h)?.to_lowercase()))
}

/// `{{capitalize s}}`: the first letter upper case, the rest unchanged.
pub fn capitalize(h: &Helper<'_>) -> Result<Value, RenderError> {
    let s = text_param(h)?;
    let mut chars = s.chars();
    let out = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    Ok(Value::String(out))
}

/// `{{uncapitalize s}}`: a name run on inside a sentence. Only the first
/// word is lowered, and only when it is a plain capitalised word and no
/// later word is capitalised (which marks a proper name): "Death penalty"
/// → "death penalty", "Torture and other CID treatment" → "torture and
/// other CID treatment"; "Council of Europe Convention", "NHRI" and "UN
/// agencies" stay as they are.
pub fn uncapitalize(h: &Helper<'_>) -> Result<Value, RenderError> {
    Ok(Value::String(uncapitalized(&text_param(h)?)))
}

/// `{{without_article names}}`: a name, or each of a list of names, without
/// an English article it starts with ("the International Service for Human
/// Rights" → "International Service for Human Rights"): a dataset writes an
/// organisation's name as English prose takes it, and wording in another
/// language drops the article.
pub fn without_article(h: &Helper<'_>) -> Result<Value, RenderError> {
    let bare = |s: &str| {
        s.strip_prefix("the ")
            .or_else(|| s.strip_prefix("The "))
            .unwrap_or(s)
            .to_string()
    };
    match param(h, 0)? {
        Value::Array(items) => items
            .iter()
            .map(|v| text_arg(h.name(), v).map(|s| Value::String(bare(&s))))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        v => Ok(Value::String(bare(&text_arg(h.name(), v)?))),
    }
}

fn titlecase(word: &str) -> bool {
    let mut chars = word.chars().filter(|c| c.is_alphabetic());
    chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase)
}

/// See [`uncapitalize`].
pub fn uncapitalized(s: &str) -> String {
    let mut words = s.split(' ');
    let Some(first) = words.next() else {
        return String::new();
    };
    let proper = words.any(titlecase);
    if proper || !titlecase(first) {
        return s.to_string();
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `{{count list}}`: items of a list or entries of a table; 0 for nothing.
pub fn count(h: &Helper<'_>) -> Result<Value, RenderError> {
    let n = match h.param(0).map(|p| p.value()) {
        Some(Value::Array(a)) => a.len(),
        Some(Value::Object(o)) => o.len(),
        Some(Value::String(s)) => s.chars().count(),
        Some(Value::Null) | None => 0,
        Some(other) => return Err(fail(h.name(), format!("cannot count `{other}`"))),
    };
    Ok(Value::from(n))
}

/// `{{plural n "recommendation" "recommendations"}}`; with three forms the
/// Russian rule: `{{plural n "рекомендация" "рекомендации" "рекомендаций"}}`.
pub fn plural(h: &Helper<'_>) -> Result<Value, RenderError> {
    let n = count_param(h, 0)?;
    let mut forms = Vec::new();
    for i in 1..h.params().len() {
        let v = param(h, i)?;
        forms.push(as_text(v).ok_or_else(|| fail(h.name(), format!("`{v}` is not a word")))?);
    }
    let idx = match forms.len() {
        2 => usize::from(n != 1),
        3 => match (n % 10, n % 100) {
            (_, 11..=14) => 2,
            (1, _) => 0,
            (2..=4, _) => 1,
            _ => 2,
        },
        _ => {
            return Err(fail(
                h.name(),
                "give a number and two forms (singular, plural) or three (Russian: 1, 2-4, 5)",
            ))
        }
    };
    Ok(Value::String(forms[idx].clone()))
}

/// `(concat "rec-" n)`: parameters joined into one text, for building ids.
pub fn concat(h: &Helper<'_>) -> Result<Value, RenderError> {
    let mut out = String::new();
    for i in 0..h.params().len() {
        let v = param(h, i)?;
        out.push_str(&text_arg(h.name(), v)?);
    }
    Ok(Value::String(out))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::render::helpers::testing::{ok, render};

    #[test]
    fn an_aside_is_closed_before_the_words_after_it() {
        let op2 = "Second Optional Protocol to the International Covenant on Civil and Political Rights, aiming at the abolition of the death penalty";
        let icescr = "Optional Protocol to the International Covenant on Economic, Social and Cultural Rights";
        let sc = "Optional Protocol to the Convention on the Rights of the Child on the sale of children, child prostitution and child pornography";
        assert!(super::ends_in_aside(op2));
        assert!(!super::ends_in_aside(icescr));
        assert!(!super::ends_in_aside(sc));
        let ctx = json!({ "a": [op2, icescr], "b": [icescr, sc], "c": [icescr, op2], "d": [sc, op2, icescr] });
        let join = |list: &str, more: &str| {
            ok(
                &format!(
                    "the {{{{join {list} sep=\", the \" last=\" and the \" serial=true{more}}}}}"
                ),
                &ctx,
            )
        };
        // The aside is closed before "and"; a comma inside a title is not an aside.
        assert_eq!(join("a", ""), format!("the {op2}, and the {icescr}"));
        assert_eq!(join("b", ""), format!("the {icescr} and the {sc}"));
        // Last: closed only when the sentence goes on (`close=true`).
        assert_eq!(join("c", ""), format!("the {icescr} and the {op2}"));
        assert_eq!(
            join("c", " close=true"),
            format!("the {icescr} and the {op2},")
        );
        // Three or more, with commas of their own: semicolons, the aside
        // needing no closing comma before one.
        assert_eq!(
            join("d", ""),
            format!("the {sc}; the {op2}; and the {icescr}")
        );
        // Three without a comma among them keep the serial comma.
        let plain = json!({"e": ["A", "B", "C"]});
        assert_eq!(
            ok(
                "{{join e sep=\", the \" last=\" and the \" serial=true}}",
                &plain
            ),
            "A, the B, and the C"
        );
        // Russian has no such rule.
        assert_eq!(
            ok("{{join a lang=\"ru\" close=true}}", &ctx),
            format!("{op2} и {icescr}")
        );
        assert_eq!(ok("{{#if (ends_in_aside a.[0])}}yes{{/if}}", &ctx), "yes");
    }

    #[test]
    fn join_as_prose() {
        let ctx = json!({"c": ["Australia", "Algeria", "Germany"], "two": ["A", "B"], "one": ["A"],
            "none": [], "objs": [{"name": "France"}, {"name": "Spain"}]});
        assert_eq!(ok("{{join c}}", &ctx), "Australia, Algeria and Germany");
        assert_eq!(
            ok("{{join c last=\" or \"}}", &ctx),
            "Australia, Algeria or Germany"
        );
        assert_eq!(
            ok("{{join c serial=true}}", &ctx),
            "Australia, Algeria, and Germany"
        );
        assert_eq!(ok("{{join two serial=true}}", &ctx), "A and B");
        assert_eq!(ok("{{join two}}", &ctx), "A and B");
        assert_eq!(ok("{{join one}}", &ctx), "A");
        assert_eq!(ok("{{join none}}", &ctx), "");
        assert_eq!(ok("{{join two lang=\"ru\"}}", &ctx), "A и B");
        assert_eq!(ok("{{join objs key=\"name\"}}", &ctx), "France and Spain");
        let e = render("{{join objs}}", &ctx).unwrap_err();
        assert!(e.contains("key="), "{e}");
    }

    #[test]
    fn case() {
        let ctx = json!({"s": "élan vital", "k": "қазақстан"});
        assert_eq!(ok("{{upper s}}", &ctx), "ÉLAN VITAL");
        assert_eq!(ok("{{lower \"ÉLAN\"}}", &ctx), "élan");
        assert_eq!(ok("{{capitalize s}}", &ctx), "Élan vital");
        assert_eq!(ok("{{capitalize k}}", &ctx), "Қазақстан");
        assert_eq!(
            ok("{{uncapitalize \"Death penalty\"}}", &ctx),
            "death penalty"
        );
        assert_eq!(ok("{{uncapitalize \"NHRI\"}}", &ctx), "NHRI");
        assert_eq!(ok("{{uncapitalize \"UPR process\"}}", &ctx), "UPR process");
        assert_eq!(
            ok("{{uncapitalize \"Rights of the Child\"}}", &ctx),
            "Rights of the Child"
        );
        assert_eq!(
            ok("{{uncapitalize \"Torture and other CID treatment\"}}", &ctx),
            "torture and other CID treatment"
        );
        assert_eq!(ok("{{capitalize \"\"}}", &ctx), "");
    }

    #[test]
    fn count_and_plural() {
        let ctx = json!({"l": [1, 2, 3], "o": {"a": 1}, "one": 1, "zero": 0});
        assert_eq!(ok("{{count l}}", &ctx), "3");
        assert_eq!(ok("{{count o}}", &ctx), "1");
        assert_eq!(
            ok(
                "{{count l}} {{plural (count l) \"recommendation\" \"recommendations\"}}",
                &ctx
            ),
            "3 recommendations"
        );
        assert_eq!(
            ok(
                "{{plural one \"recommendation\" \"recommendations\"}}",
                &ctx
            ),
            "recommendation"
        );
        assert_eq!(ok("{{plural zero \"item\" \"items\"}}", &ctx), "items");
        let ru = |n: u64| {
            ok(
                &format!("{{{{plural {n} \"рекомендация\" \"рекомендации\" \"рекомендаций\"}}}}"),
                &ctx,
            )
        };
        assert_eq!(ru(1), "рекомендация");
        assert_eq!(ru(3), "рекомендации");
        assert_eq!(ru(11), "рекомендаций");
        assert_eq!(ru(21), "рекомендация");
        assert_eq!(ru(25), "рекомендаций");
        assert!(render("{{plural 2 \"x\"}}", &ctx).is_err());
    }

    #[test]
    fn concat_builds_text() {
        assert_eq!(ok("{{concat \"rec-\" n}}", &json!({"n": 12})), "rec-12");
    }

    #[test]
    fn without_article_drops_a_leading_the() {
        let ctx =
            json!({"o": ["Amnesty International", "the International Service for Human Rights"]});
        assert_eq!(
            ok("{{#each (without_article o)}}[{{this}}]{{/each}}", &ctx),
            "[Amnesty International][International Service for Human Rights]"
        );
        assert_eq!(ok("{{without_article \"The Other\"}}", &ctx), "Other");
        assert_eq!(
            ok("{{without_article \"Theatre Watch\"}}", &ctx),
            "Theatre Watch"
        );
    }

    #[test]
    fn uncapitalize_keeps_proper_names() {
        use super::uncapitalized;
        assert_eq!(uncapitalized("Death penalty"), "death penalty");
        assert_eq!(
            uncapitalized("Torture and other CID treatment"),
            "torture and other CID treatment"
        );
        assert_eq!(
            uncapitalized("Council of Europe Convention"),
            "Council of Europe Convention"
        );
        assert_eq!(uncapitalized("NHRI"), "NHRI");
        assert_eq!(uncapitalized("UN agencies"), "UN agencies");
        assert_eq!(uncapitalized("Women's rights"), "women's rights");
    }
}
