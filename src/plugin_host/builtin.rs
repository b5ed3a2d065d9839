//! The plugins linked into hrdraft, each its own crate under `plugins/`.

use hrdraft_sdk::Plugin;

/// A built-in plugin.
pub(crate) type Builtin = Box<dyn Plugin + Send + Sync>;

/// Every built-in plugin, in the order `hrdraft plugins` lists them.
pub(crate) fn all() -> Vec<Builtin> {
    vec![
        Box::new(hrdraft_plugin_iri::Iri),
        Box::new(hrdraft_plugin_pledge_gap::PledgeGap),
        Box::new(hrdraft_plugin_reprisals::Reprisals),
        Box::new(hrdraft_plugin_questions::Questions),
    ]
}
