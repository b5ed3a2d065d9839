//! Arbitrary template text rendered over a real context (the minimal
//! dataset with every built-in plugin's findings), then parsed.
#![no_main]

use std::sync::OnceLock;

use hrdraft::draft::{Drafter, Request};
use hrdraft::plugin_host::Registry;
use hrdraft::render::Engine;
use hrdraft::template::TemplateSet;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

struct Setup {
    context: Value,
    partials: Vec<(String, String)>,
}

fn setup() -> Option<&'static Setup> {
    static SETUP: OnceLock<Option<Setup>> = OnceLock::new();
    SETUP
        .get_or_init(|| {
            let files = hrdraft_fuzz::BASE
                .iter()
                .map(|(n, b)| (n.to_string(), b.to_vec()))
                .collect::<Vec<_>>();
            let loaded = hrdraft::dataset::load_from_files(&files).ok()?;
            let registry = Registry::builtin();
            let partials = registry.partials();
            let drafter = Drafter::new(TemplateSet::builtin().ok()?, registry).ok()?;
            let request = Request {
                template: "mia-report",
                ..Request::default()
            };
            let context = drafter.context(&loaded.dataset, &request).ok()?;
            Some(Setup { context, partials })
        })
        .as_ref()
}

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let Some(setup) = setup() else { return };
    let mut engine = Engine::new();
    engine.set_output_limit(1024 * 1024);
    for (name, partial) in &setup.partials {
        let _ = engine.register_partial(name, partial);
    }
    // The template may include itself as a partial too.
    let _ = engine.register_partial("self", source);
    if engine.register_template("fuzz", source).is_err() {
        return;
    }
    if let Ok(markdown) = engine.render("fuzz", &setup.context) {
        let _ = hrdraft::document::parse(&markdown);
    }
});
