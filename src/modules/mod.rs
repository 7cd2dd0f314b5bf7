//! Module discovery: the modules a package defines, and the ones it could collide with.

use crate::config::Config;
use crate::files::FileSet;
use crate::project::Project;

/// Modules defined by the package.
#[derive(Debug, Clone, Default)]
pub struct ModuleMap {}

impl ModuleMap {
    pub fn for_project(_project: &Project, _files: &FileSet, _config: &Config) -> ModuleMap {
        ModuleMap::default()
    }
}
