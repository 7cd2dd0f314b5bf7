//! The rule engine: the [`Rule`] type, the [`Context`] rules read, and the one registry table.
//!
//! A rule is a `static RULE: Rule` in its own file under `src/rules/<group>/`, with its doc in
//! `rules/<id>.md`. It reads the [`Context`] and pushes [`Diagnostic`]s; it never does I/O of its
//! own — expensive facts (the file set, the module map) are computed once, lazily, in the context.

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::project::Project;
use crate::source::Span;
use std::sync::OnceLock;

pub mod config;
pub mod deps;
pub mod files;
pub mod license;
pub mod metadata;
pub mod namespace;
pub mod publish;
pub mod semver;

/// A rule's group (the folder it lives in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Group {
    Metadata,
    Deps,
    License,
    Files,
    Namespace,
    Publish,
    Semver,
    Config,
}

impl Group {
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Metadata => "metadata",
            Group::Deps => "deps",
            Group::License => "license",
            Group::Files => "files",
            Group::Namespace => "namespace",
            Group::Publish => "publish",
            Group::Semver => "semver",
            Group::Config => "config",
        }
    }
}

pub type CheckFn = fn(&Context, &mut Vec<Diagnostic>);

/// One rule: identity, default severity, docs and the check.
pub struct Rule {
    /// Kebab-case id, also the doc file name: `rules/<id>.md`.
    pub id: &'static str,
    pub group: Group,
    pub severity: Severity,
    /// One line, shown by `hexlint rules`.
    pub summary: &'static str,
    /// The Markdown doc (embedded with `include_str!`).
    pub doc: &'static str,
    pub check: CheckFn,
}

/// The registry: every rule, in the order `hexlint rules` lists them.
pub static RULES: &[&Rule] = &[
    // ── metadata ─────────────────────────────────────────────────────────────
    &metadata::umbrella_project::RULE,
    &metadata::misplaced_package_field::RULE,
    &metadata::organisation_spelling::RULE,
    &metadata::missing_metadata_field::RULE,
    &metadata::description_too_long::RULE,
    &metadata::description_blank::RULE,
    &metadata::invalid_package_name::RULE,
    &metadata::reserved_package_name::RULE,
    &metadata::invalid_version::RULE,
    &metadata::invalid_requirement::RULE,
    &metadata::invalid_elixir_requirement::RULE,
    &metadata::invalid_link::RULE,
    &metadata::insecure_link::RULE,
    &metadata::unreadable_metadata_value::RULE,
    &metadata::invalid_organization::RULE,
    &metadata::empty_build_tools::RULE,
    &metadata::unknown_package_key::RULE,
    &metadata::missing_source_link::RULE,
    &metadata::prerelease_requirement::RULE,
    &metadata::unbounded_requirement::RULE,
    &metadata::unresolved_value::RULE,
    &metadata::mix_load_error::RULE,
    &metadata::deprecated_cli_config::RULE,
    &metadata::deprecated_project_config::RULE,
    &metadata::hex_key_in_mix_exs::RULE,
    &metadata::invalid_elixirc_paths::RULE,
    //
    // ── deps ─────────────────────────────────────────────────────────────────
    &deps::non_hex_dependency::RULE,
    &deps::forbidden_dependency_option::RULE,
    &deps::foreign_dependency_repository::RULE,
    &deps::unknown_dependency_option::RULE,
    &deps::dev_only_dependency_excluded::RULE,
    &deps::mix_env_divergence::RULE,
    &deps::dev_tool_in_prod_deps::RULE,
    &deps::optional_dependency_unguarded::RULE,
    //
    // ── license ──────────────────────────────────────────────────────────────
    &license::invalid_license::RULE,
    &license::empty_licenses::RULE,
    &license::deprecated_license::RULE,
    //
    // ── files: Hex parity ────────────────────────────────────────────────────
    &files::missing_files::RULE,
    &files::reserved_file::RULE,
    &files::empty_file_list::RULE,
    &files::unsafe_path::RULE,
    &files::unsafe_symlink::RULE,
    &files::unsupported_file_type::RULE,
    &files::unpackable_file::RULE,
    &files::package_too_large::RULE,
    &files::metadata_too_large::RULE,
    //
    // ── files: hygiene ───────────────────────────────────────────────────────
    &files::sensitive_file_packaged::RULE,
    &files::ignored_file_packaged::RULE,
    &files::junk_file_packaged::RULE,
    &files::missing_license_file::RULE,
    &files::missing_readme::RULE,
    &files::license_text_mismatch::RULE,
    &files::missing_build_file::RULE,
    &files::file_read_not_packaged::RULE,
    &files::grammar_not_compiled::RULE,
    &files::precompiled_checksum_missing::RULE,
    &files::exclude_pattern_never_matches::RULE,
    &files::exclude_pattern_overbroad::RULE,
    &files::non_portable_path::RULE,
    &files::large_file::RULE,
    // ── namespace ────────────────────────────────────────────────────────────
    &namespace::module_outside_namespace::RULE,
    &namespace::dependency_namespace_intrusion::RULE,
    &namespace::module_collision::RULE,
    &namespace::duplicate_module::RULE,
    &namespace::erlang_module_prefix::RULE,
    &namespace::package_name_prefix::RULE,
    &namespace::similar_package_name::RULE,
    &namespace::unparsable_source::RULE,
    //
    // ── publish ──────────────────────────────────────────────────────────────
    &publish::missing_docs_tool::RULE,
    &publish::docs_file_missing::RULE,
    &publish::organisation_flag::RULE,
    &publish::dry_run_needs_auth::RULE,
    &publish::revert_window::RULE,
    &publish::uncommitted_changes::RULE,
    &publish::untagged_version::RULE,
    &publish::changelog_missing_entry::RULE,
    // ── semver (only with a baseline: `hexlint semver`, `hexlint publish`) ───
    &semver::module_removed::RULE,
    &semver::function_removed::RULE,
    &semver::arity_removed::RULE,
    &semver::function_kind_changed::RULE,
    &semver::callback_added::RULE,
    &semver::struct_field_removed::RULE,
    &semver::struct_field_enforced::RULE,
    &semver::type_removed::RULE,
    &semver::type_made_opaque::RULE,
    &semver::protocol_function_removed::RULE,
    &semver::module_added::RULE,
    &semver::function_added::RULE,
    &semver::type_added::RULE,
    &semver::optional_callback_added::RULE,
    &semver::function_deprecated::RULE,
    &semver::version_bump::RULE,
    // ── config ───────────────────────────────────────────────────────────────
    &config::unused_suppression::RULE,
];

