//! `{{#each}}`: Handlebars' own, and, over a list the template reads only
//! there ([`Once`]), one that frees each element once it is rendered.
//!
//! On a large dataset the context is the largest thing in memory while the
//! template renders, and the largest part of it is a few long lists, each
//! read by one `{{#each}}` (the MIA's recommendations by theme). The
//! pipeline takes such lists out of the context before rendering
//! ([`take_once`]), leaving in their place a list of the same length that
//! says they are taken, and hands them to the render. Here, the
//! `{{#each}}` that reads one renders its elements in order, each given to
//! its block by value, so that it is freed when the next one takes its
//! place; the lists within an element that are read once too are taken out
//! of it, for the `{{#each}}` that stands directly in its block. What is
//! rendered is what Handlebars' own `each` renders from the whole context.
//!
//! Every other `{{#each}}` is Handlebars' own, written again here because
//! a helper registered under its name replaces it.

use handlebars::{
    BlockContext, BlockParams, Context, Handlebars, Helper, HelperDef, HelperResult, Output,
    PathAndJson, RenderContext, RenderError, RenderErrorReason, Renderable,
};
use std::sync::Arc;

use serde_json::Value;

use crate::render::state;
use crate::template::Once;

/// What an element of a list taken from the context holds in its place.
const TAKEN: &str = "\u{1}hrdraft: rendered once";

/// How many elements are rendered between two calls of
/// [`crate::memory::give_back`]: on the 100,000-recommendation MIA, about
/// 30 calls, which keep 350 MB from piling up (docs/performance.md).
const GIVE_BACK_EVERY: u64 = 16384;

/// The local variable of an element's block that names its [`Frame`].
const FRAME_VAR: &str = "hrdraft_once";

/// The lists taken out of the context to be rendered once.
#[derive(Debug, Default)]
pub struct OnceLists {
    /// Lists of the context: where each stood, its elements, and the lists
    /// within them read once.
    roots: Vec<Taken>,
    /// The elements being rendered, innermost last, each with the lists
    /// taken out of it.
    frames: Vec<Frame>,
    /// The number of the next frame.
    next: u64,
    /// How many elements have been rendered.
    rendered: u64,
}

/// A list taken out, and what the analysis said of it.
#[derive(Debug)]
struct Taken {
    once: Arc<Spec>,
    elements: Vec<Value>,
}

/// A [`Once`] shared by every element of the list around it.
#[derive(Debug)]
struct Spec {
    path: Vec<String>,
    within: Vec<Arc<Spec>>,
}

impl Spec {
    fn of(once: &Once) -> Arc<Spec> {
        Arc::new(Spec {
            path: once.path.clone(),
            within: once.within.iter().map(Spec::of).collect(),
        })
    }
}

#[derive(Debug)]
struct Frame {
    id: u64,
    lists: Vec<Taken>,
}

impl OnceLists {
    /// Whether no list was taken.
    pub fn is_empty(&self) -> bool {
        self.roots.is_empty()
    }
}

/// Take the lists `once` names out of `context` (see the module's
/// documentation); a path that does not lead to a list is left alone.
pub fn take_once(context: &mut Value, once: &[Once]) -> OnceLists {
    let mut lists = OnceLists::default();
    for o in once {
        let mut at = Some(&mut *context);
        for field in &o.path {
            at = at
                .and_then(|v| v.as_object_mut())
                .and_then(|m| m.get_mut(field));
        }
        if let Some(list @ Value::Array(_)) = at {
            lists.roots.push(Taken {
                once: Spec::of(o),
                elements: take_list(list),
            });
        }
    }
    lists
}

/// The elements of `list`, leaving in their place as many that say so.
fn take_list(list: &mut Value) -> Vec<Value> {
    let len = list.as_array().map_or(0, Vec::len);
    let mut left = vec![Value::Null; len];
    if let Some(first) = left.first_mut() {
        *first = Value::String(TAKEN.into());
    }
    match std::mem::replace(list, Value::Array(left)) {
        Value::Array(elements) => elements,
        _ => Vec::new(),
    }
}

