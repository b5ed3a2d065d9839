//! What a missing `plugins.<name>…` value is: a plugin that did not run for
//! this template, that returned `null`, an empty object or a value of
//! another kind, or an object without that key. Said as such, since
//! "missing from the context" sends the author looking in the wrong place.

use serde_json::Value;

/// The message for the missing value at `path` (as the template wrote it),
/// when it lies under `plugins`; `None` for any other path.
pub(super) fn plugin_value(path: &str, context: &Value) -> Option<String> {
    let mut segments = split(path.strip_prefix("plugins.")?).into_iter();
    let name = segments.next()?;
    let plugins = context.get("plugins")?.as_object()?;
    let Some(mut value) = plugins.get(&name) else {
        return Some(format!(
            "`{path}`: plugin `{name}` did not run for this template; name it in `plugins` \
             of the template's template.toml"
        ));
    };
    let mut reached = format!("plugin `{name}`");
    for key in segments {
        let next = match value {
            Value::Object(map) => map.get(&key),
            Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        };
        match next {
            Some(v) => {
                value = v;
                reached = format!("{reached}'s `{key}`");
            }
            None => return Some(format!("`{path}`: {}", lacks(&reached, value, &key))),
        }
    }
    None
}

/// What `reached` (a plugin or a value inside its output) is, that it has no `key`.
fn lacks(reached: &str, value: &Value, key: &str) -> String {
    let is = if reached.contains("'s `") {
        "is"
    } else {
        "returned"
    };
    match value {
        Value::Null => format!("{reached} {is} null, not an object with `{key}`"),
        Value::Object(map) if map.is_empty() => {
            format!("{reached} {is} an empty object `{{}}`, with no `{key}`")
        }
        Value::Object(map) => {
            let keys: Vec<String> = map.keys().take(12).map(|k| format!("`{k}`")).collect();
            let more = if map.len() > keys.len() { ", …" } else { "" };
            format!("{reached} has no `{key}`; it has {}{more}", keys.join(", "))
        }
        Value::Array(items) => format!(
            "{reached} {is} a list of {} item{}, which has no `{key}`",
            items.len(),
            if items.len() == 1 { "" } else { "s" }
        ),
        Value::Bool(_) => format!("{reached} {is} true or false, not an object with `{key}`"),
        Value::Number(n) => format!("{reached} {is} the number {n}, not an object with `{key}`"),
        Value::String(_) => format!("{reached} {is} text, not an object with `{key}`"),
    }
}

/// `a.[b-c].d` → `a`, `b-c`, `d`; `a/b` as Handlebars also reads it.
fn split(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(inner) = rest.strip_prefix('[') {
            let end = inner.find(']').unwrap_or(inner.len());
            out.push(inner[..end].to_string());
            rest = inner.get(end + 1..).unwrap_or("");
        } else {
            let end = rest.find(['.', '/']).unwrap_or(rest.len());
            out.push(rest[..end].to_string());
            rest = &rest[end..];
        }
        rest = rest.strip_prefix(['.', '/']).unwrap_or(rest);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn message(path: &str, plugins: Value) -> Option<String> {
        plugin_value(path, &json!({ "plugins": plugins }))
    }

    #[test]
    fn says_what_the_plugin_returned() {
        assert_eq!(
            message("plugins.x.total", json!({"x": null})).unwrap(),
            "`plugins.x.total`: plugin `x` returned null, not an object with `total`"
        );
        assert_eq!(
            message("plugins.[x-y].total", json!({"x-y": {}})).unwrap(),
            "`plugins.[x-y].total`: plugin `x-y` returned an empty object `{}`, with no `total`"
        );
        assert_eq!(
            message("plugins.x.total", json!({"x": {"count": 1, "items": []}})).unwrap(),
            "`plugins.x.total`: plugin `x` has no `total`; it has `count`, `items`"
        );
        assert_eq!(
            message("plugins.x.a.b", json!({"x": {"a": null}})).unwrap(),
            "`plugins.x.a.b`: plugin `x`'s `a` is null, not an object with `b`"
        );
        assert_eq!(
            message("plugins.x.items.3", json!({"x": {"items": [1]}})).unwrap(),
            "`plugins.x.items.3`: plugin `x`'s `items` is a list of 1 item, which has no `3`"
        );
        assert_eq!(
            message("plugins.y.total", json!({"x": {}})).unwrap(),
            "`plugins.y.total`: plugin `y` did not run for this template; name it in `plugins` \
             of the template's template.toml"
        );
        assert_eq!(message("country.name", json!({})), None);
    }
}