/// Look a rule up by id.
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

/// What a rule can look at.
pub struct Context<'a> {
    pub project: &'a Project,
    pub config: &'a Config,
    /// Set by `hexlint publish`: the `mix hex.publish` arguments and git facts.
    pub publish: Option<&'a crate::publish::PublishPlan>,
    /// Set by `hexlint semver` and `hexlint publish`: the API changes against a baseline.
    pub semver: Option<&'a crate::semver_diff::SemverFacts>,
    files: OnceLock<crate::files::FileSet>,
    modules: OnceLock<crate::modules::ModuleMap>,
    docs_paths: OnceLock<crate::files::docs::DocsPaths>,
    /// Disk facts for the file-hygiene rules (git status, secrets, license texts), lazily.
    hygiene: crate::files::hygiene::HygieneFacts,
}

impl<'a> Context<'a> {
    pub fn new(project: &'a Project, config: &'a Config) -> Self {
        Context {
            project,
            config,
            publish: None,
            semver: None,
            files: OnceLock::new(),
            modules: OnceLock::new(),
            docs_paths: OnceLock::new(),
            hygiene: Default::default(),
        }
    }

    /// Disk facts for the file-hygiene rules, each computed on first use.
    pub fn hygiene(&self) -> &crate::files::hygiene::HygieneFacts {
        &self.hygiene
    }

    /// The packaged file set, expanded once on first use.
    pub fn files(&self) -> &crate::files::FileSet {
        self.files
            .get_or_init(|| crate::files::FileSet::for_project(self.project, self.config))
    }

    /// The modules the package defines, discovered once on first use.
    pub fn modules(&self) -> &crate::modules::ModuleMap {
        self.modules.get_or_init(|| {
            crate::modules::ModuleMap::for_project(self.project, self.files(), self.config)
        })
    }

    /// The files the `docs:` options name, with whether each exists, read once.
    pub fn docs_paths(&self) -> &crate::files::docs::DocsPaths {
        self.docs_paths
            .get_or_init(|| crate::files::docs::DocsPaths::for_project(self.project))
    }

    /// Start a diagnostic for `rule` at `span` in mix.exs, with the rule's default severity.
    pub fn diag(&self, rule: &Rule, span: Option<Span>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(
            rule.id,
            rule.severity,
            self.project.source.clone(),
            span,
            message,
        )
    }

    /// Is this a public (hexpm) package? Hex relaxes some checks for organization packages.
    pub fn is_public(&self) -> bool {
        self.project.organization().is_none()
    }
}

/// Run every enabled rule over a project and return the diagnostics, sorted, with the config's
/// severity overrides and inline suppressions applied.
pub fn run(project: &Project, config: &Config) -> Vec<Diagnostic> {
    run_with(Context::new(project, config))
}

/// [`run`] with a prepared context (e.g. one carrying a publish plan).
pub fn run_with(ctx: Context) -> Vec<Diagnostic> {
    let (project, config) = (ctx.project, ctx.config);
    let mut out = Vec::new();
    for rule in RULES {
        if config.is_enabled(rule.id) {
            (rule.check)(&ctx, &mut out);
        }
    }
    let mut out = config.apply(project, out);
    out.sort_by_key(Diagnostic::sort_key);
    out
}
