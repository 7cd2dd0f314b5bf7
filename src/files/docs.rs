//! The files ExDoc reads when `mix hex.publish` builds the docs: the `docs:` options `extras`,
//! `logo`, `favicon`, `cover` and `assets`, as evaluated from mix.exs, each with whether it
//! exists on disk (docs are built from the working tree, not from the package).

use crate::mixexs::value::ValueKind;
use crate::project::Project;
use crate::source::Span;

/// Which option a path comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocsOption {
    Extras,
    Logo,
    Favicon,
    Cover,
    Assets,
}

impl DocsOption {
    pub fn as_str(self) -> &'static str {
        match self {
            DocsOption::Extras => "extras",
            DocsOption::Logo => "logo",
            DocsOption::Favicon => "favicon",
            DocsOption::Cover => "cover",
            DocsOption::Assets => "assets",
        }
    }
}

/// One path named in `docs:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocsPath {
    pub option: DocsOption,
    /// As written (relative to the project root).
    pub path: String,
    pub span: Span,
    pub exists: bool,
    /// The page id ExDoc gives an extra (`filename:`, else the downcased basename without its
    /// extension, spaces as `-`).
    pub id: Option<String>,
}

/// What `docs:` names, read once.
#[derive(Debug, Clone, Default)]
pub struct DocsPaths {
    pub paths: Vec<DocsPath>,
    /// `extras` is written but not statically known (a page id may come from it).
    pub extras_unknown: bool,
    /// `main:` and its span, when a known string.
    pub main: Option<(String, Span)>,
}

/// ExDoc's page id of an extra: basename, extension dropped, spaces as `-`, downcased.
pub fn extra_id(path: &str) -> String {
    let base = path.rsplit('/').next().unwrap_or(path);
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
    stem.replace(' ', "-").to_lowercase()
}

impl DocsPaths {
    pub fn for_project(project: &Project) -> DocsPaths {
        let mut out = DocsPaths::default();
        let Some(docs) = project.docs.as_ref() else {
            return out;
        };
        if docs.is_unknown() {
            out.extras_unknown = true;
            return out;
        }
        let exists =
            |p: &str| !p.is_empty() && !p.starts_with('/') && project.root.join(p).exists();
        let mut paths: Vec<DocsPath> = Vec::new();
        let mut push = |option: DocsOption, text: &str, span: Span, id: Option<String>| {
            if text.starts_with("http://") || text.starts_with("https://") {
                return;
            }
            paths.push(DocsPath {
                option,
                path: text.to_string(),
                span,
                exists: exists(text),
                id,
            });
        };
        let mut extras_unknown = false;
        if let Some(extras) = docs.get("extras") {
            match extras.as_list() {
                Some(items) => {
                    for item in items {
                        match &item.kind {
                            // `"README.md": [title: …]` or `{"README.md", opts}`.
                            ValueKind::Tuple(t) if t.len() == 2 => {
                                let (path, opts) = (&t[0], &t[1]);
                                match path.as_str_or_atom() {
                                    Some(text) => {
                                        let id = opts
                                            .get("filename")
                                            .and_then(|f| f.as_str())
                                            .map(str::to_string)
                                            .unwrap_or_else(|| extra_id(text));
                                        push(DocsOption::Extras, text, path.span, Some(id));
                                    }
                                    None => extras_unknown = true,
                                }
                            }
                            ValueKind::String(text) => {
                                push(DocsOption::Extras, text, item.span, Some(extra_id(text)))
                            }
                            _ => extras_unknown = true,
                        }
                    }
                }
                None => extras_unknown = true,
            }
        }
        for (key, option) in [
            ("logo", DocsOption::Logo),
            ("favicon", DocsOption::Favicon),
            ("cover", DocsOption::Cover),
        ] {
            if let Some(v) = docs.get(key)
                && let Some(text) = v.as_str()
            {
                push(option, text, v.span, None);
            }
        }
        if let Some(assets) = docs.get("assets") {
            match &assets.kind {
                ValueKind::Map(pairs) => {
                    for (k, _) in pairs {
                        if let Some(text) = k.as_str() {
                            push(DocsOption::Assets, text, k.span, None);
                        }
                    }
                }
                _ => {
                    if let Some(text) = assets.as_str() {
                        push(DocsOption::Assets, text, assets.span, None);
                    }
                }
            }
        }
        out.paths = paths;
        out.extras_unknown = extras_unknown;
        if let Some(main) = docs.get("main")
            && let Some(s) = main.as_str()
        {
            out.main = Some((s.to_string(), main.span));
        }
        out
    }
}
