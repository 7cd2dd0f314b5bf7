//! The packaged file list, exactly as Hex expands `package[:files]` and `:exclude_patterns`.

use crate::config::Config;
use crate::project::Project;

/// The files a package will contain.
#[derive(Debug, Clone, Default)]
pub struct FileSet {}

impl FileSet {
    pub fn for_project(_project: &Project, _config: &Config) -> FileSet {
        FileSet::default()
    }
}
