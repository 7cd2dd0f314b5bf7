//! Hex's expansion of `:files` and `:exclude_patterns`.

use super::FileSet;
use crate::config::Config;
use crate::project::Project;

pub fn expand_project(project: &Project, _config: &Config) -> FileSet {
    FileSet {
        root: project.root.clone(),
        ..FileSet::default()
    }
}
