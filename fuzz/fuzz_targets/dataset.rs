//! The dataset loader fed arbitrary bytes as one of its TOML files; a dataset
//! that loads is then drafted (to Markdown) through every built-in template.
#![no_main]

use std::sync::OnceLock;

use hrdraft::draft::{Drafter, Request};
use hrdraft::plugin_host::Registry;
use hrdraft::template::TemplateSet;
use libfuzzer_sys::fuzz_target;

fn drafter() -> Option<&'static Drafter> {
    static DRAFTER: OnceLock<Option<Drafter>> = OnceLock::new();
    DRAFTER
        .get_or_init(|| {
            let templates = TemplateSet::builtin().ok()?;
            let mut drafter = Drafter::new(templates, Registry::builtin()).ok()?;
            drafter.set_output_limit(4 * 1024 * 1024);
            Some(drafter)
        })
        .as_ref()
}

fuzz_target!(|data: &[u8]| {
    let files = hrdraft_fuzz::dataset_files(data);
    let Ok(loaded) = hrdraft::dataset::load_from_files(&files) else {
        return;
    };
    let _ = hrdraft::dataset::Summary::of(&loaded.dataset);
    let Some(drafter) = drafter() else { return };
    for template in drafter.templates().names() {
        let request = Request {
            template,
            ..Request::default()
        };
        let _ = drafter.draft(&loaded.dataset, &request);
    }
});