/// The lists `within` taken out of `element`.
fn take_within(element: &mut Value, within: &[Arc<Spec>]) -> Vec<Taken> {
    let Some(map) = element.as_object_mut() else {
        return Vec::new();
    };
    within
        .iter()
        .filter_map(|o| {
            let list = map.get_mut(o.path.first()?).filter(|v| v.is_array())?;
            Some(Taken {
                once: Arc::clone(o),
                elements: take_list(list),
            })
        })
        .collect()
}

fn is_taken(value: &Value) -> bool {
    matches!(value.as_array().and_then(|l| l.first()), Some(Value::String(s)) if s == TAKEN)
}

/// The `each` block helper.
pub struct Each;

impl HelperDef for Each {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let value = h
            .param(0)
            .ok_or(RenderErrorReason::ParamNotFoundForIndex("each", 0))?;
        if h.template().is_none() {
            return Ok(());
        }
        if let Some(taken) = take(value, rc) {
            return each_once(h, r, ctx, rc, out, taken);
        }
        if is_taken(value.value()) {
            // The analysis said no other block reads the list: a fault of
            // ours, not the template's, and never a document with holes.
            return Err(RenderErrorReason::Other(format!(
                "`{}` was taken out of the context to be rendered once, and is read \
                 again here; please report this (with `--lint` the context is whole)",
                value.relative_path().map_or("this list", String::as_str)
            ))
            .into());
        }
        each(h, r, ctx, rc, out, value)
    }
}

/// The list taken out for this `{{#each}}`, if it reads one: a list of the
/// context by its place, or a list within the element whose block this
/// `{{#each}}` stands directly in, by its field.
fn take(value: &PathAndJson<'_>, rc: &RenderContext<'_, '_>) -> Option<Taken> {
    if !is_taken(value.value()) {
        return None;
    }
    if let Some(path) = value.context_path() {
        return state::with(|s| {
            let at = s.once.roots.iter().position(|t| &t.once.path == path)?;
            Some(s.once.roots.swap_remove(at))
        })
        .flatten();
    }
    let name = value.relative_path()?;
    let frame = rc.block()?.get_local_var(FRAME_VAR)?.as_u64()?;
    state::with(|s| {
        let top = s.once.frames.last_mut().filter(|f| f.id == frame)?;
        let at = top
            .lists
            .iter()
            .position(|t| t.once.path.first() == Some(name))?;
        Some(top.lists.swap_remove(at))
    })
    .flatten()
}

/// Render the block once for each element of `taken`, each given by value.
fn each_once<'reg: 'rc, 'rc>(
    h: &Helper<'rc>,
    r: &'reg Handlebars<'reg>,
    ctx: &'rc Context,
    rc: &mut RenderContext<'reg, 'rc>,
    out: &mut dyn Output,
    taken: Taken,
) -> HelperResult {
    let Taken { once, elements } = taken;
    if elements.is_empty() {
        if let Some(inverse) = h.inverse() {
            return inverse.render(r, ctx, rc, out);
        }
    }
    let Some(t) = h.template() else {
        return Ok(());
    };
    rc.push_block(BlockContext::new());
    let len = elements.len();
    let mut rendered = Ok(());
    for (i, mut element) in elements.into_iter().enumerate() {
        let lists = take_within(&mut element, &once.within);
        let id = state::with(|s| {
            let id = s.once.next;
            s.once.next += 1;
            s.once.frames.push(Frame { id, lists });
            id
        });
        if let Some(block) = rc.block_mut() {
            set_position(block, i, len);
            match id {
                Some(id) => block.set_local_var(FRAME_VAR, Value::from(id)),
                None => block.set_local_var(FRAME_VAR, Value::Null),
            }
            // The element before is freed here.
            block.set_base_value(element);
        }
        rendered = t.render(r, ctx, rc, out);
        let rendered_so_far = state::with(|s| {
            s.once.frames.pop();
            s.once.rendered += 1;
            s.once.rendered
        });
        if rendered_so_far.is_some_and(|n| n % GIVE_BACK_EVERY == 0) {
            crate::memory::give_back();
        }
        if rendered.is_err() {
            break;
        }
    }
    rc.pop_block();
    rendered
}

