//! What a template reads of a plugin's findings, so that what it never
//! reads need not be kept.
//!
//! The host finds it from the template's sources (every path each
//! `{{…}}`, block, partial and message names) and gives it to each plugin
//! as the option `reads`. A plugin may leave out what is not read, as it
//! builds its findings ([`Reads::trim`] on each piece); the host trims
//! what a plugin returns the same way. Where the host cannot tell (a path
//! computed at render time), the option is absent, and [`Options::reads`]
//! gives [`Reads::whole`].
//!
//! [`Options::reads`]: crate::Options::reads

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::Error;

/// The key that stands for every element of a list, and every value of
/// a map, in a [`Reads`] written as JSON.
pub const ITEMS: &str = "[]";

/// What is read of a value: all of it, or some of its fields and
/// elements. A value read but none of its parts (`{{#if list}}`) keeps
/// what its truth depends on: a list its length, a map one key.
///
/// As JSON (the option `reads`): `true` for a value read whole, else a map
/// from each field read to what is read of it, with [`ITEMS`] for every
/// element or value (`{"recommendations": {"[]": {"number": true}}}`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reads {
    whole: bool,
    fields: BTreeMap<String, Reads>,
    items: Option<Box<Reads>>,
}

impl Reads {
    /// A value read whole.
    pub fn whole() -> Reads {
        Reads {
            whole: true,
            ..Reads::default()
        }
    }

    /// Whether the value is read whole.
    pub fn is_whole(&self) -> bool {
        self.whole
    }

    /// Read the value whole.
    pub fn set_whole(&mut self) {
        *self = Reads::whole();
    }

