//! Module discovery: the modules a package defines, and the ones it could collide with.

pub mod app_file;
pub mod stdlib;

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

/// Elixir's `Macro.camelize/1`, clause for clause: `plug_auth` → `PlugAuth`, `ex_aws_s3` →
/// `ExAwsS3`, `foo/bar` → `Foo.Bar`; leading underscores are dropped, `_` before a digit vanishes,
/// `_` before anything but `a-z`/`0-9` is kept, and only ASCII letters change case.
pub fn camelize(name: &str) -> String {
    let b = name.trim_start_matches('_').as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let Some((&first, mut rest)) = b.split_first() else {
        return String::new();
    };
    out.push(first.to_ascii_uppercase());
    while let Some((&c, tail)) = rest.split_first() {
        match (c, tail.first()) {
            (b'_', Some(b'_')) => rest = tail,
            (b'_', Some(&h)) if h.is_ascii_lowercase() => {
                out.push(h.to_ascii_uppercase());
                rest = &tail[1..];
            }
            (b'_', Some(&h)) if h.is_ascii_digit() => {
                out.push(h);
                rest = &tail[1..];
            }
            (b'_', None) => rest = tail,
            (b'/', _) => {
                out.push(b'.');
                out.extend(camelize(&String::from_utf8_lossy(tail)).into_bytes());
                rest = &[];
            }
            _ => {
                out.push(c);
                rest = tail;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::camelize;

    #[test]
    fn camelize_matches_macro_camelize() {
        // Expected values from Elixir: Macro.camelize/1.
        assert_eq!(camelize("plug_auth"), "PlugAuth");
        assert_eq!(camelize("ex_aws_s3"), "ExAwsS3");
        assert_eq!(camelize("foo/bar_baz"), "Foo.BarBaz");
        assert_eq!(camelize("foo__bar"), "FooBar");
        assert_eq!(camelize("http2_client"), "Http2Client");
        assert_eq!(camelize("_private"), "Private");
        assert_eq!(camelize("foo_Bar"), "Foo_Bar");
        assert_eq!(camelize("foo_"), "Foo");
        assert_eq!(camelize(""), "");
        assert_eq!(camelize("jason"), "Jason");
    }
}