/// Handlebars' own `each`: over a list or a map of the context (by its
/// place) or made at render time (each element copied into its block).
fn each<'reg: 'rc, 'rc>(
    h: &Helper<'rc>,
    r: &'reg Handlebars<'reg>,
    ctx: &'rc Context,
    rc: &mut RenderContext<'reg, 'rc>,
    out: &mut dyn Output,
    value: &PathAndJson<'rc>,
) -> HelperResult {
    let Some(t) = h.template() else {
        return Ok(());
    };
    let items: Vec<(Value, &Value)> = match value.value() {
        Value::Array(list) if !list.is_empty() || h.inverse().is_none() => list
            .iter()
            .enumerate()
            .map(|(i, v)| (Value::from(i), v))
            .collect(),
        Value::Object(map) if !map.is_empty() || h.inverse().is_none() => map
            .iter()
            .map(|(k, v)| (Value::from(k.as_str()), v))
            .collect(),
        _ => {
            return if let Some(inverse) = h.inverse() {
                inverse.render(r, ctx, rc, out)
            } else if r.strict_mode() {
                Err(RenderError::strict_error(value.relative_path()))
            } else {
                Ok(())
            };
        }
    };
    let keyed = value.value().is_object();
    let path = value.context_path();
    // Each element's place, or value, is set below.
    let mut block = BlockContext::new();
    if let Some(p) = path {
        block.base_path_mut().clone_from(p);
    }
    rc.push_block(block);
    let len = items.len();
    for (i, (key, v)) in items.into_iter().enumerate() {
        if let Some(block) = rc.block_mut() {
            set_position(block, i, len);
            if keyed {
                block.set_local_var("key", key.clone());
            }
            let step = match &key {
                Value::String(k) => k.clone(),
                other => other.to_string(),
            };
            match path {
                Some(p) if i == 0 => {
                    let mut at = p.clone();
                    at.push(step);
                    *block.base_path_mut() = at;
                }
                Some(_) => {
                    if let Some(last) = block.base_path_mut().last_mut() {
                        *last = step;
                    }
                }
                None => block.set_base_value(v.clone()),
            }
            block_params(block, h, path.is_some(), &key, v)?;
        }
        t.render(r, ctx, rc, out)?;
    }
    rc.pop_block();
    Ok(())
}

/// `@first`, `@last` and `@index` of element `i` of `len`.
fn set_position(block: &mut BlockContext<'_>, i: usize, len: usize) {
    block.set_local_var("first", Value::Bool(i == 0));
    block.set_local_var("last", Value::Bool(i + 1 == len));
    block.set_local_var("index", Value::from(i));
}

/// `as |item key|`: the element by its place (or its value when made at
/// render time), and its index or key.
fn block_params<'rc>(
    block: &mut BlockContext<'rc>,
    h: &Helper<'rc>,
    by_place: bool,
    key: &Value,
    v: &Value,
) -> Result<(), RenderError> {
    let (item, key_name) = match (h.block_param(), h.block_param_pair()) {
        (Some(item), _) => (item, None),
        (None, Some((item, k))) => (item, Some(k)),
        (None, None) => return Ok(()),
    };
    let mut params = BlockParams::new();
    if by_place {
        params.add_path(item, Vec::new())?;
    } else {
        params.add_value(item, v.clone())?;
    }
    if let Some(k) = key_name {
        params.add_value(k, key.clone())?;
    }
    block.set_block_params(params);
    Ok(())
}

#[cfg(test)]
mod tests {
    use handlebars::Handlebars;
    use serde_json::json;

    use super::{take_once, Each};
    use crate::template::Once;