    /// What is read of field `name`: `None` when nothing is. A field of a
    /// value read whole is read whole; so is one of a map whose every value
    /// is read.
    pub fn get(&self, name: &str) -> Option<std::borrow::Cow<'_, Reads>> {
        use std::borrow::Cow;
        if self.whole {
            return Some(Cow::Owned(Reads::whole()));
        }
        match (self.fields.get(name), self.items.as_deref()) {
            (Some(f), None) => Some(Cow::Borrowed(f)),
            (None, Some(i)) => Some(Cow::Borrowed(i)),
            (Some(f), Some(i)) => {
                let mut both = f.clone();
                both.merge(i);
                Some(Cow::Owned(both))
            }
            (None, None) => None,
        }
    }

    /// Whether anything of field `name` is read: a plugin need not make a
    /// field that is not.
    pub fn wants(&self, name: &str) -> bool {
        self.whole || self.items.is_some() || self.fields.contains_key(name)
    }

    /// What is read of each element of a list: `None` when none is. On a
    /// list, a field is an element named by its index (`list.0`), so every
    /// field read counts.
    pub fn element(&self) -> Option<std::borrow::Cow<'_, Reads>> {
        use std::borrow::Cow;
        if self.whole {
            return Some(Cow::Owned(Reads::whole()));
        }
        match (self.items.as_deref(), self.fields.is_empty()) {
            (Some(items), true) => Some(Cow::Borrowed(items)),
            (None, true) => None,
            (items, false) => {
                let mut all = items.cloned().unwrap_or_default();
                for reads in self.fields.values() {
                    all.merge(reads);
                }
                Some(Cow::Owned(all))
            }
        }
    }

    /// What is read of field `name`, to be added to.
    pub fn field(&mut self, name: &str) -> &mut Reads {
        self.fields.entry(name.to_string()).or_default()
    }

    /// What is read of every element (or map value), to be added to.
    pub fn items(&mut self) -> &mut Reads {
        self.items.get_or_insert_with(Box::default)
    }

    /// Add what `other` reads.
    pub fn merge(&mut self, other: &Reads) {
        if self.whole {
            return;
        }
        if other.whole {
            self.set_whole();
            return;
        }
        for (name, reads) in &other.fields {
            self.field(name).merge(reads);
        }
        if let Some(items) = &other.items {
            self.items().merge(items);
        }
    }

    /// Leave out of `value` what is not read. Maps lose the fields not
    /// read (but one, to stay true, when none is read); lists keep their
    /// length, their elements made `null` when none is read.
    pub fn trim(&self, value: &mut Value) {
        self.trim_but(value, &[]);
    }

    /// [`Reads::trim`], leaving the fields of `value` named in `made` as
    /// they are (if read): those a plugin made trimmed already, which need
    /// not be gone over again.
    pub fn trim_but(&self, value: &mut Value, made: &[&str]) {
        if self.whole {
            return;
        }
        match value {
            Value::Object(map) => {
                if self.items.is_none() {
                    let kept = map.keys().filter(|k| self.fields.contains_key(*k)).count();
                    if kept < map.len() {
                        // Made anew at its size: a map keeps the room it had.
                        let mut fewer = Map::with_capacity(kept.max(1));
                        // A map none of whose fields is read keeps its first, to stay true.
                        let first = (kept == 0).then(|| map.keys().next().cloned()).flatten();
                        for (k, v) in std::mem::take(map) {
                            if self.fields.contains_key(&k) {
                                fewer.insert(k, v);
                            }
                        }
                        if let Some(k) = first {
                            fewer.insert(k, Value::Null);
                            *map = fewer;
                            return;
                        }
                        *map = fewer;
                    }
                }
                for (k, v) in map.iter_mut() {
                    if made.contains(&k.as_str()) {
                        continue;
                    }
                    if let Some(reads) = self.get(k) {
                        reads.trim(v);
                    }
                }
            }
            Value::Array(list) => match self.element() {
                Some(element) => list.iter_mut().for_each(|v| element.trim(v)),
                None => list.iter_mut().for_each(|v| *v = Value::Null),
            },
            _ => {}
        }
    }

    /// As JSON, the form of the option `reads`.
    pub fn to_json(&self) -> Value {
        if self.whole {
            return Value::Bool(true);
        }
        let mut map = Map::new();
        for (name, reads) in &self.fields {
            map.insert(name.clone(), reads.to_json());
        }
        if let Some(items) = &self.items {
            map.insert(ITEMS.to_string(), items.to_json());
        }
        Value::Object(map)
    }

    /// From its JSON form ([`Reads::to_json`]).
    pub fn from_json(value: &Value) -> Result<Reads, Error> {
        match value {
            Value::Bool(true) => Ok(Reads::whole()),
            Value::Object(map) => {
                let mut reads = Reads::default();
                for (name, v) in map {
                    let part = Reads::from_json(v)?;
                    match name.as_str() {
                        ITEMS => reads.items = Some(Box::new(part)),
                        _ => {
                            reads.fields.insert(name.clone(), part);
                        }
                    }
                }
                Ok(reads)
            }
            other => Err(Error::new(format!(
                "option `reads` must be `true` or a map of what is read, not {other}"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::Reads;

    fn reads(v: serde_json::Value) -> Reads {
        Reads::from_json(&v).unwrap()
    }

    #[test]
    fn fields_not_read_are_left_out_and_lists_keep_their_length() {
        let r = reads(json!({"list": {"[]": {"number": true}}, "flag": {}}));
        let mut v = json!({
            "list": [{"number": 1, "text": "long"}, {"number": 2, "text": "longer"}],
            "flag": [{"a": 1}, {"b": 2}],
            "other": "gone"
        });
        r.trim(&mut v);
        assert_eq!(
            v,
            json!({"list": [{"number": 1}, {"number": 2}], "flag": [null, null]})
        );
    }

    #[test]
    fn an_element_named_by_its_index_is_read_like_every_element() {
        let r = reads(json!({"list": {"0": {"a": true}}}));
        let mut v = json!({"list": [{"a": 1, "b": 2}, {"a": 3, "b": 4}]});
        r.trim(&mut v);
        assert_eq!(v, json!({"list": [{"a": 1}, {"a": 3}]}));
    }

    #[test]
    fn a_map_read_but_none_of_its_fields_keeps_one_to_stay_true() {
        let r = reads(json!({"m": {}, "empty": {}}));
        let mut v = json!({"m": {"a": "x", "b": "y"}, "empty": {}});
        r.trim(&mut v);
        assert_eq!(v, json!({"m": {"a": null}, "empty": {}}));
    }

    #[test]
    fn a_map_iterated_keeps_every_key_and_a_field_named_too_takes_both_reads() {
        let r = reads(json!({"[]": {"x": true}, "k1": {"y": true}}));
        let mut v = json!({"k1": {"x": 1, "y": 2, "z": 3}, "k2": {"x": 4, "z": 5}});
        r.trim(&mut v);
        assert_eq!(v, json!({"k1": {"x": 1, "y": 2}, "k2": {"x": 4}}));
    }

    #[test]
    fn whole_values_are_untouched_and_the_json_form_reads_back() {
        let r = reads(json!({"a": true, "b": {"[]": {"c": {}}}}));
        assert_eq!(Reads::from_json(&r.to_json()).unwrap(), r);
        let mut v = json!({"a": {"deep": [1, 2]}, "b": []});
        r.trim(&mut v);
        assert_eq!(v, json!({"a": {"deep": [1, 2]}, "b": []}));
        let mut v = json!({"made": [{"x": 1, "y": 2}], "small": {"x": 1, "y": 2}, "gone": 1});
        reads(json!({"made": {"[]": {"x": true}}, "small": {"x": true}}))
            .trim_but(&mut v, &["made"]);
        assert_eq!(v, json!({"made": [{"x": 1, "y": 2}], "small": {"x": 1}}));
        let mut merged = r.clone();
        merged.merge(&Reads::whole());
        assert!(merged.is_whole());
        assert!(Reads::from_json(&json!(3)).is_err());
    }
}