    #[test]
    fn every_other_each_is_handlebars_own() {
        let data = json!({
            "l": [{"a": 1, "m": [1, 2]}, {"a": 2, "m": []}],
            "o": {"x": {"a": 3}, "y": {"a": 4}},
            "e": [],
            "s": "text",
        });
        let ours = {
            let mut hb = Handlebars::new();
            hb.register_helper("each", Box::new(Each));
            hb
        };
        for t in [
            "{{#each l}}{{@index}}{{@first}}{{@last}}:{{a}}{{#each m}}[{{this}} {{../a}} {{@index}}]{{else}}none{{/each}};{{/each}}",
            "{{#each o}}{{@key}}={{a}} {{@index}} {{@first}} {{@last}};{{/each}}",
            "{{#each l as |item i|}}{{i}}:{{item.a}} {{#each item.m as |v|}}{{v}}{{/each}};{{/each}}",
            "{{#each o as |v k|}}{{k}}={{v.a}};{{/each}}",
            "{{#each e}}x{{else}}empty{{/each}}{{#each e}}x{{/each}}{{#each s}}x{{else}}not a list{{/each}}",
            "{{#each missing}}x{{else}}missing{{/each}}",
            "{{#with l.[0]}}{{#each m}}{{this}}{{@root.s}}{{/each}}{{/with}}",
        ] {
            let theirs = Handlebars::new().render_template(t, &data).unwrap();
            assert_eq!(ours.render_template(t, &data).unwrap(), theirs, "{t}");
        }
        let mut strict = Handlebars::new();
        strict.set_strict_mode(true);
        let mut ours_strict = Handlebars::new();
        ours_strict.set_strict_mode(true);
        ours_strict.register_helper("each", Box::new(Each));
        let t = "{{#each missing}}x{{/each}}";
        assert!(strict.render_template(t, &data).is_err());
        assert!(ours_strict.render_template(t, &data).is_err());
    }

    #[test]
    fn lists_rendered_once_render_as_the_whole_context_does() {
        let t = "{{#with plugins.p}}{{#if themes}}{{#each themes}}[{{@index}}{{@first}}{{@last}} {{theme}}\
                 {{#each clusters}}({{@index}} {{score}} {{../theme}}{{#each recs}}<{{n}}{{#unless @last}},{{/unless}}>{{/each}}\
                 {{#each none}}x{{else}}-{{/each}}){{/each}}]{{/each}}{{/if}}{{/with}}\
                 {{#each plugins.p.empty}}x{{else}}empty{{/each}}";
        let mut e = crate::render::Engine::new();
        e.register_template("t", t).unwrap();
        let context = json!({"plugins": {"p": {
            "themes": [
                {"theme": "A", "clusters": [
                    {"score": 1, "recs": [{"n": 1}, {"n": 2}], "none": []},
                    {"score": 2, "recs": [{"n": 3}], "none": []}
                ]},
                {"theme": "B", "clusters": [{"score": 3, "recs": [], "none": []}]}
            ],
            "empty": []
        }}});
        let whole = e.render("t", &context).unwrap();
        let once = vec![
            Once {
                path: vec!["plugins".into(), "p".into(), "themes".into()],
                within: vec![Once {
                    path: vec!["clusters".into()],
                    within: vec![
                        Once {
                            path: vec!["recs".into()],
                            within: Vec::new(),
                        },
                        Once {
                            path: vec!["none".into()],
                            within: Vec::new(),
                        },
                    ],
                }],
            },
            Once {
                path: vec!["plugins".into(), "p".into(), "empty".into()],
                within: Vec::new(),
            },
        ];
        let mut taken = context.clone();
        let lists = take_once(&mut taken, &once);
        let body = e
            .render_body_watched(
                "t",
                &handlebars::Context::from(taken),
                false,
                lists,
                &mut |_| {},
            )
            .unwrap();
        assert_eq!(body.text, whole);
        assert!(
            whole.contains("[0truefalse A(0 1 A<1,><2>-)(1 2 A<3>-)]"),
            "{whole}"
        );
        assert!(whole.ends_with("empty"), "{whole}");
    }

    #[test]
    fn a_list_taken_leaves_as_many_elements_that_say_so() {
        let mut context = json!({"plugins": {"p": {"l": [{"a": 1}, {"a": 2}], "n": 3}}});
        let once = [Once {
            path: vec!["plugins".into(), "p".into(), "l".into()],
            within: Vec::new(),
        }];
        let lists = take_once(&mut context, &once);
        assert!(!lists.is_empty());
        assert_eq!(lists.roots[0].elements, [json!({"a": 1}), json!({"a": 2})]);
        let left = &context["plugins"]["p"]["l"];
        assert!(super::is_taken(left));
        assert_eq!(left.as_array().map(Vec::len), Some(2));
        assert_eq!(context["plugins"]["p"]["n"], 3);
    }
}
